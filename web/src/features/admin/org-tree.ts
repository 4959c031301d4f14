import type { OrgUnit } from '../reference/reference';

export type OrgKind = 'command_centre' | 'township' | 'village' | 'task_force' | 'unit';

export const KIND_LABELS: Record<OrgKind, string> = {
  command_centre: '指挥部',
  township: '乡镇',
  village: '村',
  task_force: '专班',
  unit: '单位',
};

/** Which kinds may sit under a parent of this kind (null: the top); the server's rule, so the form offers only those. */
const ALLOWED_PARENTS: Record<OrgKind, (OrgKind | null)[]> = {
  command_centre: [null],
  township: [null, 'command_centre'],
  village: ['township'],
  task_force: [null, 'command_centre'],
  unit: [null, 'command_centre', 'township'],
};

export function kindsUnder(parentKind: string | null): OrgKind[] {
  return (Object.keys(ALLOWED_PARENTS) as OrgKind[]).filter((kind) =>
    ALLOWED_PARENTS[kind].includes(parentKind as OrgKind | null),
  );
}

export interface OrgNode {
  key: string;
  /** What antd's Tree and TreeSelect show and search. */
  title: string;
  value: string;
  unit: OrgUnit;
  children: OrgNode[];
}

const KIND_ORDER: OrgKind[] = ['command_centre', 'township', 'village', 'task_force', 'unit'];
const rank = (unit: OrgUnit) => {
  const index = KIND_ORDER.indexOf(unit.kind as OrgKind);
  return index < 0 ? KIND_ORDER.length : index;
};

/**
 * The tree from GET /org-units' flat list: children under their parent, by kind (townships before task forces)
 * then code and name. A unit whose parent is missing is shown at the top rather than lost; a cycle cannot hide a unit.
 */
export function buildOrgTree(units: OrgUnit[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  for (const unit of units)
    nodes.set(unit.id, { key: unit.id, value: unit.id, title: unit.name, unit, children: [] });
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.unit.parentId;
    const parent = parentId && parentId !== node.key ? nodes.get(parentId) : undefined;
    if (parent && !isAncestor(node, parent, nodes)) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrgNode[]) => {
    list.sort(
      (a, b) =>
        rank(a.unit) - rank(b.unit) ||
        (a.unit.code ?? '').localeCompare(b.unit.code ?? '') ||
        a.title.localeCompare(b.title, 'zh-CN'),
    );
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** Whether `node` is already above `candidate` (following parents up), which would close a cycle. */
function isAncestor(node: OrgNode, candidate: OrgNode, nodes: Map<string, OrgNode>): boolean {
  const seen = new Set<string>();
  for (let at: OrgNode | undefined = candidate; at;) {
    if (at.key === node.key) return true;
    if (seen.has(at.key)) return false;
    seen.add(at.key);
    at = at.unit.parentId ? nodes.get(at.unit.parentId) : undefined;
  }
  return false;
}

/** 矮寨镇 / 大兴寨村: a unit's path from the top, for labels where the tree is not shown. */
export function orgPath(id: string, byId: Map<string, OrgUnit>): string {
  const names: string[] = [];
  const seen = new Set<string>();
  for (
    let unit = byId.get(id);
    unit && !seen.has(unit.id);
    unit = unit.parentId ? byId.get(unit.parentId) : undefined
  ) {
    seen.add(unit.id);
    names.unshift(unit.name);
  }
  return names.join(' / ');
}

/** Every key of the tree, for expanding it all at once. */
export function allKeys(nodes: OrgNode[]): string[] {
  return nodes.flatMap((node) => [node.key, ...allKeys(node.children)]);
}
