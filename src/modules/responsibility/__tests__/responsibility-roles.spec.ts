import { inherited } from '../responsibility-roles';

describe('inherited', () => {
  it('takes the household’s own holder first, then its village’s, then its task force’s', () => {
    expect(inherited('own', 'village', 'force')).toEqual({ value: 'own', source: 'household' });
    expect(inherited(null, 'village', 'force')).toEqual({ value: 'village', source: 'village' });
    expect(inherited(undefined, undefined, 'force')).toEqual({ value: 'force', source: 'task_force' });
  });

  it('is nobody when no scope sets the role', () => {
    expect(inherited(null, undefined, null)).toBeNull();
  });
});
