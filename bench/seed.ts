/**
 * Benchmark data generator: the project's migrations, then bulk inserts of a realistic campaign.
 *
 *   npm run bench:seed -- --households 100000 --visits 1000000 [--problems 50000]
 *                         [--database sqlite:/tmp/bench.sqlite | postgres://postgres@127.0.0.1:5432/relocation_bench]
 *                         [--fresh] [--analyze] [--cadres 400] [--days 200] [--seed 2026] [--password Bench@2026]
 *
 * PII is encrypted with the PII_KEY the server will use (env, or data/secrets.json like the app itself).
 */
import { intArg, parseArgs } from './lib/args';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const known = [
    'households',
    'visits',
    'problems',
    'cadres',
    'days',
    'seed',
    'password',
    'database',
    'fresh',
    'analyze',
    'now',
  ];
  const unknown = [...args.keys()].filter((k) => !known.includes(k));
  if (unknown.length) throw new Error(`unknown option(s): ${unknown.map((k) => `--${k}`).join(', ')}`);
  // Entity column types are fixed from DATABASE_URL when the entity files load, so set it first.
  if (args.has('database')) process.env.DATABASE_URL = args.get('database');
  const { loadConfig } = await import('../src/config/app-config');
  const { runSeed } = await import('./seed/run');
  const now = args.has('now') ? Date.parse(args.get('now')!) : Date.now();
  if (Number.isNaN(now)) throw new Error('--now must be an ISO date-time');
  await runSeed({
    config: loadConfig(),
    households: intArg(args, 'households', 100_000),
    visits: intArg(args, 'visits', 1_000_000),
    problems: intArg(args, 'problems', 50_000),
    cadres: intArg(args, 'cadres', 400),
    days: intArg(args, 'days', 200),
    seed: intArg(args, 'seed', 2026),
    password: args.get('password') ?? 'Bench@2026',
    fresh: args.get('fresh') === 'true',
    analyze: args.has('analyze')
      ? args.get('analyze') === 'true'
      : process.env.DATABASE_URL?.startsWith('postgres') === true,
    now,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
