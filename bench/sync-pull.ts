/**
 * GET /sync/pull on the demo data (what `npm start` seeds), in process, on a fresh database:
 *
 *   npm run bench:sync              # SQLite
 *   DB=postgres npm run bench:sync  # PostgreSQL (PG_TEST_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *
 * Measures cadre01's first pull (their ~25 demo households), then the same after the commander assigns all 300
 * households to cadre01 (the contract's worst case: one request), an empty delta, and a delta after one visit:
 * time (median of 7 after a warm-up), JSON bytes and gzip bytes.
 */
import { gzipSync } from 'node:zlib';

async function main(): Promise<void> {
  require('../test/support/env'); // eslint-disable-line @typescript-eslint/no-require-imports -- env before any entity is imported
  const { createTestApp } = await import('../test/support/test-app');
  const { DemoSeeder } = await import('../src/database/seed/demo-seeder');
  const t = await createTestApp();
  try {
    t.clock.set(new Date());
    const seedStart = Date.now();
    await t.app.get(DemoSeeder).seedIfEmpty();
    t.clock.reset();
    console.log(`demo seeded in ${Date.now() - seedStart} ms (${process.env.DB ?? 'sqlite'})`);
    const cadre = await t.login('cadre01', 'Demo@2026');
    const commander = await t.login('commander', 'Demo@2026');
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

    const measure = async (label: string, since?: string) => {
      const times: number[] = [];
      let body = '';
      let parsed: { cursor: string; households: unknown[]; tasks: unknown[] } | null = null;
      for (let i = 0; i < 8; i++) {
        const started = process.hrtime.bigint();
        const response = await t.http
          .get('/api/v1/sync/pull')
          .query(since ? { since } : {})
          .set(auth(cadre));
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (response.status !== 200) throw new Error(`${response.status} ${response.text}`);
        if (i > 0) times.push(ms);
        body = response.text;
        parsed = response.body;
      }
      times.sort((a, b) => a - b);
      console.log(
        `${label}: ${parsed!.households.length} households, ${parsed!.tasks.length} tasks; median ${times[3].toFixed(1)} ms ` +
          `(min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}); ${body.length} bytes JSON, ` +
          `${gzipSync(body).length} bytes gzip`,
      );
      return parsed!;
    };

    const own = await measure('cadre01 reset (own demo households)');
    const all = await t.http.get('/api/v1/households?pageSize=200&page=1').set(auth(commander));
    const all2 = await t.http.get('/api/v1/households?pageSize=200&page=2').set(auth(commander));
    const ids = [...all.body.items, ...all2.body.items].map((h: { id: string }) => h.id);
    const me = (await t.http.get('/api/v1/auth/me').set(auth(cadre))).body.id;
    const assigned = await t.http
      .post('/api/v1/households/assignments')
      .set(auth(commander))
      .send({ householdIds: ids, cadreId: me });
    if (assigned.status !== 200) throw new Error(`assign ${assigned.status}`);
    const full = await measure(`cadre01 reset after taking all ${ids.length} households`);
    await measure('empty delta', full.cursor);
    const visited = await t.http
      .post(`/api/v1/households/${ids[0]}/visits`)
      .set(auth(cadre))
      .send({ visitedAt: new Date().toISOString(), method: 'phone', summary: '电话回访' });
    if (visited.status !== 201) throw new Error(`visit ${visited.status}`);
    await measure('delta after one visit', full.cursor);
    void own;
  } finally {
    await t.close();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
