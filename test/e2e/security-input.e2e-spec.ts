import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { auth, Factory, registryCounts, residentId, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { exportLedger, LedgerBook, sheetRows, upload } from './ledger.support';

type Body = Record<string, any>;

/** Bad input found by trying the API as an attacker would: a clear 4xx with a request id, never a 500. */
describe('security: bad input is refused cleanly on both databases', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t);
    w = await f.world();
  });
  afterAll(() => t.close());

  describe('control characters', () => {
    it('a NUL in a query parameter is 400 naming it (it was a 500 on PostgreSQL)', async () => {
      for (const path of [
        '/api/v1/households?q=%00',
        '/api/v1/households?q=%E9%BE%99%00',
        '/api/v1/visits?from=%00',
      ]) {
        const response = await t.http.get(path).set(auth(w.commander));
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', requestId: expect.any(String) });
        expect(response.body.details[0].message).toBe('不能包含控制字符');
      }
      const list = await t.http.get('/api/v1/households?q=%0A').set(auth(w.commander));
      expect(list.body.details).toEqual([{ field: 'q', message: '不能包含控制字符' }]);
    });

    it('the ledger export with a NUL filter is a JSON 400, not a truncated download', async () => {
      const response = await t.http.get('/api/v1/households/export?q=%00').set(auth(w.commander));
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/json/);
      expect(response.body.details).toEqual([{ field: 'q', message: '不能包含控制字符' }]);
    });

    it('a NUL in a JSON string anywhere in the body is 400 naming the field, and nothing is written', async () => {
      const before = await registryCounts(t);
      const response = await t.http
        .post('/api/v1/households')
        .set(auth(w.admin))
        .send(
          f.householdBody(w.villageId, { note: 'ok', house: { floorArea: 1, structure: 'frame\u0000' } }),
        );
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        { field: 'house.structure', message: '不能包含控制字符（制表符和换行除外）' },
      ]);
      const user = await t.http
        .post('/api/v1/users')
        .set(auth(w.admin))
        .send({ username: 'nul-user', password: 'password-123', displayName: '张\u0000三', role: 'cadre' });
      expect(user.status).toBe(400);
      expect(user.body.details).toEqual([
        { field: 'displayName', message: '不能包含控制字符（制表符和换行除外）' },
      ]);
      expect(await registryCounts(t)).toEqual(before);
    });

    it('tab and line breaks stay allowed in free text', async () => {
      const created = await f.household(w);
      const response = await t.http
        .patch(`/api/v1/households/${created.id}`)
        .set(auth(w.commander))
        .send({ version: created.version, note: '第一行\n第二行\t备注\r\n' });
      expect(response.status).toBe(200);
      expect(response.body.note).toBe('第一行\n第二行\t备注\r\n');
    });

    it('a display name or org unit name of spaces is refused', async () => {
      const user = await t.http
        .post('/api/v1/users')
        .set(auth(w.admin))
        .send({ username: 'blank-user', password: 'password-123', displayName: '\u3000 ', role: 'cadre' });
      expect(user.body.details).toEqual([{ field: 'displayName', message: '不能为空或只有空格' }]);
      const unit = await t.http
        .post('/api/v1/org-units')
        .set(auth(w.admin))
        .send({ name: '   ', kind: 'village', parentId: w.townshipId });
      expect(unit.status).toBe(400);
      expect(unit.body.details).toEqual([{ field: 'name', message: '不能为空或只有空格' }]);
    });
  });

  describe('bodies the parser must refuse', () => {
    it('JSON nested 200,000 deep is 400 before login, with a request id (it was a 500 with a stack trace)', async () => {
      const deep = `{"username":${'['.repeat(200_000)}${']'.repeat(200_000)},"password":"x"}`;
      const response = await t.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(deep);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        statusCode: 400,
        code: 'JSON_TOO_DEEP',
        message: '请求体嵌套层数过多',
        requestId: expect.any(String),
      });
      // Brackets inside strings are text, not nesting.
      const inString = await t.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ username: '['.repeat(60), password: '{'.repeat(100) }));
      expect(inString.status).toBe(401);
      expect(inString.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('an unsupported charset is 415 (it was a 500)', async () => {
      const response = await t.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json; charset=latin1')
        .send('{"username":"admin","password":"x"}');
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({ code: 'UNSUPPORTED_CHARSET', requestId: expect.any(String) });
    });

    it('invalid JSON carries its request id, the one the client sent if it sent one', async () => {
      const response = await t.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .set('X-Request-Id', 'client-chosen-id-1')
        .send('{"username":');
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_JSON', requestId: 'client-chosen-id-1' });
      expect(response.headers['x-request-id']).toBe('client-chosen-id-1');
    });

    it('headers too large get 431 with the error body', async () => {
      const server = t.app.getHttpServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const answer = await new Promise<{ status: number; body: string; type: string }>(
          (resolve, reject) => {
            const req = httpRequest(
              { host: '127.0.0.1', port, path: '/api/v1/auth/me', headers: { 'X-Big': 'x'.repeat(40_000) } },
              (res) => {
                let body = '';
                res.on('data', (chunk) => (body += chunk));
                res.on('end', () =>
                  resolve({ status: res.statusCode!, body, type: String(res.headers['content-type']) }),
                );
              },
            );
            req.on('error', reject);
            req.end();
          },
        );
        expect(answer.status).toBe(431);
        expect(answer.type).toMatch(/application\/json/);
        expect(JSON.parse(answer.body)).toMatchObject({
          statusCode: 431,
          code: 'HEADERS_TOO_LARGE',
          requestId: expect.any(String),
        });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe('a PATCH that changes nothing', () => {
    const auditCount = async (entityId: string) => {
      const [row] = await t.dataSource.query(
        `SELECT COUNT(*) AS n FROM audit_entry WHERE entity_id = '${entityId}'`,
      );
      return Number(row.n);
    };

    it('household: only the version, the same values, or the same members answer the record unchanged', async () => {
      const spouse = residentId('female');
      const members = [
        {
          name: '配偶',
          idNumber: spouse,
          sex: 'female',
          birthDate: `${spouse.slice(6, 10)}-${spouse.slice(10, 12)}-${spouse.slice(12, 14)}`,
          relation: 'spouse',
        },
      ];
      const created = await f.household(w, {
        group: '3组',
        members,
        flags: ['disabled'],
        phone: '13700001111',
      });
      const audits = await auditCount(created.id);
      for (const body of [
        { version: 1 },
        { version: 1, group: '3组', headName: created.headName, villageId: w.villageId, flags: ['disabled'] },
        { version: 1, phone: '13700001111', headIdNumber: undefined },
        { version: 1, members },
      ]) {
        const response = await t.http.patch(`/api/v1/households/${created.id}`).set(auth(w.admin)).send(body);
        expect(response.status).toBe(200);
        expect(response.body.version).toBe(1);
        expect(response.body.members).toHaveLength(2);
      }
      expect(await auditCount(created.id)).toBe(audits);
      // A real change still bumps and audits; a stale version is still 409.
      const changed = await t.http
        .patch(`/api/v1/households/${created.id}`)
        .set(auth(w.admin))
        .send({ version: 1, group: '4组' });
      expect(changed.body.version).toBe(2);
      expect(await auditCount(created.id)).toBe(audits + 1);
      const stale = await t.http
        .patch(`/api/v1/households/${created.id}`)
        .set(auth(w.admin))
        .send({ version: 1 });
      expect(stale.status).toBe(409);
    });

    it('user: the same display name and role answer the user unchanged', async () => {
      const cadre = await f.user(w.admin, 'cadre', w.taskForceId);
      const read = (await t.http.get(`/api/v1/users/${cadre.id}`).set(auth(w.admin))).body as Body;
      const audits = await auditCount(cadre.id);
      const response = await t.http.patch(`/api/v1/users/${cadre.id}`).set(auth(w.admin)).send({
        version: read.version,
        displayName: read.displayName,
        role: 'cadre',
        orgUnitId: w.taskForceId,
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ version: read.version, updatedAt: read.updatedAt });
      expect(await auditCount(cadre.id)).toBe(audits);
      expect((await t.http.get('/api/v1/auth/me').set(auth(cadre.token))).status).toBe(200);
    });
  });

  describe('moving a household decides who sees and approves it (the cadre moved an approval to another township)', () => {
    it('a cadre may not change village or task force; the command centre may not while an approval waits', async () => {
      const h = await f.household(w);
      const requested = await t.http
        .post(`/api/v1/households/${h.id}/transitions`)
        .set(auth(w.cadre.token))
        .send({ to: 'surveyed', version: 1 });
      expect(requested.status).toBe(200);
      const pending = await t.http
        .post(`/api/v1/households/${h.id}/transitions`)
        .set(auth(w.cadre.token))
        .send({ to: 'indicators_confirmed', version: requested.body.version });
      expect(pending.status).toBe(202);
      const version = (await t.http.get(`/api/v1/households/${h.id}`).set(auth(w.admin))).body.version;

      const byCadre = await t.http
        .patch(`/api/v1/households/${h.id}`)
        .set(auth(w.cadre.token))
        .send({ version, villageId: w.otherVillageId });
      expect(byCadre.status).toBe(403);
      expect(byCadre.body).toMatchObject({ code: 'MOVE_FORBIDDEN', details: [{ field: 'villageId' }] });
      const taskForce = await t.http
        .patch(`/api/v1/households/${h.id}`)
        .set(auth(w.cadre.token))
        .send({ version, taskForceId: w.taskForceId });
      expect(taskForce.status).toBe(403);
      // The cadre still edits the household's own data.
      const note = await t.http
        .patch(`/api/v1/households/${h.id}`)
        .set(auth(w.cadre.token))
        .send({ version, note: '已入户', villageId: w.villageId });
      expect(note.status).toBe(200);

      const byCommander = await t.http
        .patch(`/api/v1/households/${h.id}`)
        .set(auth(w.commander))
        .send({ version: note.body.version, villageId: w.otherVillageId });
      expect(byCommander.status).toBe(409);
      expect(byCommander.body.code).toBe('APPROVAL_PENDING');

      // Nor through the ledger: an import that moves it to the other township is refused for that row.
      const exported = await exportLedger(t, w.commander, `?q=${h.code}&reveal=true`);
      const book = await LedgerBook.from(exported.body);
      const units: Body[] = (await t.http.get('/api/v1/org-units').set(auth(w.admin))).body;
      const nameOf = (id: string) => units.find((u) => u.id === id)!.name;
      const rowOf = sheetRows(book.households).findIndex((r) => r['户编号'] === h.code);
      book.household({ 乡镇: nameOf(w.otherTownshipId), 村: nameOf(w.otherVillageId) }, rowOf + 2);
      const imported = await upload(t, w.commander, await book.buffer(), 'move.xlsx');
      expect(imported.body.failed).toBe(1);
      expect(JSON.stringify(imported.body.errors)).toContain(
        '该户有待审批的申请，审批完成或撤回后才能调整所属村',
      );
      expect((await t.http.get(`/api/v1/households/${h.id}`).set(auth(w.admin))).body.villageId).toBe(
        w.villageId,
      );

      // The township that was asked still has it, and decides it; the other township never saw it.
      expect(
        (await t.http.get(`/api/v1/approvals/${pending.body.approval.id}`).set(auth(w.otherOfficial.token)))
          .status,
      ).toBe(404);
      const decided = await t.http
        .post(`/api/v1/approvals/${pending.body.approval.id}/decision`)
        .set(auth(w.official.token))
        .send({ decision: 'approve' });
      expect(decided.status).toBe(200);

      // Afterwards the command centre moves it, audited from → to; its open problem follows it.
      const problem = await t.http
        .post('/api/v1/problems')
        .set(auth(w.cadre.token))
        .send({ householdId: h.id, category: 'safety', severity: 'p2', description: '房屋漏雨' });
      expect(problem.status).toBe(201);
      const current = (await t.http.get(`/api/v1/households/${h.id}`).set(auth(w.admin))).body;
      const moved = await t.http
        .patch(`/api/v1/households/${h.id}`)
        .set(auth(w.commander))
        .send({ version: current.version, villageId: w.otherVillageId });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ villageId: w.otherVillageId, townshipId: w.otherTownshipId });
      const audit = await t.http
        .get(`/api/v1/audit?entityType=household&entityId=${h.id}`)
        .set(auth(w.admin));
      const update = audit.body.items.find(
        (i: Body) => i.action === 'update' && i.changes.villageId?.to === w.otherVillageId,
      );
      expect(update.changes.villageId).toEqual({ from: w.villageId, to: w.otherVillageId });
      const seenBy = async (token: string) =>
        (await t.http.get(`/api/v1/problems/${problem.body.id}`).set(auth(token))).status;
      expect(await seenBy(w.otherOfficial.token)).toBe(200);
      expect(await seenBy(w.official.token)).toBe(404);
    });
  });

  describe('searched IDs and phones in the audit log', () => {
    it('the export audit entry keeps the searched resident ID and phone masked', async () => {
      const id = residentId('male');
      await f.household(w, { headIdNumber: id, phone: '13912345678' });
      for (const q of [id, '13912345678']) {
        const response = await t.http
          .get(`/api/v1/households/export?q=${q}`)
          .set(auth(w.commander))
          .buffer(true)
          .parse((res, done) => {
            res.on('data', () => undefined);
            res.on('end', () => done(null, null));
          });
        expect(response.status).toBe(200);
      }
      const rows: { changes: string }[] = await t.dataSource.query(
        "SELECT changes FROM audit_entry WHERE action = 'export'",
      );
      const text = rows.map((r) => r.changes).join('\n');
      expect(text).toContain(`${id.slice(0, 6)}********${id.slice(-4)}`);
      expect(text).toContain('139****5678');
      expect(text).not.toContain(id);
      expect(text).not.toContain('13912345678');
    });
  });
});
