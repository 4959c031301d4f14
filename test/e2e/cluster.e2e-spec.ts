import { request as httpRequest } from 'node:http';
import { waitFor } from '../jobs/support/jobs-test-kit';
import { Factory, World } from '../support/factories';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

interface Answer {
  status: number;
  body: any;
  requestId: string;
}

/**
 * `API_PROCESSES=2` (src/cluster/): two HTTP processes behind one port, on SQLite and on PostgreSQL; on SQLite a third
 * process, the writer, takes every write. Every request goes out on a new connection, so Node's cluster hands them to the processes in turn; the processes' own request
 * log lines (`worker`, `req.id`) say which one answered.
 */
describe('API_PROCESSES=2', () => {
  let database: TestDatabase;
  let world: World;
  let household: Record<string, any>;
  let server: ServerProcess;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    const t = await createTestApp({}, { database });
    const factory = new Factory(t);
    world = await factory.world();
    household = await factory.household(world);
    await t.close();
    server = await startServer({ DATABASE_URL: database.url, API_PROCESSES: '2', LOG_FORMAT: 'json' });
    port = Number(new URL(server.url).port);
    await waitFor(
      'both processes',
      async () => pidsOf(2).length === 1 && pidsOf(1).length === 1,
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${server.output()}`);
    });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  /** One request on its own connection (no keep-alive), so the cluster picks a process for each. */
  function send(method: string, path: string, body?: unknown, token = world.cadre.token): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method,
          path: `/api/v1${path}`,
          agent: false,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload ? { 'content-type': 'application/json' } : {}),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              body: String(res.headers['content-type']).startsWith('application/json')
                ? JSON.parse(text)
                : text,
              requestId: String(res.headers['x-request-id']),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
      req.end(payload);
    });
  }

  const logLines = (): Record<string, any>[] =>
    server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, any>);

  /** Which process answered each request, from the request log lines: 1, 2 or (SQLite) `writer`. */
  const answeredBy = (answers: Answer[]): Array<number | 'writer'> => {
    const byId = new Map(logLines().map((line) => [line.req?.id, line.worker as number | 'writer']));
    return answers.map((answer) => byId.get(answer.requestId)!);
  };

  /** The SQLite writer's pids in the order it was ready (the primary's lines). */
  const writerPids = (): number[] =>
    logLines()
      .map((line) => /SQLite writer \(pid (\d+)\) ready/.exec(String(line.msg)))
      .filter((match): match is RegExpExecArray => !!match)
      .map((match) => Number(match[1]));

  /** Pids of process `index` in the order they reported listening (the primary's own lines). */
  const pidsOf = (index: number): number[] =>
    logLines()
      .map((line) => new RegExp(`API process ${index} \\(pid (\\d+)\\) listening`).exec(String(line.msg)))
      .filter((match): match is RegExpExecArray => !!match)
      .map((match) => Number(match[1]));

  // One instant for every visit: a visit sent again must be the same visit (other content is a 409).
  const visitedAt = new Date(Date.now() - 60_000).toISOString();
  const visit = (clientId: string) => ({
    visitedAt,
    method: 'in_person',
    summary: '入户宣讲补偿标准',
    attitude: 'supportive',
    clientId,
  });

  /** Every stored visit's clientId for the household, page by page. */
  const storedClientIds = async (): Promise<string[]> => {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const listed = await send('GET', `/visits?householdId=${household.id}&pageSize=200&page=${page}`);
      expect(listed.status).toBe(200);
      ids.push(...listed.body.items.map((item: { clientId: string }) => item.clientId));
      if (ids.length >= listed.body.total || listed.body.items.length === 0) return ids;
    }
  };

  it('stores a visit sent to both processes once, and each process reads what the other wrote', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 4; i++)
      answers.push(await send('POST', `/households/${household.id}/visits`, visit('cluster-same')));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    await waitFor('request log lines', async () => answeredBy(answers).every(Boolean), 5_000);
    expect(new Set(answeredBy(answers))).toEqual(new Set([1, 2]));

    // Read your writes: each write read back at once, on a new connection (so, in turn, by the other process).
    const pairs: Answer[][] = [];
    for (let i = 0; i < 4; i++) {
      const clientId = `cluster-ryw-${i}`;
      const written = await send('POST', `/households/${household.id}/visits`, visit(clientId));
      expect(written.status).toBe(201);
      const read = await send('GET', `/visits?householdId=${household.id}&pageSize=200`);
      expect(read.body.items.map((item: { clientId: string }) => item.clientId)).toContain(clientId);
      pairs.push([written, read]);
    }
    await waitFor('request log lines', async () => answeredBy(pairs.flat()).every(Boolean), 5_000);
    expect(pairs.some(([written, read]) => answeredBy([written])[0] !== answeredBy([read])[0])).toBe(true);
    expect((await storedClientIds()).filter((id) => id === 'cluster-same')).toHaveLength(1);
  });

  // SQLite: one writer process writes the file; the HTTP processes (readers) read it read-only (src/cluster/).
  const onSqlite = process.env.DB !== 'postgres';
  const sqliteIt = onSqlite ? it : it.skip;

  sqliteIt(
    'hands every other write to the one writer, and either process reads it back at once',
    async () => {
      const held = await send(
        'POST',
        `/households/${household.id}/hold`,
        { reason: 'dispute' },
        world.commander,
      );
      expect(held.status).toBe(200);
      expect(held.body.onHold).toBe(true);
      const reads: Answer[] = [];
      for (let i = 0; i < 4; i++) {
        const read = await send('GET', `/households/${household.id}`, undefined, world.commander);
        expect(read.status).toBe(200);
        expect(read.body.onHold).toBe(true);
        reads.push(read);
      }
      const released = await send('POST', `/households/${household.id}/release`, {}, world.commander);
      expect(released.status).toBe(200);
      const after = await send('GET', `/households/${household.id}`, undefined, world.commander);
      expect(after.body.onHold).toBe(false);
      await waitFor(
        'request log lines',
        async () => answeredBy([held, released, after, ...reads]).every(Boolean),
        5_000,
      );
      expect(answeredBy([held, released])).toEqual(['writer', 'writer']);
      expect(new Set(answeredBy(reads))).toEqual(new Set([1, 2]));
    },
  );

  sqliteIt('streams an upload through to the writer whole (a ledger read there, row by row)', async () => {
    const url = `http://127.0.0.1:${port}/api/v1/households/import`;
    const headers = { authorization: `Bearer ${world.admin}` };
    const template = await fetch(`${url}/template`, { headers });
    expect(template.status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob([await template.arrayBuffer()]), 'ledger.xlsx');
    const upload = await fetch(`${url}?dryRun=true`, { method: 'POST', headers, body: form });
    const body = (await upload.json()) as { code: string; requestId: string };
    // The writer opened the workbook and found its sheets without a row: it got every byte.
    expect([upload.status, body.code]).toEqual([400, 'NO_DATA_ROWS']);
    const answer: Answer = { status: upload.status, body, requestId: body.requestId };
    await waitFor('request log lines', async () => answeredBy([answer]).every(Boolean), 5_000);
    expect(answeredBy([answer])).toEqual(['writer']);
  });

  sqliteIt(
    'serves a full read where it arrives and has the writer record its audit entry first',
    async () => {
      const revealed = await send(
        'GET',
        `/households/${household.id}?reveal=true`,
        undefined,
        world.commander,
      );
      expect(revealed.status).toBe(200);
      expect(revealed.body.headIdNumber).not.toContain('*');
      const audit = await send('GET', `/audit?entityId=${household.id}&pageSize=100`, undefined, world.admin);
      expect(audit.status).toBe(200);
      const reveals = audit.body.items.filter(
        (entry: { action: string; requestId: string }) =>
          entry.action === 'reveal' && entry.requestId === revealed.requestId,
      );
      expect(reveals).toHaveLength(1);
      await waitFor('request log lines', async () => answeredBy([revealed, audit]).every(Boolean), 5_000);
      expect(answeredBy([revealed])[0]).not.toBe('writer');
      expect(answeredBy([audit])).toEqual(['writer']); // GET /audit seals first: it is marked @ServedBy('writer')
    },
  );

  sqliteIt(
    'serves every kind of read from the read-only processes without a write (a write there would fail)',
    async () => {
      const id = household.id;
      const reads: Array<[string, string]> = [
        ['/sync/pull', world.cadre.token], // forgets old removals on a single process; here the writer does, hourly
        [`/households?pageSize=5`, world.commander],
        [`/households/${id}/timeline`, world.commander],
        [`/households/${id}/intents`, world.commander],
        [`/households/${id}/plan`, world.commander],
        [`/households/${id}/responsibles`, world.commander],
        ['/dashboard/summary', world.commander],
        ['/planning', world.commander],
        ['/problems', world.commander],
        ['/tasks', world.commander],
        ['/notifications', world.cadre.token],
        ['/duplicates', world.commander],
        ['/supervision/overdue', world.commander],
        ['/reports/checks', world.commander],
        ['/households/export', world.commander], // its audit entry goes to the writer like a reveal's
        ['/org-units', world.admin],
        ['/users', world.admin],
        ['/options', world.cadre.token],
      ];
      const answers: Answer[] = [];
      for (const [path, token] of reads) {
        // Twice on new connections: once by each process.
        for (let i = 0; i < 2; i++) {
          const answer = await send('GET', path, undefined, token);
          expect({ path, status: answer.status }).toEqual({ path, status: 200 });
          answers.push(answer);
        }
      }
      await waitFor('request log lines', async () => answeredBy(answers).every(Boolean), 5_000);
      expect(answeredBy(answers)).not.toContain('writer');
    },
  );

  it('loses no acknowledged visit when a process is killed (SIGKILL) mid-load, and starts it again', async () => {
    const [victim] = pidsOf(2);
    const clientIds = Array.from({ length: 40 }, (_, i) => `cluster-kill-${i}`);
    // Twenty visits in flight; when five are answered the process is killed and twenty more follow.
    let answered = 0;
    let fiveAnswered: () => void;
    const five = new Promise<void>((resolve) => (fiveAnswered = resolve));
    const post = (clientId: string) =>
      send('POST', `/households/${household.id}/visits`, visit(clientId))
        .then((answer) => {
          if (++answered === 5) fiveAnswered();
          return answer;
        })
        .catch(() => null);
    const first = clientIds.slice(0, 20).map(post);
    await five;
    process.kill(victim, 'SIGKILL');
    const answers = await Promise.all([...first, ...clientIds.slice(20).map(post)]);
    const acknowledged = clientIds.filter((_, i) => answers[i] && [200, 201].includes(answers[i]!.status));
    expect(acknowledged.length).toBeGreaterThan(0);
    // Nothing else than an acknowledgement or a broken connection: no 5xx.
    for (const answer of answers) if (answer) expect([200, 201]).toContain(answer.status);

    await waitFor('process 2 started again', async () => pidsOf(2).length === 2, 60_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${server.output().slice(-3000)}`);
      },
    );
    expect(pidsOf(2)[1]).not.toBe(victim);
    const stored = await storedClientIds();
    for (const clientId of acknowledged) expect(stored.filter((id) => id === clientId)).toHaveLength(1);

    // What was not acknowledged the phone sends again (same clientId): each ends up stored once.
    for (const clientId of clientIds) {
      const again = await send('POST', `/households/${household.id}/visits`, visit(clientId));
      expect([200, 201]).toContain(again.status);
    }
    const after = await storedClientIds();
    for (const clientId of clientIds) expect(after.filter((id) => id === clientId)).toHaveLength(1);
  });

  sqliteIt(
    'answers writes 503 while the writer is down, keeps serving reads, and takes writes again once it is back',
    async () => {
      const [writer] = writerPids().slice(-1);
      process.kill(writer, 'SIGKILL');
      const down = await send('POST', `/households/${household.id}/visits`, visit('cluster-writer-down'));
      expect(down.status).toBe(503);
      expect(down.body.code).toBe('WRITER_UNAVAILABLE');
      const proxied = await send(
        'POST',
        `/households/${household.id}/hold`,
        { reason: 'dispute' },
        world.commander,
      );
      expect(proxied.status).toBe(503);
      expect(proxied.body.code).toBe('WRITER_UNAVAILABLE');
      const read = await send('GET', `/visits?householdId=${household.id}&pageSize=200`);
      expect(read.status).toBe(200);

      await waitFor('the writer started again', async () => writerPids().length === 2, 60_000).catch(
        (error: Error) => {
          throw new Error(`${error.message}\n${server.output().slice(-3000)}`);
        },
      );
      expect(writerPids()[1]).not.toBe(writer);
      // Both readers now reach the new writer (its own socket): every write lands, through either process.
      const again: Answer[] = [];
      for (let i = 0; i < 4; i++)
        again.push(
          await send('POST', `/households/${household.id}/visits`, visit(`cluster-writer-back-${i}`)),
        );
      expect(again.map((a) => a.status)).toEqual([201, 201, 201, 201]);
      expect((await storedClientIds()).filter((id) => id.startsWith('cluster-writer-'))).toEqual(
        expect.arrayContaining(['cluster-writer-back-0', 'cluster-writer-back-3']),
      );
      expect(await storedClientIds()).not.toContain('cluster-writer-down');
    },
  );

  it('replaces every process one at a time on SIGHUP without refusing or losing a request', async () => {
    const before = logLines().length;
    server.child.kill('SIGHUP');
    const replaced = () =>
      logLines()
        .slice(before)
        .some((line) => line.msg === 'cluster: every process replaced');
    const answers: Array<[string, Answer]> = [];
    for (let i = 0; !replaced() && i < 2000; i++) {
      const clientId = `cluster-hup-${i}`;
      answers.push([clientId, await send('POST', `/households/${household.id}/visits`, visit(clientId))]);
      answers.push([clientId, await send('GET', `/visits?householdId=${household.id}&pageSize=1`)]);
    }
    expect(replaced()).toBe(true);
    expect(
      answers.filter(([, answer]) => answer.status >= 300).map(([id, a]) => [id, a.status, a.body]),
    ).toEqual([]);
    const stored = await storedClientIds();
    const posted = [...new Set(answers.map(([id]) => id))];
    expect(posted.length).toBeGreaterThan(5);
    for (const clientId of posted) expect(stored.filter((id) => id === clientId)).toHaveLength(1);
  });
});
