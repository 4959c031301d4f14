import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './support';

/** The API as one demo user (bearer token), to set up what a journey needs without depending on other specs. */
export class ApiAs {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  static async login(request: APIRequestContext, username: string, password = DEMO_PASSWORD): Promise<ApiAs> {
    const response = await request.post('/api/v1/auth/login', { data: { username, password } });
    expect(response.status(), `login ${username}`).toBe(200);
    return new ApiAs(request, (await response.json()).accessToken);
  }

  async get<T = any>(path: string): Promise<T> {
    const response = await this.request.get(`/api/v1${path}`, { headers: this.headers() });
    expect(response.ok(), `GET ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return response.json();
  }

  async post<T = any>(path: string, data: unknown = {}, status?: number): Promise<T> {
    const response = await this.request.post(`/api/v1${path}`, { data, headers: this.headers() });
    const body = await response.text();
    if (status) expect(response.status(), `POST ${path}: ${body}`).toBe(status);
    else expect(response.ok(), `POST ${path}: ${response.status()} ${body}`).toBe(true);
    return (body ? JSON.parse(body) : undefined) as T;
  }

  private headers() {
    return { Authorization: `Bearer ${this.token}` };
  }
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid GB 11643 resident ID (吉首市 area code, a random birth date and sequence). */
export function residentId(): string {
  const random = (n: number) => Math.floor(Math.random() * n);
  const birth = `19${50 + random(40)}${String(1 + random(12)).padStart(2, '0')}${String(1 + random(28)).padStart(2, '0')}`;
  const first17 = `433101${birth}${String(random(1000)).padStart(3, '0')}`;
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

let made = 0;

/** A new household in a 矮寨镇 village, created by the command centre; `code` is unique to this run. */
export async function newHousehold(
  commander: ApiAs,
  headName: string,
): Promise<{ id: string; code: string }> {
  const units = await commander.get<{ id: string; kind: string; name: string }[]>('/org-units');
  const village = units.find((u) => u.kind === 'village')!;
  const code = `E2E-${Date.now().toString(36).toUpperCase()}-${++made}`;
  const household = await commander.post('/households', {
    code,
    headName,
    headIdNumber: residentId(),
    villageId: village.id,
  });
  return { id: household.id, code };
}

/**
 * A household whose move 实物已调查 → 实物指标已确认 waits for the township (矮寨镇) to approve:
 * registered → surveyed needs no approval, the next step opens the request.
 */
export async function householdAwaitingTownship(commander: ApiAs, headName: string) {
  const household = await newHousehold(commander, headName);
  await commander.post(`/households/${household.id}/transitions`, { to: 'surveyed', version: 1 }, 200);
  const opened = await commander.post(
    `/households/${household.id}/transitions`,
    { to: 'indicators_confirmed', version: 2 },
    202,
  );
  return { ...household, approvalId: opened.approval.id as string };
}

export type NotificationBody = { kind: string; body: string; target: { type: string; id: string } | null };

/** Waits until the user has a notification that matches (the outbox relays it after the write). */
export async function awaitNotification(user: ApiAs, match: (n: NotificationBody) => boolean): Promise<void> {
  await expect
    .poll(async () => {
      const page = await user.get<{ items: NotificationBody[] }>('/notifications?pageSize=50');
      return page.items.some(match);
    })
    .toBe(true);
}

/** Waits until no table on the page is still loading: a kept screenshot shows the data, not a spinner. */
export async function settled(page: Page): Promise<void> {
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
}
