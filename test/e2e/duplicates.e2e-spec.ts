import { Duplicates1765300000000 } from '../../migrations/1765300000000-duplicates';
import { auth, Factory, residentId, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { LedgerBook, orgUnits, template, upload } from './ledger.support';

type Body = Record<string, any>;

/**
 * Issue #16 part 3: the same person in two households is flagged for the command centre's review, never refused
 * (docs/architecture.md, "Duplicate people"): at registration, edit and ledger import; decided once.
 */
describe('duplicates: likely duplicate people across households', () => {
  let t: TestApp;
  let f: Factory;
  let world: World;
  let township: string;
  let village: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-12-01T02:00:00Z');
    f = new Factory(t);
    world = await f.world();
    const units = await orgUnits(t, world.admin);
    township = units.find((u) => u.id === world.townshipId)!.name;
    village = units.find((u) => u.id === world.villageId)!.name;
  });
  afterAll(() => t.close());

  const member = (
    name: string,
    birthDate: string,
    relation = 'child',
    sex: 'male' | 'female' = 'female',
  ) => ({
    name,
    idNumber: residentId(sex, birthDate),
    sex,
    birthDate,
    relation,
  });
  const pairsOf = async (householdId: string, token = world.commander, query = '') => {
    const response = await t.http
      .get(`/api/v1/duplicates?householdId=${householdId}${query}`)
      .set(auth(token));
    expect(response.status).toBe(200);
    return response.body.items as Body[];
  };
  const getPair = (id: string, token = world.commander, query = '') =>
    t.http.get(`/api/v1/duplicates/${id}${query}`).set(auth(token));
  const decide = (id: string, body: Body, token = world.commander) =>
    t.http.post(`/api/v1/duplicates/${id}/decision`).set(auth(token)).send(body);
  const patch = (household: Body, body: Body) =>
    t.http
      .patch(`/api/v1/households/${household.id}`)
      .set(auth(world.admin))
      .send({ version: household.version, ...body });
  const counts = async () => {
    const [pairs] = await t.dataSource.query('SELECT COUNT(*) AS n FROM duplicate_pair');
    const [members] = await t.dataSource.query('SELECT COUNT(*) AS n FROM household_member');
    const [audit] = await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_entry');
    return { pairs: Number(pairs.n), members: Number(members.n), audit: Number(audit.n) };
  };

  describe('flagged, not refused', () => {
    let first: Body;
    let second: Body;

    it('at registration: a member with the same name and birth date as one of another household', async () => {
      first = await f.household(world, { members: [member('龙秀英', '1980-03-15')] });
      second = await f.household(world, {
        cadreId: world.otherCadre.id,
        members: [member('龙秀英', '1980-03-15')],
      });
      const [pair] = await pairsOf(second.id);
      expect(pair).toMatchObject({ status: 'open', reasons: ['name_birth'], decision: null, version: 1 });
      const sides = [pair.a, pair.b].sort((x: Body, y: Body) =>
        x.householdCode.localeCompare(y.householdCode),
      );
      expect(sides.map((s: Body) => s.householdId).sort()).toEqual([first.id, second.id].sort());
      for (const side of sides) {
        expect(side).toMatchObject({
          name: '龙秀英',
          birthDate: '1980-03-15',
          relation: 'child',
          present: true,
        });
        // Masked like every other resident ID; a member carries no phone.
        expect(side.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
        expect(side.phone).toBeNull();
      }
      expect(await pairsOf(first.id)).toHaveLength(1);
    });

    it('namesakes with another birth date are not flagged', async () => {
      const namesake = await f.household(world, { members: [member('龙秀英', '1981-03-15')] });
      expect(await pairsOf(namesake.id)).toEqual([]);
    });

    it('at edit: the same phone on another household’s head (masked in the evidence); gone again when corrected', async () => {
      const one = await f.household(world, { phone: '13900001111' });
      const other = await f.household(world, { phone: '13900002222' });
      expect(await pairsOf(other.id)).toEqual([]);
      const edited = await patch(other, { phone: '13900001111' });
      expect(edited.status).toBe(200);
      const [pair] = await pairsOf(other.id);
      expect(pair.reasons).toEqual(['phone']);
      expect([pair.a.relation, pair.b.relation]).toEqual(['head', 'head']);
      expect([pair.a.phone, pair.b.phone]).toEqual(['139****1111', '139****1111']);
      expect([pair.a.householdId, pair.b.householdId].sort()).toEqual([one.id, other.id].sort());

      const corrected = await patch(edited.body, { phone: '13900003333' });
      expect(corrected.status).toBe(200);
      expect(await pairsOf(other.id)).toEqual([]);
    });

    it('at edit: a member added with the name and birth date of another household’s member', async () => {
      const one = await f.household(world, { members: [member('石老三', '1955-07-01', 'parent', 'male')] });
      const other = await f.household(world);
      const edited = await patch(other, { members: [member('石老三', '1955-07-01', 'parent', 'male')] });
      expect(edited.status).toBe(200);
      const [pair] = await pairsOf(other.id);
      expect(pair.reasons).toEqual(['name_birth']);
      expect([pair.a.householdId, pair.b.householdId].sort()).toEqual([one.id, other.id].sort());
    });
  });

  describe('decisions', () => {
    let first: Body;
    let second: Body;
    let pair: Body;
    const secondMember = member('吴金花', '1979-09-09');

    beforeAll(async () => {
      first = await f.household(world, { members: [member('吴金花', '1979-09-09')] });
      second = await f.household(world, { cadreId: world.otherCadre.id, members: [secondMember] });
      [pair] = await pairsOf(second.id);
    });

    it('refuses bad input with a 4xx and a code, changing nothing', async () => {
      const before = await counts();
      const cases: [Body, number, string][] = [
        [{ decision: 'maybe', version: 1 }, 400, 'VALIDATION_FAILED'],
        [{ decision: 'different_people' }, 400, 'VALIDATION_FAILED'],
        [{ decision: 'same_person', version: 1 }, 400, 'VALIDATION_FAILED'],
        [{ decision: 'different_people', version: 1, keepHouseholdId: first.id }, 400, 'VALIDATION_FAILED'],
        [{ decision: 'same_person', version: 1, keepHouseholdId: world.villageId }, 400, 'VALIDATION_FAILED'],
        [{ decision: 'different_people', version: 1, extra: true }, 400, 'VALIDATION_FAILED'],
        [{ decision: 'different_people', version: 7 }, 409, 'STALE_VERSION'],
      ];
      for (const [body, status, code] of cases) {
        const response = await decide(pair.id, body);
        expect({ body, status: response.status, code: response.body.code }).toEqual({ body, status, code });
        expect(response.body.message).toMatch(/[\u4e00-\u9fa5]/);
      }
      const unknown = await decide('00000000-0000-4000-8000-000000000000', {
        decision: 'different_people',
        version: 1,
      });
      expect([unknown.status, unknown.body.code]).toEqual([404, 'DUPLICATE_NOT_FOUND']);
      expect((await getPair('not-a-uuid')).status).toBe(404);
      const badFilter = await t.http.get('/api/v1/duplicates?status=maybe').set(auth(world.commander));
      expect([badFilter.status, badFilter.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(await counts()).toEqual(before);
      expect((await getPair(pair.id)).body).toMatchObject({ status: 'open', version: 1 });
    });

    it('404 for those who may not see both households; supervisors read but may not decide', async () => {
      expect((await pairsOf(second.id, world.cadre.token)).map((p) => p.id)).not.toContain(pair.id);
      expect((await getPair(pair.id, world.cadre.token)).status).toBe(404);
      expect((await getPair(pair.id, world.handler.token)).body.code).toBe('DUPLICATE_NOT_FOUND');
      expect((await getPair(pair.id, world.otherOfficial.token)).status).toBe(404);
      expect((await getPair(pair.id, world.official.token)).status).toBe(200);
      expect((await getPair(pair.id, world.supervisor)).status).toBe(200);
      expect(
        (await decide(pair.id, { decision: 'different_people', version: 1 }, world.supervisor)).status,
      ).toBe(403);
      expect(
        (await decide(pair.id, { decision: 'different_people', version: 1 }, world.cadre.token)).status,
      ).toBe(403);
      expect((await getPair(pair.id, world.supervisor, '?reveal=true')).status).toBe(403);
    });

    it('a full read is for the command centre and audited on both households', async () => {
      const revealed = await getPair(pair.id, world.commander, '?reveal=true');
      expect(revealed.status).toBe(200);
      const ids = [revealed.body.a.idNumber, revealed.body.b.idNumber];
      const stored = [...first.members, ...second.members]
        .filter((m: Body) => m.name === '吴金花')
        .map((m: Body) => m.idNumber);
      expect(ids.every((id: string) => /^\d{17}[\dX]$/.test(id))).toBe(true);
      expect(ids.map((id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`).sort()).toEqual(
        stored.sort(),
      );
      const entries = await t.dataSource.query(
        `SELECT entity_id FROM audit_entry WHERE action = 'reveal' AND entity_id IN ('${first.id}', '${second.id}')`,
      );
      expect(entries.map((e: Body) => e.entity_id).sort()).toEqual([first.id, second.id].sort());
    });

    it('"different people" is recorded, and never flagged again (also after another edit)', async () => {
      const decided = await decide(pair.id, { decision: 'different_people', version: 1, note: '同名不同人' });
      expect(decided.status).toBe(200);
      expect(decided.body).toMatchObject({
        status: 'different_people',
        version: 2,
        decision: { note: '同名不同人', keptHouseholdId: null, decidedAt: '2026-12-01T02:00:00.000Z' },
      });
      expect(decided.body.decision.decidedBy.displayName).toMatch(/commander/);
      const again = await decide(pair.id, { decision: 'same_person', version: 2, keepHouseholdId: first.id });
      expect([again.status, again.body.code]).toEqual([409, 'DUPLICATE_ALREADY_DECIDED']);

      // Edited again, the same member sent back as she is (and the note changed): still decided, not reopened.
      const current = (await t.http.get(`/api/v1/households/${second.id}`).set(auth(world.admin))).body;
      const edited = await patch(current, { note: '再次编辑', members: [secondMember] });
      expect(edited.status).toBe(200);
      expect(edited.body.version).toBe(current.version + 1);
      const untouched = await patch(edited.body, { address: '新地址' });
      expect(untouched.status).toBe(200);
      expect(await pairsOf(second.id, world.commander, '&status=open')).toEqual([]);
      expect((await pairsOf(second.id)).map((p) => [p.id, p.status])).toEqual([
        [pair.id, 'different_people'],
      ]);
      expect((await pairsOf(first.id, world.commander, '&status=open')).map((p) => p.id)).not.toContain(
        pair.id,
      );
    });

    it('"different people" stays decided when one of the two households is edited', async () => {
      const fresh = await f.household(world, { members: [member('麻春燕', '1988-08-08')] });
      const twin = await f.household(world, { members: [member('麻春燕', '1988-08-08')] });
      const [p] = await pairsOf(twin.id);
      expect((await decide(p.id, { decision: 'different_people', version: 1 })).status).toBe(200);
      const touched = await patch(twin, { note: '编辑后仍是不同人' });
      expect(touched.status).toBe(200);
      expect(await pairsOf(twin.id, world.commander, '&status=open')).toEqual([]);
      expect((await pairsOf(fresh.id))[0]).toMatchObject({ id: p.id, status: 'different_people' });
    });
  });

  describe('"same person": the merge', () => {
    it('removes the entry from the household not kept, audited; the kept one stays as it is', async () => {
      const kept = await f.household(world, { members: [member('石小妹', '1990-01-01')] });
      const other = await f.household(world, {
        members: [member('石小妹', '1990-01-01'), member('石小弟', '1992-02-02', 'child', 'male')],
      });
      const [pair] = await pairsOf(other.id);
      const response = await decide(pair.id, {
        decision: 'same_person',
        version: 1,
        keepHouseholdId: kept.id,
        note: '户籍已迁入',
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'same_person', decision: { keptHouseholdId: kept.id } });
      const gone = [response.body.a, response.body.b].find((s: Body) => s.householdId === other.id);
      expect(gone).toMatchObject({ name: '石小妹', present: false, idNumber: null });

      const after = (await t.http.get(`/api/v1/households/${other.id}`).set(auth(world.admin))).body;
      expect(after.members.map((m: Body) => m.name)).toEqual([other.headName, '石小弟']);
      expect(after.version).toBe(other.version + 1);
      const keptAfter = (await t.http.get(`/api/v1/households/${kept.id}`).set(auth(world.admin))).body;
      expect(keptAfter.members.map((m: Body) => m.name)).toEqual([kept.headName, '石小妹']);
      expect(keptAfter.version).toBe(kept.version);

      const merge = await t.dataSource.query(
        `SELECT actor_role, household_id, changes FROM audit_entry WHERE action = 'duplicate_merge' AND entity_id = '${other.id}'`,
      );
      expect(merge).toHaveLength(1);
      expect(merge[0]).toMatchObject({ actor_role: 'commander', household_id: other.id });
      expect(JSON.parse(merge[0].changes)._context).toMatchObject({
        duplicatePairId: pair.id,
        keptHouseholdId: kept.id,
      });
      const decision = await t.dataSource.query(
        `SELECT changes FROM audit_entry WHERE action = 'duplicate_decide' AND entity_id = '${pair.id}'`,
      );
      expect(JSON.parse(decision[0].changes).status).toEqual({ from: 'open', to: 'same_person' });
      // The household's timeline shows the merge.
      const timeline = await t.http.get(`/api/v1/households/${other.id}/timeline`).set(auth(world.admin));
      expect(JSON.stringify(timeline.body)).toContain('duplicate_merge');
    });

    it('refuses two heads (409 DUPLICATE_MERGE_TWO_HEADS), and a merge that would remove a head, changing nothing', async () => {
      await f.household(world, { phone: '13700004444' });
      const other = await f.household(world, { phone: '13700004444' });
      const [heads] = await pairsOf(other.id);
      const before = await counts();
      const refused = await decide(heads.id, {
        decision: 'same_person',
        version: 1,
        keepHouseholdId: other.id,
      });
      expect([refused.status, refused.body.code]).toEqual([409, 'DUPLICATE_MERGE_TWO_HEADS']);
      expect(refused.body.message).toContain('每户必须有且只有一名户主');

      const headId = residentId('male', '1970-05-05');
      const headHousehold = await f.household(world, { headName: '田大', headIdNumber: headId });
      const memberHousehold = await f.household(world, {
        members: [member('田大', '1970-05-05', 'sibling', 'male')],
      });
      const [mixed] = await pairsOf(memberHousehold.id);
      const removesHead = await decide(mixed.id, {
        decision: 'same_person',
        version: 1,
        keepHouseholdId: memberHousehold.id,
      });
      expect([removesHead.status, removesHead.body.code]).toEqual([409, 'DUPLICATE_MERGE_REMOVES_HEAD']);
      expect(removesHead.body.message).toContain(headHousehold.code);
      const after = await counts();
      expect(after.members).toBe(before.members + 3);
      expect((await getPair(heads.id)).body.status).toBe('open');
      expect((await getPair(mixed.id)).body.status).toBe('open');
    });
  });

  describe('ledger import', () => {
    it('the dry run lists likely duplicates as notes (not errors) and flags nothing; the import flags them', async () => {
      const stored = await f.household(world, { members: [member('彭桂兰', '1966-06-06')] });
      const book = await LedgerBook.from(await template(t, world.admin));
      const headId = residentId('male', '1960-01-01');
      const memberId = residentId('female', '1966-06-06');
      book.household({
        户编号: 'DUP-L-1',
        乡镇: township,
        村: village,
        户主姓名: '彭大',
        户主身份证号: headId,
      });
      book.member({ 户编号: 'DUP-L-1', 姓名: '彭大', 身份证号: headId, 与户主关系: '户主' });
      book.member({ 户编号: 'DUP-L-1', 姓名: '彭桂兰', 身份证号: memberId, 与户主关系: '子女' });
      const file = await book.buffer();

      const before = await counts();
      const dry = await upload(t, world.admin, file, '台账.xlsx', '?dryRun=true');
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ dryRun: true, created: 1, failed: 0, errors: [] });
      const notes = dry.body.notes.filter((n: Body) => n.message.includes('疑似重复人员'));
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ sheet: '户籍台账', row: 2 });
      expect(notes[0].message).toContain(`「${stored.code}」户`);
      expect(notes[0].message).toContain('彭桂兰');
      expect(notes[0].message).toContain('同名同出生日期');
      expect(await counts()).toEqual(before);

      const real = await upload(t, world.admin, file, '台账.xlsx');
      expect(real.status).toBe(200);
      expect(real.body).toMatchObject({ dryRun: false, created: 1, failed: 0, errors: [] });
      expect(real.body.notes.filter((n: Body) => n.message.includes('疑似重复人员'))).toHaveLength(1);
      const [pair] = await pairsOf(stored.id);
      expect(pair).toMatchObject({ status: 'open', reasons: ['name_birth'] });
      expect([pair.a.householdCode, pair.b.householdCode].sort()).toEqual(['DUP-L-1', stored.code].sort());

      // Decided "different people": the same file again has no such note, and nothing is flagged again.
      expect((await decide(pair.id, { decision: 'different_people', version: 1 })).status).toBe(200);
      const again = await upload(t, world.admin, file, '台账.xlsx', '?dryRun=true');
      expect(again.body.notes.filter((n: Body) => n.message.includes('疑似重复人员'))).toEqual([]);
    });

    it('two households of one file with the same head phone: a note on the dry run, a pair once imported', async () => {
      const book = await LedgerBook.from(await template(t, world.admin));
      for (const code of ['DUP-P-1', 'DUP-P-2']) {
        book.household({
          户编号: code,
          乡镇: township,
          村: village,
          户主姓名: `向${code.slice(-1)}`,
          户主身份证号: residentId('male'),
          联系电话: '13655556666',
        });
      }
      const file = await book.buffer();
      const dry = await upload(t, world.admin, file, '台账.xlsx', '?dryRun=true');
      const notes = dry.body.notes.filter((n: Body) => n.message.includes('疑似重复人员'));
      expect(notes).toHaveLength(1);
      expect(notes[0].message).toContain('户主联系电话相同');
      expect(notes[0].message).toMatch(/本表第\d+行/);
      const real = await upload(t, world.admin, file, '台账.xlsx');
      expect(real.body).toMatchObject({ created: 2, failed: 0 });
      const list = await t.http
        .get('/api/v1/duplicates?reason=phone&status=open&pageSize=200')
        .set(auth(world.commander));
      const pair = list.body.items.find(
        (p: Body) => [p.a.householdCode, p.b.householdCode].sort().join() === 'DUP-P-1,DUP-P-2',
      );
      expect(pair).toMatchObject({ reasons: ['phone'] });
    });
  });

  it("the migration's backfill hashes every stored head's phone as the application does", async () => {
    const withPhone = [
      await f.household(world, { phone: '13700001111' }),
      await f.household(world, { phone: '13700002222' }),
    ];
    const without = await f.household(world, { phone: null });
    const ids = [...withPhone, without].map((h) => h.id as string);
    const hashes = async () => {
      const rows: { id: string; phone_hash: string | null }[] = await t.dataSource.query(
        `SELECT id, phone_hash FROM household WHERE id IN (${ids.map((id) => `'${id}'`).join(', ')})`,
      );
      return Object.fromEntries(rows.map((r) => [r.id, r.phone_hash]));
    };
    const written = await hashes();
    expect(written[withPhone[0].id]).toMatch(/^[0-9a-f]{64}$/);
    expect(written[without.id]).toBeNull();
    // A database from before the migration: no hashes; the backfill (run by the migration) puts back the same.
    await t.dataSource.query('UPDATE household SET phone_hash = NULL');
    const runner = t.dataSource.createQueryRunner();
    try {
      await (new Duplicates1765300000000() as any).backfillPhoneHashes(runner);
    } finally {
      await runner.release();
    }
    expect(await hashes()).toEqual(written);
  });

  it('a full scan finds pairs in data that came in without detection, and is idempotent', async () => {
    const one = await f.household(world, { members: [member('滕翠云', '1977-07-07')] });
    const other = await f.household(world, { members: [member('滕翠云', '1977-07-07')] });
    await t.dataSource.query(
      `DELETE FROM duplicate_pair WHERE household_a_id IN ('${one.id}', '${other.id}')`,
    );
    expect(await pairsOf(other.id)).toEqual([]);
    expect((await t.http.post('/api/v1/duplicates/scan').set(auth(world.cadre.token))).status).toBe(403);
    const scan = await t.http.post('/api/v1/duplicates/scan').set(auth(world.commander));
    expect(scan.status).toBe(200);
    expect(scan.body.flagged).toBeGreaterThanOrEqual(1);
    expect(await pairsOf(other.id)).toHaveLength(1);
    const again = await t.http.post('/api/v1/duplicates/scan').set(auth(world.commander));
    expect(again.body).toMatchObject({ flagged: 0, reopened: 0, cleared: 0 });
  });
});
