import { AuditEntryEntity } from '../../src/modules/audit/entities/audit-entry.entity';
import { auditHash } from '../../src/modules/audit/audit-hash';
import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** Its own file: these tests break the audit chain of their database on purpose (and mend it after). */
describe('audit: tampering with the log is detected', () => {
  let t: TestApp;
  let world: World;
  let chain: AuditEntryEntity[];

  beforeAll(async () => {
    t = await createTestApp();
    const factory = new Factory(t);
    world = await factory.world();
    for (let i = 0; i < 3; i++) await factory.household(world, { code: `TAMPER-${i}` });
    const verify = await t.http.get('/api/v1/audit/verify').set(auth(world.admin));
    expect(verify.body.ok).toBe(true);
    chain = await t.dataSource.getRepository(AuditEntryEntity).find({ order: { sealIndex: 'ASC' } });
    expect(chain.length).toBeGreaterThan(10);
    expect(chain.every((e) => e.sealIndex !== null)).toBe(true);
  });
  afterAll(() => t.close());

  const verify = async () => {
    const response = await t.http.get('/api/v1/audit/verify').set(auth(world.admin));
    expect(response.status).toBe(200);
    return response.body;
  };
  const entries = () => t.dataSource.getRepository(AuditEntryEntity);
  const middle = () => chain[Math.floor(chain.length / 2)];

  it('reports ok for the untouched chain', async () => {
    expect(await verify()).toMatchObject({ ok: true, entries: chain.length });
  });

  it('names the entry whose content was edited in the table', async () => {
    const target = middle();
    await t.dataSource.query(
      `UPDATE audit_entry SET changes = '{"cadreId":{"from":null,"to":"someone-else"}}' WHERE id = ${target.id}`,
    );
    expect(await verify()).toMatchObject({
      ok: false,
      entries: target.sealIndex! - 1,
      brokenAt: { id: target.id, sealIndex: target.sealIndex, reason: 'content does not match its hash' },
    });
    // GET /audit still answers, showing the stored (forged) content.
    const listed = await t.http.get(`/api/v1/audit?entityId=${target.entityId}`).set(auth(world.admin));
    expect(listed.status).toBe(200);

    await entries().update({ id: target.id }, { changes: target.changes });
    expect(await verify()).toMatchObject({ ok: true, entries: chain.length });
  });

  it('notices a changed actor, action or time', async () => {
    const target = chain[2];
    const edits: [string, () => Promise<unknown>][] = [
      ['action', () => t.dataSource.query(`UPDATE audit_entry SET action = 'login' WHERE id = ${target.id}`)],
      ['actor', () => t.dataSource.query(`UPDATE audit_entry SET actor_id = NULL WHERE id = ${target.id}`)],
      ['time', () => entries().update({ id: target.id }, { at: new Date(target.at.getTime() + 1000) })],
    ];
    for (const [what, edit] of edits) {
      await edit();
      const result = await verify();
      expect({ what, ok: result.ok, brokenAt: result.brokenAt?.id }).toEqual({
        what,
        ok: false,
        brokenAt: target.id,
      });
      await entries().update(
        { id: target.id },
        { action: target.action, actorId: target.actorId, at: target.at },
      );
      expect((await verify()).ok).toBe(true);
    }
  });

  it('catches an entry rewritten with a recomputed hash at the next link', async () => {
    const target = middle();
    const next = chain[chain.indexOf(target) + 1];
    const forged = { ...target, changes: '{"note":{"from":null,"to":"forged"}}' };
    const forgedHash = auditHash({ ...forged, sealIndex: target.sealIndex! }, target.prevHash!);
    await t.dataSource.query(
      `UPDATE audit_entry SET changes = '${forged.changes}', hash = '${forgedHash}' WHERE id = ${target.id}`,
    );
    expect(await verify()).toMatchObject({
      ok: false,
      entries: next.sealIndex! - 1,
      brokenAt: { id: next.id, sealIndex: next.sealIndex, reason: 'link to previous entry does not match' },
    });
    await entries().update({ id: target.id }, { changes: target.changes, hash: target.hash });
    expect((await verify()).ok).toBe(true);
  });

  it('catches a deleted entry at the one after it', async () => {
    const target = chain[3];
    const next = chain[4];
    await t.dataSource.query(`DELETE FROM audit_entry WHERE id = ${target.id}`);
    expect(await verify()).toMatchObject({
      ok: false,
      entries: target.sealIndex! - 1,
      brokenAt: { id: next.id, sealIndex: next.sealIndex, reason: 'missing entry before this one' },
    });
    await entries().insert({ ...target });
    expect(await verify()).toMatchObject({ ok: true, entries: chain.length });
  });

  it('keeps chaining new writes onto the mended log', async () => {
    const created = await t.http
      .post('/api/v1/households')
      .set(auth(world.admin))
      .send(new Factory(t).householdBody(world.villageId, { code: 'TAMPER-AFTER' }));
    expect(created.status).toBe(201);
    expect(await verify()).toMatchObject({ ok: true, entries: chain.length + 1 });
  });

  describe('keyed checkpoints: the tail and a rewritten chain', () => {
    const checkpoints = () =>
      t.dataSource.query(
        'SELECT id, seal_index, head_hash, mac FROM audit_checkpoint ORDER BY seal_index, id',
      );
    const all = () => entries().find({ order: { sealIndex: 'ASC' } });

    it('names a truncated tail: the newest entries deleted (the chain alone could not tell)', async () => {
      const before = await all();
      const tail = before.slice(-2);
      const ok = await verify();
      expect(ok).toMatchObject({ ok: true, checkpoint: { entries: before.length, mac: expect.any(String) } });
      await t.dataSource.query(`DELETE FROM audit_entry WHERE id IN (${tail.map((e) => e.id).join(', ')})`);
      expect(await verify()).toMatchObject({
        ok: false,
        entries: before.length - 2,
        brokenAt: {
          id: null,
          sealIndex: before.length - 1,
          reason: `entries ${before.length - 1}–${before.length} are missing: a checkpoint recorded ${before.length} entries`,
        },
      });
      await entries().insert(tail);
      expect((await verify()).ok).toBe(true);
    });

    it('a tail deleted with its checkpoints is still named by the checkpoint kept outside (log, daily report)', async () => {
      const before = await all();
      const outside = (await verify()).checkpoint; // what the log line and the daily report carry
      const cutAt = before.length - 3;
      const tail = before.slice(cutAt);
      const newer = (await checkpoints()).filter((c: { seal_index: number }) => Number(c.seal_index) > cutAt);
      await t.dataSource.query(`DELETE FROM audit_entry WHERE id IN (${tail.map((e) => e.id).join(', ')})`);
      await t.dataSource.query(
        `DELETE FROM audit_checkpoint WHERE id IN (${newer.map((c: { id: number }) => c.id).join(', ')})`,
      );
      expect((await verify()).ok).toBe(true); // consistent inside the database: that is the attack
      const held = await t.http
        .get(`/api/v1/audit/verify?entries=${outside.entries}&head=${outside.head}`)
        .set(auth(world.admin));
      expect(held.body).toMatchObject({
        ok: false,
        entries: cutAt,
        brokenAt: { id: null, sealIndex: cutAt + 1 },
      });
      await entries().insert(tail);
      for (const c of newer)
        await t.dataSource.query(
          `INSERT INTO audit_checkpoint (seal_index, head_hash, mac, at) VALUES (${c.seal_index}, '${c.head_hash}', '${c.mac}', '2026-12-01 00:00:00')`,
        );
      const mended = await t.http
        .get(`/api/v1/audit/verify?entries=${outside.entries}&head=${outside.head}`)
        .set(auth(world.admin));
      expect(mended.body.ok).toBe(true);
    });

    it('catches a chain recomputed from an edited entry to the end, at the next checkpoint', async () => {
      const before = await all();
      const from = before.length - 4;
      let prevHash = before[from - 1].hash!;
      for (const entry of before.slice(from)) {
        const changes =
          entry.sealIndex === from + 1 ? '{"note":{"from":null,"to":"rewritten"}}' : entry.changes;
        const hash = auditHash({ ...entry, changes, sealIndex: entry.sealIndex! }, prevHash);
        await entries().update({ id: entry.id }, { changes, hash, prevHash });
        prevHash = hash;
      }
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.brokenAt.reason).toBe('does not match checkpoint: the chain was rewritten up to here');
      expect(result.brokenAt.sealIndex).toBeGreaterThan(from);
      for (const entry of before.slice(from))
        await entries().update(
          { id: entry.id },
          { changes: entry.changes, hash: entry.hash, prevHash: entry.prevHash },
        );
      expect((await verify()).ok).toBe(true);
    });

    it('refuses a checkpoint written without the key', async () => {
      const before = await all();
      const head = before[before.length - 1];
      await t.dataSource.query(
        `INSERT INTO audit_checkpoint (seal_index, head_hash, mac, at) VALUES (${head.sealIndex! + 5}, '${head.hash}', '${'0'.repeat(64)}', '2026-12-01 00:00:00')`,
      );
      expect(await verify()).toMatchObject({
        ok: false,
        brokenAt: {
          id: null,
          sealIndex: head.sealIndex! + 5,
          reason: 'checkpoint does not verify: forged or altered',
        },
      });
      await t.dataSource.query(`DELETE FROM audit_checkpoint WHERE mac = '${'0'.repeat(64)}'`);
      expect((await verify()).ok).toBe(true);
    });

    it('refuses a malformed outside checkpoint with 400', async () => {
      const response = await t.http.get('/api/v1/audit/verify?entries=3&head=xyz').set(auth(world.admin));
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'head', message: '必须是64位十六进制哈希' }]);
    });

    it('each daily report keeps the checkpoint of its run', async () => {
      const date = '2026-12-01';
      t.clock.set('2026-12-01T12:00:00Z');
      expect((await t.http.post(`/api/v1/cycle/${date}/run`).set(auth(world.commander))).status).toBe(202);
      let report;
      for (let i = 0; i < 200 && !report; i++) {
        const response = await t.http.get(`/api/v1/reports/daily/${date}`).set(auth(world.commander));
        if (response.status === 200) report = response.body;
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
      t.clock.reset();
      expect(report.auditCheckpoint).toEqual({
        entries: expect.any(Number),
        head: expect.stringMatching(/^[0-9a-f]{64}$/),
        mac: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const held = await t.http
        .get(
          `/api/v1/audit/verify?entries=${report.auditCheckpoint.entries}&head=${report.auditCheckpoint.head}`,
        )
        .set(auth(world.admin));
      expect(held.body.ok).toBe(true);
    });
  });
});
