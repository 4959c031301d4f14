import { Link } from 'react-router';
import type { Role } from '../../app/roles';
import { mayOpen } from '../../app/roles';
import type { Problem } from './api';

/** The problem's household as "code · head": a link for those who may open it (not a unit's handler). */
export function HouseholdName({ problem, role }: { problem: Problem; role: Role }) {
  if (!problem.householdId) return <>—</>;
  const text = `${problem.householdCode ?? ''} · ${problem.headName ?? ''}`;
  return mayOpen(role, `/households/${problem.householdId}`) ? (
    <Link to={`/households/${problem.householdId}`}>{text}</Link>
  ) : (
    <>{text}</>
  );
}
