import 'fake-indexeddb/auto';
import createClient from 'openapi-fetch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { paths } from '../../api/schema';
import { MobileDb } from '../data/db';
import { household } from '../data/fixtures.test-support';
import { discard, enqueue, resend } from '../data/outbox';
import type { SyncDelta, SyncTask } from '../data/types';
import { classifyStatus } from './classify';
import { applyDelta, pull, push, syncOnce, type ApiClient } from './engine';

const USER = 'cadre-1';
const HOUSEHOLD = '00000000-0000-4000-8000-000000000001';

/**
 * A stand-in for the server's side of the contract, in memory: visits stored once per clientId, other writes
 * once per Idempotency-Key, and scripted failures (no network, lost answers, status codes) in front of it.
 */
class FakeServer {
  visits = new Map<string, { id: string; body: unknown }>();
  keyed = new Map<string, { status: number; body: unknown; request: string }>();
  requests: { method: string; path: string; headers: Headers; body: unknown }[] = [];
  /** Failures for the next requests, in order: a status, 'network' (never arrives), 'lost' (stored, answer lost). */
  script: (number | 'network' | 'lost' | 'html')[] = [];
  rejectVisit = new Set<string>();
  delta: SyncDelta | null = null;
  private seq = 0;

  fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    this.requests.push({
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body,
    });
    const next = this.script.shift();
    if (next === 'network') throw new TypeError('Failed to fetch');
    if (next === 'html')
      return new Response('<html>请登录 Wi-Fi</html>', {
        status: 200,
        headers: { 'Content-Type': 'text/html' },
      });
    if (typeof next === 'number')
      return json(next, { statusCode: next, code: `E${next}`, message: `服务器拒绝：${next}` });
    const answer = this.handle(request.method, url, request.headers, body);
    if (next === 'lost') throw new TypeError('Failed to fetch');
    return answer;
  };

  private handle(
    method: string,
    url: URL,
    headers: Headers,
    body: Record<string, unknown> | undefined,
  ): Response {
    if (method === 'POST' && url.pathname === '/api/v1/visits/sync') {
      const results = (body!.visits as { clientId: string }[]).map((visit) => {
        if (this.rejectVisit.has(visit.clientId))
          return {
            clientId: visit.clientId,
            status: 'rejected',
            error: { code: 'NOT_YOUR_HOUSEHOLD', message: '该户已调整给其他干部包保' },
          };
        const known = this.visits.get(visit.clientId);
        if (known) return { clientId: visit.clientId, status: 'duplicate', visitId: known.id };
        const id = `visit-${++this.seq}`;
        this.visits.set(visit.clientId, { id, body: visit });
        return { clientId: visit.clientId, status: 'created', visitId: id };
      });
      return json(200, { results });
    }
    if (method === 'GET' && url.pathname === '/api/v1/sync/pull') return json(200, this.delta);
    if (method === 'GET' && url.pathname === '/api/v1/options') return json(200, { stages: [], intents: [] });
    if (method === 'GET' && url.pathname === '/api/v1/notifications')
      return json(200, {
        items: [{ id: 'n1', title: '新任务', body: '…', createdAt: '2026-12-06T01:00:00Z' }],
        total: 1,
      });
    if (method === 'POST') {
      const key = headers.get('Idempotency-Key');
      const request = JSON.stringify(body);
      const known = key ? this.keyed.get(key) : undefined;
      if (known)
        return known.request === request
          ? json(known.status, known.body)
          : json(409, { code: 'IDEMPOTENCY_CONFLICT', message: '同一请求键提交了不同内容' });
      const stored = { status: 201, body: { id: `record-${++this.seq}`, ...body }, request };
      if (key) this.keyed.set(key, stored);
      return json(stored.status, stored.body);
    }
    return json(404, { code: 'NOT_FOUND', message: '不存在' });
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

let db: MobileDb;
let server: FakeServer;
let client: ApiClient;
let dbCount = 0;

beforeEach(async () => {
  db = new MobileDb(`test-${++dbCount}`);
  await db.open();
  server = new FakeServer();
  client = createClient<paths>({ baseUrl: 'http://phone.test', fetch: server.fetch });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const visit = (summary: string) =>
  enqueue(db, {
    kind: 'visit',
    userId: USER,
    householdLabel: '张三 DXZ-0001',
    payload: { householdId: HOUSEHOLD, visitedAt: '2026-12-06T09:00:00+08:00', method: 'in_person', summary },
  });
const intent = () =>
  enqueue(db, {
    kind: 'intent',
    userId: USER,
    householdLabel: '张三 DXZ-0001',
    payload: { householdId: HOUSEHOLD, option: 'cash' },
  });
const problem = () =>
  enqueue(db, {
    kind: 'problem',
    userId: USER,
    householdLabel: '张三 DXZ-0001',
    payload: { householdId: HOUSEHOLD, category: 'payment', severity: 'p2', description: '补偿款未到账' },
  });

describe('classifying an answer', () => {
  it('keeps network failures, 5xx, 408 and 429 pending, asks for a login on 401, shows business refusals', () => {
    expect([200, 201, 202].map(classifyStatus)).toEqual(['ok', 'ok', 'ok']);
    expect([0, 408, 429, 500, 502, 503].map(classifyStatus)).toEqual(Array(6).fill('retry'));
    expect(classifyStatus(401)).toBe('auth');
    expect([400, 403, 404, 409, 422].map(classifyStatus)).toEqual(Array(5).fill('rejected'));
    expect(classifyStatus(302)).toBe('retry');
  });
});

describe('sending the outbox', () => {
  it('delivers visits in one batch and the others with their clientId as Idempotency-Key, then empties the outbox', async () => {
    const v1 = await visit('第一次走访');
    const v2 = await visit('第二次走访');
    const i = await intent();
    const p = await problem();

    const report = await push(db, client, USER);

    expect(report).toEqual({ sent: 4, rejected: 0, stopped: null });
    expect(await db.outbox.count()).toBe(0);
    expect(server.visits.size).toBe(2);
    const batch = server.requests.find((r) => r.path === '/api/v1/visits/sync')!;
    expect((batch.body as { visits: { clientId: string }[] }).visits.map((x) => x.clientId)).toEqual([
      v1.clientId,
      v2.clientId,
    ]);
    const intentRequest = server.requests.find((r) => r.path === `/api/v1/households/${HOUSEHOLD}/intent`)!;
    expect(intentRequest.headers.get('Idempotency-Key')).toBe(i.clientId);
    expect(intentRequest.body).toEqual({ option: 'cash' }); // householdId is in the path, not the body
    const problemRequest = server.requests.find((r) => r.path === '/api/v1/problems')!;
    expect(problemRequest.headers.get('Idempotency-Key')).toBe(p.clientId);
    expect((await db.sent.toArray()).map((s) => s.outcome).sort()).toEqual([
      'created',
      'created',
      'created',
      'created',
    ]);
  });

  it('retries a visit whose answer was lost without storing it twice', async () => {
    const v = await visit('回应丢失的走访');
    server.script = ['lost'];

    const first = await push(db, client, USER);
    expect(first.stopped).toBe('retry');
    expect(server.visits.size).toBe(1); // it did reach the server
    const waiting = await db.outbox.get(v.clientId);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });

    const second = await push(db, client, USER);
    expect(second).toMatchObject({ sent: 1, stopped: null });
    expect(server.visits.size).toBe(1);
    expect(await db.sent.get(v.clientId)).toMatchObject({
      outcome: 'duplicate',
      serverId: server.visits.get(v.clientId)!.id,
    });
    expect(await db.outbox.count()).toBe(0);
  });

  it('retries an intent whose answer was lost under the same key: one record on the server', async () => {
    const i = await intent();
    server.script = ['lost'];
    await push(db, client, USER);
    expect(await db.outbox.get(i.clientId)).toMatchObject({ status: 'pending' });
    await push(db, client, USER);
    expect(server.keyed.size).toBe(1);
    expect(await db.outbox.count()).toBe(0);
    const sent = server.requests.filter((r) => r.path.endsWith('/intent'));
    expect(sent.map((r) => r.headers.get('Idempotency-Key'))).toEqual([i.clientId, i.clientId]);
  });

  it('sends a task completed on the phone to its own route under its key, and resends it after a lost answer', async () => {
    const task = await enqueue(db, {
      kind: 'task',
      userId: USER,
      householdLabel: '张三 DXZ-0001',
      payload: { taskId: 'task-7', householdId: HOUSEHOLD, note: '已入户' },
    });
    expect(task.householdId).toBe(HOUSEHOLD); // the household's badge counts it
    server.script = ['lost'];
    expect((await push(db, client, USER)).stopped).toBe('retry');
    expect(await push(db, client, USER)).toMatchObject({ sent: 1, stopped: null });
    const sent = server.requests.filter((r) => r.method === 'POST');
    expect(sent.map((r) => r.path)).toEqual([
      '/api/v1/tasks/task-7/complete',
      '/api/v1/tasks/task-7/complete',
    ]);
    expect(sent.map((r) => r.headers.get('Idempotency-Key'))).toEqual([task.clientId, task.clientId]);
    expect(sent[0].body).toEqual({ note: '已入户' }); // the task and household ids are not the route's body
    expect(server.keyed.size).toBe(1);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps everything pending, in order, when the network is down, and stops at the first failure', async () => {
    await intent();
    await problem();
    server.script = ['network'];
    const report = await push(db, client, USER);
    expect(report.stopped).toBe('retry');
    expect(server.requests).toHaveLength(1);
    const items = await db.outbox.orderBy('createdAt').toArray();
    expect(items.map((x) => [x.kind, x.status, x.attempts])).toEqual([
      ['intent', 'pending', 1],
      ['problem', 'pending', 0],
    ]);
  });

  it.each([500, 503, 429])('keeps an item pending on %i and sends it on the next round', async (status) => {
    await problem();
    server.script = [status];
    expect((await push(db, client, USER)).stopped).toBe('retry');
    expect(await db.outbox.where('status').equals('pending').count()).toBe(1);
    expect((await db.outbox.toArray())[0].lastError).toBe(`服务器拒绝：${status}`);
    expect(await push(db, client, USER)).toMatchObject({ sent: 1 });
    expect(await db.outbox.count()).toBe(0);
  });

  it('does not take a Wi-Fi login page (200, not JSON) for the server’s answer', async () => {
    await intent();
    server.script = ['html'];
    expect((await push(db, client, USER)).stopped).toBe('retry');
    expect(await db.outbox.where('status').equals('pending').count()).toBe(1);
  });

  it.each([400, 403, 404, 409, 422])(
    'marks an item rejected on %i with the server’s message, and goes on',
    async (status) => {
      const i = await intent();
      await problem();
      server.script = [status];
      const report = await push(db, client, USER);
      expect(report).toEqual({ sent: 1, rejected: 1, stopped: null });
      expect(await db.outbox.get(i.clientId)).toMatchObject({
        status: 'rejected',
        rejection: { status, code: `E${status}`, message: `服务器拒绝：${status}` },
      });
    },
  );

  it('shows a visit the batch refused with its message and sends the rest', async () => {
    const refused = await visit('该户已调走');
    const fine = await visit('正常走访');
    server.rejectVisit.add(refused.clientId);
    expect(await push(db, client, USER)).toEqual({ sent: 1, rejected: 1, stopped: null });
    expect(await db.outbox.get(refused.clientId)).toMatchObject({
      status: 'rejected',
      rejection: { status: null, code: 'NOT_YOUR_HOUSEHOLD', message: '该户已调整给其他干部包保' },
    });
    expect(await db.sent.get(fine.clientId)).toBeTruthy();
    // A rejected item is not sent again by itself.
    await push(db, client, USER);
    expect(server.requests.filter((r) => r.path === '/api/v1/visits/sync')).toHaveLength(1);
  });

  it('stops on 401 and keeps the outbox; after a new login the same items go out', async () => {
    await visit('会话过期时的走访');
    await intent();
    server.script = [401];
    const report = await syncOnce(db, client, USER);
    expect(report.authRequired).toBe(true);
    expect(await db.getMeta('needsLogin')).toBe(true);
    expect(await db.outbox.where('status').equals('pending').count()).toBe(2);
    expect(await push(db, client, USER)).toMatchObject({ sent: 2, stopped: null });
  });

  it('lets the cadre discard a rejected item, or correct it and resend it under a new clientId', async () => {
    const a = await intent();
    const b = await problem();
    server.script = [422, 409];
    await push(db, client, USER);
    expect(await db.outbox.where('status').equals('rejected').count()).toBe(2);

    await discard(db, a.clientId);
    const corrected = await resend(db, b.clientId, { ...b.payload, description: '补偿款未到账（已核实）' });
    expect(corrected.clientId).not.toBe(b.clientId);
    expect(corrected.status).toBe('pending');
    expect(await push(db, client, USER)).toMatchObject({ sent: 1 });
    expect(await db.outbox.count()).toBe(0);
    expect([...server.keyed.values()].map((k) => JSON.parse(k.request) as { description?: string })).toEqual([
      expect.objectContaining({ description: '补偿款未到账（已核实）' }),
    ]);
  });

  it('only sends the signed-in cadre’s items', async () => {
    await enqueue(db, {
      kind: 'intent',
      userId: 'someone-else',
      householdLabel: 'x',
      payload: { householdId: HOUSEHOLD, option: 'cash' },
    });
    expect(await push(db, client, USER)).toEqual({ sent: 0, rejected: 0, stopped: null });
    expect(server.requests).toHaveLength(0);
  });
});

const task = (id: string, householdId: string) =>
  ({ id, householdId, status: 'open', instruction: '走访' }) as unknown as SyncTask;
const delta = (overrides: Partial<SyncDelta>): SyncDelta => ({
  cursor: 'c1',
  reset: false,
  serverTime: '2026-12-06T01:00:00Z',
  households: [],
  removedHouseholdIds: [],
  tasks: [],
  removedTaskIds: [],
  ...overrides,
});

describe('applying a delta', () => {
  it('replaces the phone’s copy on reset', async () => {
    await applyDelta(db, delta({ households: [household('a'), household('b')], tasks: [task('t1', 'a')] }));
    await applyDelta(db, delta({ reset: true, cursor: 'c2', households: [household('c')], tasks: [] }));
    expect((await db.households.toArray()).map((h) => h.id)).toEqual(['c']);
    expect((await db.rows.toArray()).map((h) => h.id)).toEqual(['c']);
    expect(await db.tasks.count()).toBe(0);
    expect(await db.getMeta('cursor')).toBe('c2');
  });

  it('writes changed households over, drops removed ones with their tasks, keeps the rest', async () => {
    await applyDelta(
      db,
      delta({
        households: [household('a'), household('b'), household('c')],
        tasks: [task('t1', 'b'), task('t2', 'c')],
      }),
    );
    await applyDelta(
      db,
      delta({
        cursor: 'c2',
        households: [household('a', { stage: 'indicators_confirmed', version: 2 })],
        removedHouseholdIds: ['b'],
        removedTaskIds: ['t2'],
      }),
    );
    const rows = await db.households.orderBy('id').toArray();
    expect(rows.map((h) => [h.id, h.stage, h.version])).toEqual([
      ['a', 'indicators_confirmed', 2],
      ['c', 'surveyed', 1],
    ]);
    // The list's rows follow, and carry only what the list shows.
    const listed = await db.rows.orderBy('id').toArray();
    expect(listed.map((h) => [h.id, h.stage])).toEqual([
      ['a', 'indicators_confirmed'],
      ['c', 'surveyed'],
    ]);
    expect(Object.keys(listed[0]).sort()).toEqual([
      'address',
      'code',
      'group',
      'headName',
      'id',
      'lastVisitAt',
      'light',
      'onHold',
      'stage',
      'villageId',
      'villageName',
    ]);
    expect(await db.tasks.count()).toBe(0);
    expect(await db.getMeta('lastPullAt')).toBe('2026-12-06T01:00:00Z');
  });

  it('asks for changes since its cursor and moves the cursor only with applied data', async () => {
    server.delta = delta({ reset: true, cursor: 'first', households: [household('a')] });
    expect(await pull(db, client)).toEqual({ status: 'ok', reset: true, changed: 1 });
    server.delta = delta({ cursor: 'second', households: [household('b')] });
    await pull(db, client);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/api/v1/sync/pull',
      '/api/v1/sync/pull?since=first',
    ]);
    server.script = [503];
    expect(await pull(db, client)).toMatchObject({ status: 'retry' });
    expect(await db.getMeta('cursor')).toBe('second');
    expect(await db.households.count()).toBe(2);
  });

  it('a full round sends first, then pulls, then keeps options and notifications', async () => {
    await visit('先送出再拉取');
    server.delta = delta({ reset: true, households: [household('a')] });
    const report = await syncOnce(db, client, USER, () => new Date('2026-12-06T02:00:00Z'));
    expect(report.complete).toBe(true);
    expect(server.requests.map((r) => r.path.split('?')[0])).toEqual([
      '/api/v1/visits/sync',
      '/api/v1/sync/pull',
      '/api/v1/options',
      '/api/v1/notifications',
    ]);
    expect(await db.getMeta('lastSyncAt')).toBe('2026-12-06T02:00:00.000Z');
    expect(await db.notifications.count()).toBe(1);
    expect(await db.options()).toMatchObject({ stages: [] });
  });

  it('keeps the option lists even when the delta could not be had, and says the round is not complete', async () => {
    server.script = [503]; // the pull (the outbox is empty, so it is the first request)
    const report = await syncOnce(db, client, USER);
    expect(report).toMatchObject({ complete: false, authRequired: false, pull: { status: 'retry' } });
    expect(await db.options()).toMatchObject({ stages: [] });
    expect(await db.getMeta('lastSyncAt')).toBeUndefined();
    expect(await db.getMeta('lastSyncError')).toBe('服务器拒绝：503');
  });
});
