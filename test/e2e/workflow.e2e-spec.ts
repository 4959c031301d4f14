import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** One household from registered to closed through every approval level, with rejections and a rollback. */
describe('stage workflow and approvals', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t);
    w = await f.world();
  });
  afterAll(() => t.close());

  const get = async (id: string) =>
    (await t.http.get(`/api/v1/households/${id}`).set(auth(w.commander))).body;
  const transition = (token: string, id: string, to: string, version: number, comment?: string) =>
    t.http.post(`/api/v1/households/${id}/transitions`).set(auth(token)).send({ to, version, comment });
  const decide = (token: string, approvalId: string, decision: 'approve' | 'reject', comment?: string) =>
    t.http.post(`/api/v1/approvals/${approvalId}/decision`).set(auth(token)).send({ decision, comment });

  it('walks registered → closed, with a rejection, a rollback and every approval level', async () => {
    const h = await f.household(w);
    const cadre = w.cadre.token;
    const official = w.official.token;
    const commander = w.commander;

    // registered → surveyed needs no approval: 200 and moved.
    let response = await transition(cadre, h.id, 'surveyed', 1);
    expect(response.status).toBe(200);
    expect(response.body.stage).toBe('surveyed');

    // surveyed → indicators_confirmed: township approval (202), rejected once, then approved.
    let household = await get(h.id);
    response = await transition(cadre, h.id, 'indicators_confirmed', household.version);
    expect(response.status).toBe(202);
    expect(response.body.approval).toMatchObject({
      status: 'pending',
      to: 'indicators_confirmed',
      steps: [{ level: 'township', status: 'pending' }],
    });
    expect((await get(h.id)).stage).toBe('surveyed');
    // The official of another township cannot see it; the commander is not the township level.
    expect((await decide(w.otherOfficial.token, response.body.approval.id, 'approve')).status).toBe(404);
    expect((await decide(commander, response.body.approval.id, 'approve')).status).toBe(403);
    const pendingForOfficial = await t.http.get('/api/v1/approvals?status=pending').set(auth(official));
    expect(pendingForOfficial.body.items.map((a: { id: string }) => a.id)).toContain(
      response.body.approval.id,
    );
    response = await decide(official, response.body.approval.id, 'reject', '面积测量有误，请复核');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'rejected',
      steps: [{ level: 'township', status: 'rejected', comment: '面积测量有误，请复核' }],
    });
    expect((await decide(official, response.body.id, 'approve')).status).toBe(422);
    expect((await get(h.id)).stage).toBe('surveyed');

    household = await get(h.id);
    response = await transition(cadre, h.id, 'indicators_confirmed', household.version);
    expect(response.status).toBe(202);
    response = await decide(official, response.body.approval.id, 'approve');
    expect(response.body.status).toBe('approved');
    expect((await get(h.id)).stage).toBe('indicators_confirmed');

    // indicators_confirmed → intent_collected needs a recorded intent first.
    household = await get(h.id);
    expect((await transition(cadre, h.id, 'intent_collected', household.version)).body.code).toBe(
      'INTENT_NOT_RECORDED',
    );
    const intent = await t.http
      .post(`/api/v1/households/${h.id}/intent`)
      .set(auth(cadre))
      .send({ option: 'central_gov_built', site: '矮寨集中安置点', livelihood: 'non_farm' });
    expect(intent.status).toBe(201);
    household = await get(h.id);
    expect(household.intent).toMatchObject({
      option: 'central_gov_built',
      site: '矮寨集中安置点',
      livelihood: 'non_farm',
    });
    expect((await transition(cadre, h.id, 'intent_collected', household.version)).status).toBe(200);

    // A commander rolls back one step with a reason (the household changed its mind), then it moves again.
    household = await get(h.id);
    response = await t.http
      .post(`/api/v1/households/${h.id}/rollback`)
      .set(auth(commander))
      .send({ reason: '户主要求重新征询意愿', version: household.version });
    expect(response.status).toBe(200);
    expect(response.body.stage).toBe('indicators_confirmed');
    household = await get(h.id);
    expect((await transition(cadre, h.id, 'intent_collected', household.version)).status).toBe(200);

    // intent_collected → intent_approved: township, then command centre.
    household = await get(h.id);
    response = await transition(cadre, h.id, 'intent_approved', household.version);
    expect(response.status).toBe(202);
    expect(response.body.approval.steps).toEqual(
      [
        { level: 'township', status: 'pending' },
        { level: 'command_centre', status: 'waiting' },
      ].map((s) => expect.objectContaining(s)),
    );
    const approvalId = response.body.approval.id;
    expect((await decide(commander, approvalId, 'approve')).status).toBe(403);
    response = await decide(official, approvalId, 'approve');
    expect(response.body).toMatchObject({ status: 'pending', currentLevel: 'command_centre' });
    expect((await get(h.id)).stage).toBe('intent_collected');
    expect((await decide(official, approvalId, 'approve')).status).toBe(403);
    response = await decide(commander, approvalId, 'approve');
    expect(response.body.status).toBe('approved');
    expect((await get(h.id)).stage).toBe('intent_approved');

    // The rest of the chain: each step through its approver.
    const chain: [string, 'none' | 'township' | 'command_centre'][] = [
      ['agreement_signed', 'command_centre'],
      ['paid', 'command_centre'],
      ['moved_out', 'township'],
      ['demolished', 'township'],
      ['settled', 'none'],
      ['support_registered', 'command_centre'],
      ['closed', 'command_centre'],
    ];
    for (const [to, level] of chain) {
      household = await get(h.id);
      response = await transition(cadre, h.id, to, household.version);
      if (level === 'none') {
        expect(response.status).toBe(200);
      } else {
        expect(response.status).toBe(202);
        const decision = await decide(
          level === 'township' ? official : commander,
          response.body.approval.id,
          'approve',
        );
        expect(decision.body.status).toBe('approved');
      }
      expect((await get(h.id)).stage).toBe(to);
    }

    // The timeline has every move, newest first.
    const timeline = await t.http
      .get(`/api/v1/households/${h.id}/timeline?pageSize=200`)
      .set(auth(commander));
    const stageMoves = timeline.body.items.filter((e: { type: string }) => e.type === 'stage');
    expect(stageMoves.map((e: { changes: { stage: { to: string } } }) => e.changes.stage.to)).toEqual([
      'closed',
      'support_registered',
      'settled',
      'demolished',
      'moved_out',
      'paid',
      'agreement_signed',
      'intent_approved',
      'intent_collected',
      'indicators_confirmed',
      'intent_collected',
      'indicators_confirmed',
      'surveyed',
    ]);
    expect(timeline.body.items.some((e: { type: string }) => e.type === 'intent')).toBe(true);
    expect(timeline.body.items.some((e: { action: string }) => e.action === 'approval_reject')).toBe(true);
    const events = await t.dataSource
      .createQueryBuilder()
      .select('count(*)', 'n')
      .from('stage_event', 'e')
      .where('e.household_id = :id', { id: h.id })
      .getRawOne();
    expect(Number(events.n)).toBe(13);
  });

  it('refuses skipping (422), moving backwards (422), stale version (409), others (403/404)', async () => {
    const h = await f.household(w);
    const skip = await transition(w.cadre.token, h.id, 'indicators_confirmed', 1);
    expect(skip.status).toBe(422);
    expect(skip.body.code).toBe('STAGE_SKIP');
    expect((await transition(w.cadre.token, h.id, 'surveyed', 7)).status).toBe(409);
    expect((await transition(w.cadre.token, h.id, 'surveyed', 1)).status).toBe(200);
    const back = await transition(w.cadre.token, h.id, 'registered', 2);
    expect(back.status).toBe(422);
    expect(back.body.code).toBe('BACKWARD_MOVE');
    // Only a commander may roll back.
    expect(
      (
        await t.http
          .post(`/api/v1/households/${h.id}/rollback`)
          .set(auth(w.cadre.token))
          .send({ reason: '重新调查', version: 2 })
      ).status,
    ).toBe(403);
    // Another cadre cannot see it; a supervisor and an official may not request moves.
    expect((await transition(w.otherCadre.token, h.id, 'indicators_confirmed', 2)).status).toBe(404);
    expect((await transition(w.supervisor, h.id, 'indicators_confirmed', 2)).status).toBe(403);
    expect((await transition(w.official.token, h.id, 'indicators_confirmed', 2)).status).toBe(403);
    // Bad input is a 400 and changes nothing.
    const bad = await transition(w.cadre.token, h.id, 'nowhere', 2);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('to');
    expect((await get(h.id)).stage).toBe('surveyed');
  });

  it('refuses to advance a household on hold until it is released', async () => {
    const h = await f.household(w);
    expect(
      (
        await t.http
          .post(`/api/v1/households/${h.id}/hold`)
          .set(auth(w.cadre.token))
          .send({ reason: 'petition' })
      ).status,
    ).toBe(403);
    const held = await t.http
      .post(`/api/v1/households/${h.id}/hold`)
      .set(auth(w.commander))
      .send({ reason: 'petition', note: '到市信访局上访' });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ onHold: true, holdReason: 'petition', light: 'red' });
    expect(held.body.lightReasons).toContain('on_hold');
    const refused = await transition(w.cadre.token, h.id, 'surveyed', held.body.version);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('HOUSEHOLD_ON_HOLD');
    const released = await t.http.post(`/api/v1/households/${h.id}/release`).set(auth(w.commander)).send({});
    expect(released.body).toMatchObject({ onHold: false, holdReason: null });
    expect((await transition(w.cadre.token, h.id, 'surveyed', released.body.version)).status).toBe(200);
  });

  it('freezes intent after signing: a change then needs a command-centre approval', async () => {
    const h = await f.household(w);
    await t.dataSource
      .createQueryBuilder()
      .update('household')
      .set({ stage: 'agreement_signed' })
      .where('id = :id', { id: h.id })
      .execute();
    const response = await t.http
      .post(`/api/v1/households/${h.id}/intent`)
      .set(auth(w.cadre.token))
      .send({ option: 'cash' });
    expect(response.status).toBe(202);
    expect(response.body.approval).toMatchObject({
      kind: 'intent_change',
      status: 'pending',
      steps: [{ level: 'command_centre', status: 'pending' }],
    });
    expect((await get(h.id)).intent.option).toBe('undecided');
    await decide(w.commander, response.body.approval.id, 'approve');
    expect((await get(h.id)).intent.option).toBe('cash');
    const history = await t.http.get(`/api/v1/households/${h.id}/intents`).set(auth(w.cadre.token));
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({
      option: 'cash',
      previousOption: 'undecided',
      approvalId: response.body.approval.id,
    });
  });
});
