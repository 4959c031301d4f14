import { ROLES, Role } from '../role';
import { AccessPolicy } from '../access-policy';
import { Actor } from '../actor';

const actor = (role: Role, overrides: Partial<Actor> = {}): Actor => ({
  id: `${role}-id`,
  username: role,
  displayName: role,
  role,
  orgUnitId: `${role}-org`,
  requestId: null,
  ...overrides,
});

const own = (a: Actor) => ({ cadreId: a.id });
const someoneElses = { cadreId: 'another-cadre' };
const unassigned = { cadreId: null };

describe('AccessPolicy.householdScope', () => {
  it.each(['admin', 'commander', 'supervisor'] as Role[])('%s sees every household', (role) => {
    expect(AccessPolicy.householdScope(actor(role))).toEqual({ kind: 'all' });
  });

  it('a cadre sees the households assigned to them', () => {
    expect(AccessPolicy.householdScope(actor('cadre'))).toEqual({ kind: 'cadre', cadreId: 'cadre-id' });
  });

  it('an official sees their own org unit subtree', () => {
    expect(AccessPolicy.householdScope(actor('official'))).toEqual({
      kind: 'org',
      orgUnitId: 'official-org',
    });
  });

  it('an official without an org unit sees nothing', () => {
    expect(AccessPolicy.householdScope(actor('official', { orgUnitId: null }))).toEqual({ kind: 'none' });
  });

  it('a handler sees no households', () => {
    expect(AccessPolicy.householdScope(actor('handler'))).toEqual({ kind: 'none' });
  });

  it('has a rule for every role', () => {
    for (const role of ROLES) expect(AccessPolicy.householdScope(actor(role)).kind).toBeDefined();
  });
});

describe('AccessPolicy.canEditHousehold / canWorkOnHousehold', () => {
  it.each(['admin', 'commander'] as Role[])('%s may edit any household', (role) => {
    for (const household of [someoneElses, unassigned]) {
      expect(AccessPolicy.canEditHousehold(actor(role), household)).toBe(true);
      expect(AccessPolicy.canWorkOnHousehold(actor(role), household)).toBe(true);
    }
  });

  it('a cadre may edit only their own households', () => {
    const cadre = actor('cadre');
    expect(AccessPolicy.canEditHousehold(cadre, own(cadre))).toBe(true);
    expect(AccessPolicy.canEditHousehold(cadre, someoneElses)).toBe(false);
    expect(AccessPolicy.canEditHousehold(cadre, unassigned)).toBe(false);
  });

  it.each(['supervisor', 'official', 'handler'] as Role[])('%s may edit nothing', (role) => {
    const a = actor(role);
    expect(AccessPolicy.canEditHousehold(a, own(a))).toBe(false);
    expect(AccessPolicy.canEditHousehold(a, someoneElses)).toBe(false);
    expect(AccessPolicy.canWorkOnHousehold(a, own(a))).toBe(false);
  });
});

describe('AccessPolicy.mayReveal', () => {
  it.each(['admin', 'commander', 'cadre'] as Role[])('%s may ask to reveal', (role) => {
    expect(AccessPolicy.mayReveal(actor(role))).toBe(true);
  });

  it.each(['supervisor', 'official', 'handler'] as Role[])('%s may never ask', (role) => {
    expect(AccessPolicy.mayReveal(actor(role))).toBe(false);
  });
});

describe('AccessPolicy.canReveal', () => {
  it.each(['admin', 'commander'] as Role[])('%s may reveal any household', (role) => {
    expect(AccessPolicy.canReveal(actor(role), someoneElses)).toBe(true);
    expect(AccessPolicy.canReveal(actor(role), unassigned)).toBe(true);
  });

  it("a cadre may reveal only their own household's data", () => {
    const cadre = actor('cadre');
    expect(AccessPolicy.canReveal(cadre, own(cadre))).toBe(true);
    expect(AccessPolicy.canReveal(cadre, someoneElses)).toBe(false);
  });

  it.each(['supervisor', 'official', 'handler'] as Role[])('%s may never reveal', (role) => {
    const a = actor(role);
    expect(AccessPolicy.canReveal(a, own(a))).toBe(false);
    expect(AccessPolicy.canReveal(a, someoneElses)).toBe(false);
  });
});

describe('AccessPolicy.ledgerImportScope', () => {
  it.each(['admin', 'commander'] as Role[])('%s imports into any township', (role) => {
    expect(AccessPolicy.ledgerImportScope(actor(role))).toEqual({ kind: 'all' });
  });

  it('an official imports only within their own org unit', () => {
    expect(AccessPolicy.ledgerImportScope(actor('official'))).toEqual({
      kind: 'org',
      orgUnitId: 'official-org',
    });
    expect(AccessPolicy.ledgerImportScope(actor('official', { orgUnitId: null }))).toBeNull();
  });

  it.each(['supervisor', 'cadre', 'handler'] as Role[])('%s may not import', (role) => {
    expect(AccessPolicy.ledgerImportScope(actor(role))).toBeNull();
  });
});

describe('AccessPolicy.canDecideApproval', () => {
  const household = { townshipId: 'official-org' };

  it('lets a township official decide at township level for their own township only', () => {
    expect(AccessPolicy.canDecideApproval(actor('official'), 'township', household)).toBe(true);
    expect(AccessPolicy.canDecideApproval(actor('official'), 'township', { townshipId: 'elsewhere' })).toBe(
      false,
    );
    expect(AccessPolicy.canDecideApproval(actor('official'), 'command_centre', household)).toBe(false);
  });

  it('lets commanders decide at command-centre level, admins at any, nobody else', () => {
    expect(AccessPolicy.canDecideApproval(actor('commander'), 'command_centre', household)).toBe(true);
    expect(AccessPolicy.canDecideApproval(actor('commander'), 'township', household)).toBe(false);
    expect(AccessPolicy.canDecideApproval(actor('admin'), 'township', household)).toBe(true);
    for (const role of ['supervisor', 'cadre', 'handler'] as Role[]) {
      expect(AccessPolicy.canDecideApproval(actor(role), 'command_centre', household)).toBe(false);
    }
  });
});
