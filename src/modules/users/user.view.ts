import { maskPhone } from '../../common/pii/masking';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { UserResponseDto } from './dtos/user.dto';
import { UserEntity } from './entities/user.entity';

/** Who a user is: what a token, a session and the users API all show. */
export function userIdentity(
  user: Pick<UserEntity, 'id' | 'username' | 'displayName' | 'role' | 'orgUnitId'>,
) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    orgUnitId: user.orgUnitId,
  };
}

export function userView(user: UserEntity, pii: PiiCipher): UserResponseDto {
  return {
    ...userIdentity(user),
    phone: maskPhone(pii.decryptOptional(user.phoneEnc)),
    active: user.active,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
