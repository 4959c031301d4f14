// The server's zone must not matter: this process and the worker process run with TZ=UTC.
process.env.TZ = 'UTC';

import { ChildProcess } from 'node:child_process';
import { BullmqJobQueue } from '../../src/jobs/drivers/bullmq-job-queue';
import { OutboxMessageEntity } from '../../src/jobs/entities/outbox-message.entity';
import { JobName } from '../../src/jobs/job-catalogue';
import { bullJobId } from '../../src/jobs/job-ids';
import { JobQueue } from '../../src/jobs/job-queue';
import { NotificationEntity } from '../../src/modules/notifications/entities/notification.entity';
import { auth, Factory, World } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { sleep } from './support/cycle-kit';
import {
  bullEnv,
  freePort,
  outboxRows,
  runsOf,
  spawnWorker,
  startRedis,
  stopProcess,
  uniquePrefix,
  waitFor,
  waitForWorkerReady,
  WorkerProcess,
} from './support/jobs-test-kit';

// Worker processes start slowly on a loaded machine (the whole app, transpiled on first use).
jest.setTimeout(90_000);

/**
 * A visit with 急难愁盼 (concerns) or a resistant attitude writes an outbox row in its own transaction; the relay
 * queues a Notify job; a worker process turns it into one notification per commander. Redis here is a
 * redis-server of our own on a free port, stopped and started again (empty) by the test.
 */
