/**
 * Where a .cpuprofile spends its time (percent of the non-idle samples): by concern (JWT, driver, ORM,
 * logging, …), self and on-stack time by package / area, top functions by self and by inclusive time.
 *
 *   npm run bench:profile -- bench/results/prof/<file>.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { intArg, parseArgs } from './lib/args';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package or area a frame belongs to: node_modules/<pkg>, src/<module>, node internals, V8. */
function area(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  const source = /\/(src\/(?:modules\/)?[^/]+)/.exec(url);
  if (source) return source[1].replace(/\.js$/, '');
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url.split('/').slice(-2).join('/');
}

/** Concerns a request's time is spent on, by package / area; the first match from the leaf up decides. */
const CATEGORIES: [string, RegExp][] = [
  ['JWT verification (jsonwebtoken)', /^(jsonwebtoken|jws|jwa|@nestjs\/jwt)$/],
  ['SQLite driver (sqlite3)', /^sqlite3$/],
  ['PostgreSQL driver (pg)', /^(pg|pg-protocol|pg-types|postgres-date|pg-pool)$/],
  ['TypeORM', /^typeorm$/],
  ['request logging (pino)', /^(pino|pino-http|@pinojs\/.*|nestjs-pino|sonic-boom)$/],
  ['validation (class-validator/transformer)', /^(class-validator|class-transformer|validator)$/],
  ['body parsing', /^(body-parser|raw-body|iconv-lite|content-type)$/],
  ['Nest / Express / helmet', /^(@nestjs\/.*|express|router|helmet|path-to-regexp|rxjs|finalhandler|send)$/],
  ['HTTP (node:http)', /^node:_http_/],
  ['application code (src/)', /^src\//],
  ['garbage collector', /^\(garbage collector\)$/],
];

function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [--top 25]');
  const top = intArg(parseArgs(args.filter((a) => a !== file)), 'top', 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const idleIds = new Set(
    profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id),
  );
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
  const idle = [...idleIds].reduce((sum, id) => sum + (self.get(id) ?? 0), 0);
  const busy = total - idle;
  const key = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${area(n.callFrame.url, n.callFrame.functionName)}:${n.callFrame.lineNumber + 1}`;

  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of self) {
    if (idleIds.has(id)) continue;
    const node = byId.get(id)!;
    const a = area(node.callFrame.url, node.callFrame.functionName);
    areas.set(a, (areas.get(a) ?? 0) + us);
    functions.set(key(node), (functions.get(key(node)) ?? 0) + us);
  }
  // Inclusive time: each node's subtree, counted once per function along a path (recursion-safe).
  const inclusive = new Map<string, number>();
  const subtree = new Map<number, number>();
  const totalOf = (id: number): number => {
    const cached = subtree.get(id);
    if (cached !== undefined) return cached;
    const node = byId.get(id)!;
    let sum = idleIds.has(id) ? 0 : (self.get(id) ?? 0);
    for (const child of node.children ?? []) sum += totalOf(child);
    subtree.set(id, sum);
    return sum;
  };
  const walk = (id: number, onPath: Set<string>) => {
    const node = byId.get(id)!;
    const k = key(node);
    const fresh = !onPath.has(k);
    if (fresh) {
      inclusive.set(k, (inclusive.get(k) ?? 0) + totalOf(id));
      onPath.add(k);
    }
    for (const child of node.children ?? []) walk(child, onPath);
    if (fresh) onPath.delete(k);
  };
  walk(profile.nodes[0].id, new Set());

  // On-stack time: each sample counts once for every area that appears anywhere in its stack.
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const onStack = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (idleIds.has(id)) return;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const node = byId.get(at)!;
      if (node.callFrame.functionName === '(root)') continue;
      seen.add(area(node.callFrame.url, node.callFrame.functionName));
    }
    for (const a of seen) onStack.set(a, (onStack.get(a) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });

  const categories = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (idleIds.has(id)) return;
    let category = 'other (node internals, native, program)';
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const found = CATEGORIES.find(([, pattern]) => pattern.test(area(frame.url, frame.functionName)));
      if (found) {
        category = found[0];
        break;
      }
    }
    categories.set(category, (categories.get(category) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });

  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const print = (title: string, map: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
    }
  };
  console.log(
    `${file}: ${(total / 1e6).toFixed(1)} s sampled, busy ${(busy / 1e6).toFixed(1)} s (${((100 * busy) / total).toFixed(0)} %)`,
  );
  print('by concern (first match from the leaf up)', categories);
  print('self time by area', areas);
  print('on-stack time by area (a sample counts for every area in its stack)', onStack);
  print('self time by function', functions);
  print('inclusive time by function', inclusive);
}

main();
