// @ts-check
/**
 * Module boundaries of src/modules (docs/architecture.md, "Modules and layers"), checked on every import:
 * - another module's `*.repository` or `entities/` is private: use that module's gateway (its exported service);
 * - a module imports only modules of a LOWER layer, so the modules never import each other in a circle;
 * - `src/common` imports no module.
 * The layer list below is the architecture; a new module takes its place in it.
 */
import path from 'node:path';

/** Lowest first. A module may import modules of earlier lines only. */
export const LAYERS = [
  ['audit', 'idempotency', 'health'],
  ['org'],
  ['users'],
  ['auth', 'households'],
  ['approvals', 'duplicates', 'planning', 'responsibility'],
  ['problems', 'visits', 'timeline'],
  ['stages'],
  ['intents'],
  ['ledger', 'sync', 'dashboard', 'notifications', 'history'],
  ['daily-cycle'],
  ['bulletins'],
  ['options'],
];

/**
 * Imports of another module's entity that are structural, each with its reason. Keyed by importing file
 * (relative to the project) and the imported module path (relative to src/modules).
 */
export const EXCEPTIONS = {};

/** Module imports against the layers, each with its reason and the change that removes it. */
export const LAYER_EXCEPTIONS = {};

const LAYER_OF = new Map(LAYERS.flatMap((names, index) => names.map((name) => [name, index])));

/** 'households' for src/modules/households/..., 'common' for src/common/..., else null. */
function area(file, srcRoot) {
  const rel = path.relative(srcRoot, file).split(path.sep);
  if (rel[0] === '..') return null;
  if (rel[0] === 'modules' && rel.length > 2) return { kind: 'module', name: rel[1], rest: rel.slice(2) };
  if (rel[0] === 'common') return { kind: 'common', name: 'common', rest: rel.slice(1) };
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'module boundaries and layers of src/modules' },
    schema: [],
    messages: {
      private:
        "'{{from}}' may not import '{{target}}': another module's repository and entities are private to it; use its gateway",
      layer:
        "module '{{from}}' (layer {{fromLayer}}) may not import module '{{to}}' (layer {{toLayer}}): a module imports only lower layers (scripts/eslint/module-boundaries.mjs)",
      unlisted: "module '{{name}}' is not in LAYERS (scripts/eslint/module-boundaries.mjs)",
      common: "src/common may not import a module ('{{target}}')",
    },
  },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    const srcRoot = path.join(root, 'src');
    const from = area(file, srcRoot);
    if (!from) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const resolved = path.resolve(path.dirname(file), source);
      const to = area(resolved, srcRoot);
      if (!to || to.kind !== 'module' || (from.kind === 'module' && to.name === from.name)) return;
      const target = path.relative(path.join(srcRoot, 'modules'), resolved).split(path.sep).join('/');
      if (from.kind === 'common') {
        context.report({ node, messageId: 'common', data: { target } });
        return;
      }
      const own = path.relative(root, file).split(path.sep).join('/');
      const last = to.rest[to.rest.length - 1] ?? '';
      if ((last.endsWith('.repository') || to.rest.includes('entities')) && !EXCEPTIONS[own]?.includes(target)) {
        context.report({ node, messageId: 'private', data: { from: own, target } });
      }
      const fromLayer = LAYER_OF.get(from.name);
      const toLayer = LAYER_OF.get(to.name);
      if (fromLayer === undefined || toLayer === undefined) {
        context.report({ node, messageId: 'unlisted', data: { name: fromLayer === undefined ? from.name : to.name } });
      } else if (toLayer >= fromLayer && !LAYER_EXCEPTIONS[`${from.name} -> ${to.name}`]) {
        context.report({
          node,
          messageId: 'layer',
          data: { from: from.name, to: to.name, fromLayer: String(fromLayer), toLayer: String(toLayer) },
        });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

/**
 * How a repository method takes the caller's EntityManager, the same way everywhere: first when the method must
 * run inside the caller's transaction (`manager: EntityManager`), last when it may run outside one
 * (`manager?: EntityManager`, the data source's own manager then).
 */
/** @type {import('eslint').Rule.RuleModule} */
const managerRule = {
  meta: {
    type: 'suggestion',
    docs: { description: 'repository methods take the EntityManager first (required) or last (optional)' },
    schema: [],
    messages: {
      required: "a required 'manager' is a repository method's first parameter",
      optional: "an optional 'manager' is a repository method's last parameter",
    },
  },
  create(context) {
    if (!/\.repository\.ts$/.test(context.filename)) return {};
    return {
      'MethodDefinition > FunctionExpression'(node) {
        node.params.forEach((param, index) => {
          const id = param.type === 'AssignmentPattern' ? param.left : param;
          if (id.type !== 'Identifier' || id.name !== 'manager') return;
          const optional = id.optional || param.type === 'AssignmentPattern';
          if (!optional && index !== 0) context.report({ node: param, messageId: 'required' });
          if (optional && index !== node.params.length - 1) context.report({ node: param, messageId: 'optional' });
        });
      },
    };
  },
};

export default { rules: { 'module-boundaries': rule, 'repository-manager': managerRule } };