describe('visits while Redis is down: accepted, kept in the outbox, each notified exactly once when it is back', () => {
  let port: number;
  let redis: ChildProcess;
  let t: TestApp;
  let w: World;
  let queue: BullmqJobQueue;
  let worker: WorkerProcess;
  let commanders: string[];
  const h: Record<string, Record<string, any>> = {};
  const visitedAt = new Date(Date.now() - 3600_000).toISOString(); // the real clock: the worker's is real too

  const visit = (key: string, body: Record<string, unknown>) =>
    t.http
      .post(`/api/v1/households/${h[key].id}/visits`)
      .set(auth(w.cadre.token))
      .send({
        visitedAt,
        method: 'in_person',
        summary: '走访',
        ...body,
      });
  /** Notifications about visits, as `dedupe key → user ids`. */
  const concernNotifications = async () => {
    const rows = await t.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.kind = :kind', { kind: 'visit_concern' })
      .getMany();
    const byKey: Record<string, string[]> = {};
    for (const row of rows) (byKey[row.dedupeKey] ??= []).push(row.userId);
    for (const users of Object.values(byKey)) users.sort();
    return byKey;
  };
  const notifyRuns = async () =>
    (await runsOf(t.dataSource, JobName.Notify)).map((run) => [run.key, run.status, run.attempts]);

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    // The API queues and relays but runs no jobs; the worker process runs them.
    t = await createTestApp(
      bullEnv(uniquePrefix('cycle-outage'), { REDIS_URL: `redis://127.0.0.1:${port}` }),
    );
    queue = t.app.get(JobQueue) as BullmqJobQueue;
    worker = spawnWorker({ TZ: 'UTC' });
    const f = new Factory(t);
    w = await f.world();
    const second = await f.user(w.admin, 'commander', w.centreId);
    commanders = [second.id, (await t.http.get('/api/v1/auth/me').set(auth(w.commander))).body.id].sort();
    for (const key of ['H1', 'H2', 'H3', 'H4']) h[key] = await f.household(w);
    await waitForWorkerReady(worker);
  });

  afterAll(async () => {
    if (process.env.DEBUG_WORKERS) console.log(worker.output());
    await stopProcess(worker.child);
    if (redis.exitCode === null && redis.signalCode === null) await queue.queue.obliterate({ force: true });
    await t.close();
    await stopProcess(redis); // its keys go with it: no persistence
  });

  it('notifies the commanders about a visit with concerns while Redis is up', async () => {
    const response = await visit('H1', { concerns: '担心安置房交付时间' });
    expect(response.status).toBe(201);
    const key = `visit_concern:${response.body.id}`;
    const notified = await waitFor('notified', async () => (await concernNotifications())[key]);
    expect(notified).toEqual(commanders);
  });

  it('accepts visits with Redis stopped, keeps their outbox rows, and delivers each once when Redis is back', async () => {
    await stopProcess(redis);
    await waitFor('the API sees Redis gone', async () => !queue.available);
    const before = await concernNotifications();

    const sent: { key: string; body: Record<string, unknown>; notifies: boolean }[] = [
      { key: 'H1', body: { concerns: '孩子转学', clientId: 'down-1' }, notifies: true },
      { key: 'H2', body: { attitude: 'resistant' }, notifies: true },
      { key: 'H3', body: { concerns: '老人就医', attitude: 'resistant' }, notifies: true },
      { key: 'H4', body: { attitude: 'supportive' }, notifies: false }, // nothing to tell anyone
    ];
    const ids: string[] = [];
    for (const { key, body, notifies } of sent) {
      const started = Date.now();
      const response = await visit(key, body);
      expect(response.status).toBe(201); // Redis is not on the write's path
      expect(Date.now() - started).toBeLessThan(2000);
      if (notifies) ids.push(response.body.id);
    }
    // The device sends its first visit again (no answer reached it): the same visit, no second outbox row.
    const resend = await visit('H1', sent[0].body);
    expect(resend.status).toBe(200);
    expect(resend.body.id).toBe(ids[0]);

    // The rows wait, unsent, with the reason; the relays (API and worker) keep trying.
    const waiting = await waitFor('relay attempts recorded', async () => {
      const rows = (await outboxRows(t.dataSource)).filter((row) => row.sentAt === null);
      return rows.length === ids.length && rows.every((row) => row.attempts >= 1) && rows;
    });
    expect(waiting.map((row) => [row.name, JSON.parse(row.payload)])).toEqual(
      ids.map((id) => [JobName.Notify, { event: 'visit_concern', id }]),
    );
    expect(waiting[0].lastError).toMatch(/Redis is not available|Connection|ECONNREFUSED|writeable/i);
    expect(await concernNotifications()).toEqual(before);

    // Redis is back (empty, on the same port): the worker and the API reconnect, the backlog goes out.
    redis = await startRedis(port);
    await waitFor(
      'outbox drained and every visit notified',
      async () => {
        const rows = await outboxRows(t.dataSource);
        const notified = await concernNotifications();
        return rows.every((row) => row.sentAt !== null) && ids.every((id) => notified[`visit_concern:${id}`]);
      },
      30_000,
    );
    await sleep(1000); // anything delivered twice would show up by now
    const after = await concernNotifications();
    for (const id of ids) expect(after[`visit_concern:${id}`]).toEqual(commanders); // once per commander
    expect(Object.keys(after)).toHaveLength(Object.keys(before).length + ids.length);
    const notifyKeys = ids.map((id) => `visit_concern:${id}`);
    expect((await notifyRuns()).filter(([key]) => notifyKeys.includes(key as string))).toEqual(
      notifyKeys.map((key) => [key, 'done', 1]),
    );
    for (const key of notifyKeys) {
      const job = await queue.queue.getJob(bullJobId(`notify:${key}`));
      expect(await job!.getState()).toBe('completed');
      expect(job!.attemptsStarted).toBe(1);
      expect(job!.processedBy).toMatch(new RegExp(`:${worker.child.pid}$`)); // the worker process, not the API
    }

    // Sent again (as if a relay died after queueing, before marking them sent): the job ids are still in Redis.
    await t.dataSource
      .getRepository(OutboxMessageEntity)
      .createQueryBuilder()
      .update()
      .set({ sentAt: null })
      .execute();
    await waitFor('outbox drained again', async () =>
      (await outboxRows(t.dataSource)).every((row) => row.sentAt !== null),
    );
    await sleep(500);
    expect(await concernNotifications()).toEqual(after);
    for (const key of notifyKeys) {
      expect((await queue.queue.getJob(bullJobId(`notify:${key}`)))!.attemptsStarted).toBe(1);
    }
  });
});
