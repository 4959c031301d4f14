import { Role } from '../../common/policy/role';
import { User } from '../users/user-directory';
import { AuthUserDto } from './dtos/login.dto';

export function authUserView(
  user: Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'orgUnitId'>,
): AuthUserDto & { role: Role } {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    orgUnitId: user.orgUnitId,
  };
}
