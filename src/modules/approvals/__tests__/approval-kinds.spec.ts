import { APPROVAL_KINDS } from '../approval-levels';
import { ApprovalsService } from '../approvals.service';

const service = () => new (ApprovalsService as any)() as ApprovalsService;
const noop = async () => undefined;

describe('approval kinds at start-up', () => {
  it('fails when a kind has no applier', () => {
    const approvals = service();
    approvals.registerApplier('stage', noop);
    expect(() => approvals.onApplicationBootstrap()).toThrow(
      'No applier registered for approval kind intent_change',
    );
  });

  it('starts when every kind has one, and refuses a second applier for a kind', () => {
    const approvals = service();
    for (const kind of APPROVAL_KINDS) approvals.registerApplier(kind, noop);
    expect(() => approvals.onApplicationBootstrap()).not.toThrow();
    expect(() => approvals.registerApplier('stage', noop)).toThrow('Two appliers for approval kind stage');
  });
});
