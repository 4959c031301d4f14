import type { SyncHousehold } from './types';

/** A household as the delta sends it, for the phone's tests: every field set, overrides on top. */
export const household = (id: string, overrides: Partial<SyncHousehold> = {}): SyncHousehold => ({
  id,
  code: `DXZ-${id}`,
  headName: `户主${id}`,
  phone: '138****0000',
  villageId: 'v1',
  villageName: '大兴寨村',
  group: '一组',
  address: null,
  stage: 'surveyed',
  intent: null,
  onHold: false,
  holdReason: null,
  light: 'green',
  lightReasons: [],
  flags: [],
  lastVisitAt: null,
  version: 1,
  updatedAt: '2026-12-06T00:00:00Z',
  openProblems: [],
  recentVisits: [],
  ...overrides,
});
