import { auth, World } from './factories';
import { TestApp } from './test-app';

type Response = { status: number; body: any };

/** The body of a response that must have `status`; anything else fails with what the server said. */
export function ok(response: Response, status: number): any {
  if (response.status !== status)
    throw new Error(`expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * A day's activity through the API, as the command centre records it (history and drill-down tests build
 * several days of it on a fixed clock): stage steps with their approvals, intents, visits, problems, holds.
 */
export class Activity {
  constructor(
    private readonly t: TestApp,
    private readonly w: World,
  ) {}

  async version(householdId: string): Promise<number> {
    return ok(await this.t.http.get(`/api/v1/households/${householdId}`).set(auth(this.w.commander)), 200)
      .version as number;
  }

  /** One step forward; with `approvers`, the request each decides in turn; `pending`: left waiting. */
  async advance(householdId: string, to: string, approvers: string[] = [], pending = false): Promise<void> {
    const response = await this.t.http
      .post(`/api/v1/households/${householdId}/transitions`)
      .set(auth(this.w.commander))
      .send({ to, version: await this.version(householdId) });
    const body = ok(response, approvers.length || pending ? 202 : 200);
    for (const token of approvers)
      ok(
        await this.t.http
          .post(`/api/v1/approvals/${body.approval.id}/decision`)
          .set(auth(token))
          .send({ decision: 'approve' }),
        200,
      );
  }

  async rollback(householdId: string): Promise<void> {
    ok(
      await this.t.http
        .post(`/api/v1/households/${householdId}/rollback`)
        .set(auth(this.w.commander))
        .send({ reason: '户主对面积有异议，重新调查', version: await this.version(householdId) }),
      200,
    );
  }

  async intent(householdId: string, option: string): Promise<void> {
    ok(
      await this.t.http
        .post(`/api/v1/households/${householdId}/intent`)
        .set(auth(this.w.commander))
        .send({ option }),
      201,
    );
  }

  async visit(householdId: string, visitedAt: string): Promise<string> {
    return ok(
      await this.t.http
        .post(`/api/v1/households/${householdId}/visits`)
        .set(auth(this.w.commander))
        .send({ visitedAt, method: 'in_person', summary: '入户走访' }),
      201,
    ).id as string;
  }

  async problem(householdId: string | null, severity: string): Promise<string> {
    return ok(
      await this.t.http
        .post('/api/v1/problems')
        .set(auth(this.w.commander))
        .send({
          ...(householdId ? { householdId } : {}),
          category: 'compensation_dispute',
          severity,
          description: '补偿标准有疑问',
        }),
      201,
    ).id as string;
  }

  async problemAct(
    problemId: string,
    action: string,
    body: Record<string, unknown>,
    token = this.w.commander,
  ): Promise<void> {
    ok(await this.t.http.post(`/api/v1/problems/${problemId}/${action}`).set(auth(token)).send(body), 200);
  }

  async hold(householdId: string): Promise<void> {
    ok(
      await this.t.http
        .post(`/api/v1/households/${householdId}/hold`)
        .set(auth(this.w.commander))
        .send({ reason: 'dispute', note: '宅基地边界纠纷' }),
      200,
    );
  }

  /** Runs the daily cycle of `date` and waits for its stored report. */
  async runReport(date: string): Promise<any> {
    ok(await this.t.http.post(`/api/v1/cycle/${date}/run`).set(auth(this.w.commander)), 202);
    for (let i = 0; i < 200; i++) {
      const response = await this.t.http.get(`/api/v1/reports/daily/${date}`).set(auth(this.w.commander));
      if (response.status === 200) return response.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the report of ${date} was not stored`);
  }
}
