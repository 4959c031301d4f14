import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Actor } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { Role, UserEntity } from '../users/entities/user.entity';
import { PasswordHasher } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { UserStatusCache } from '../users/user-status.cache';
import { AuthErrors } from './auth.errors';
import { AuthUserDto, LoginResponseDto } from './dtos/login.dto';
import { LoginFailuresRepository } from './login-failures.repository';

export interface TokenPayload {
  sub: string;
  role: string;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly failures: LoginFailuresRepository,
    private readonly jwt: JwtService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly statusCache: UserStatusCache,
    private readonly passwords: PasswordHasher,
  ) {}

  static toAuthUser(
    user: Pick<UserEntity, 'id' | 'username' | 'displayName' | 'role' | 'orgUnitId'>,
  ): AuthUserDto & { role: Role } {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      orgUnitId: user.orgUnitId,
    };
  }

  async login(username: string, password: string, requestId: string | null): Promise<LoginResponseDto> {
    const now = this.clock.now();
    const { maxFailures, failureWindowSeconds } = this.config.login;
    const windowStart = new Date(now.getTime() - failureWindowSeconds * 1000);
    const locked = () => AuthErrors.tooManyFailures(Math.ceil(failureWindowSeconds / 60));
    if ((await this.failures.countSince(username, windowStart)) >= maxFailures) throw locked();
    // The attempt counts as a failure before the password is checked, so parallel guesses cannot all
    // pass the check above: whoever finds more than the limit already recorded withdraws and is refused.
    const attemptId = await this.transactions.run((manager) => this.failures.add(manager, username, now));
    if ((await this.failures.countSince(username, windowStart)) > maxFailures) {
      await this.transactions.run((manager) => this.failures.remove(manager, attemptId));
      throw locked();
    }
    const user = await this.users.findByUsername(username);
    const valid = user
      ? await this.passwords.verify(user.passwordHash, password)
      : await this.passwords.verifyNobody(password);
    if (!user || !valid || !user.active) throw AuthErrors.invalidCredentials();
    const actor: Actor = { ...AuthService.toAuthUser(user), requestId };
    await this.transactions.run(async (manager) => {
      await this.failures.clear(manager, username, windowStart);
      await this.audit.record(manager, actor, { action: 'login', entityType: 'user', entityId: user.id });
    });
    const payload: TokenPayload = { sub: user.id, role: user.role };
    const accessToken = await this.jwt.signAsync(payload);
    return { accessToken, user: AuthService.toAuthUser(user) };
  }

  /** The bearer token's user, if the token is valid and the user still active. */
  async authenticate(token: string): Promise<UserEntity> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      throw AuthErrors.unauthenticated();
    }
    const user = await this.statusCache.get(payload.sub);
    if (!user || !user.active) throw AuthErrors.unauthenticated();
    return user;
  }
}
