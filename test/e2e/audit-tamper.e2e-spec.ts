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
    expect(await verify()).toEqual({ ok: true, entries: chain.length });
  });

  it('names the entry whose content was edited in the table', async () => {
    const target = middle();
    await t.dataSource.query(
      `UPDATE audit_entry SET changes = '{"cadreId":{"from":null,"to":"someone-else"}}' WHERE id = ${target.id}`,
    );
    expect(await verify()).toEqual({
      ok: false,
      entries: target.sealIndex! - 1,
      brokenAt: { id: target.id, sealIndex: target.sealIndex, reason: 'content does not match its hash' },
    });
    // GET /audit still answers, showing the stored (forged) content.
    const listed = await t.http.get(`/api/v1/audit?entityId=${target.entityId}`).set(auth(world.admin));
    expect(listed.status).toBe(200);

    await entries().update({ id: target.id }, { changes: target.changes });
    expect(await verify()).toEqual({ ok: true, entries: chain.length });
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
    expect(await verify()).toEqual({
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
    expect(await verify()).toEqual({
      ok: false,
      entries: target.sealIndex! - 1,
      brokenAt: { id: next.id, sealIndex: next.sealIndex, reason: 'missing entry before this one' },
    });
    await entries().insert({ ...target });
    expect(await verify()).toEqual({ ok: true, entries: chain.length });
  });

  it('keeps chaining new writes onto the mended log', async () => {
    const created = await t.http
      .post('/api/v1/households')
      .set(auth(world.admin))
      .send(new Factory(t).householdBody(world.villageId, { code: 'TAMPER-AFTER' }));
    expect(created.status).toBe(201);
    expect(await verify()).toEqual({ ok: true, entries: chain.length + 1 });
  });
});
