import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CommonErrors } from '../../common/errors/domain-error';
import { Actor } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { PasswordHasher } from '../users/password-hasher';
import { User, UserDirectory } from '../users/user-directory';
import { UserStatusCache } from '../users/user-status.cache';
import { AuthErrors } from './auth.errors';
import { LoginResponseDto } from './dtos/login.dto';
import { LoginFailuresRepository } from './login-failures.repository';
import { TokenPayload, validClaims } from './token-claims';
import { userIdentity } from '../users/user.view';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserDirectory,
    private readonly failures: LoginFailuresRepository,
    private readonly jwt: JwtService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly statusCache: UserStatusCache,
    private readonly passwords: PasswordHasher,
  ) {}

  async login(
    username: string,
    password: string,
    requestId: string | null,
    client: string | null = null,
  ): Promise<LoginResponseDto> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - this.config.login.failureWindowSeconds * 1000);
    await this.refuseIfLocked(username, client, windowStart, now);
    // The attempt counts as a failure before the password is checked, so parallel guesses cannot all
    // pass the check above: whoever finds more than the limit already recorded withdraws and is refused.
    const attemptId = await this.transactions.run((manager) =>
      this.failures.add(manager, username, client, now),
    );
    try {
      await this.refuseIfLocked(username, client, windowStart, now, 1);
    } catch (error) {
      await this.transactions.run((manager) => this.failures.remove(manager, attemptId));
      throw error;
    }
    const user = await this.users.findByUsername(username);
    const valid = user
      ? await this.passwords.verify(user.passwordHash, password)
      : await this.passwords.verifyNobody(password);
    if (!user || !valid || !user.active) throw AuthErrors.invalidCredentials();
    const actor: Actor = { ...userIdentity(user), requestId };
    await this.transactions.run(async (manager) => {
      await this.failures.clear(manager, username, client, windowStart);
      await this.audit.record(manager, actor, { action: 'login', entityType: 'user', entityId: user.id });
    });
    return { accessToken: await this.issue(user), user: userIdentity(user) };
  }

  /**
   * A guesser is slowed at their own address (maxFailures per username and address) without locking the
   * owner out at theirs; a generous ceiling per username across all addresses stops a spread-out guess.
   * `pending` is this attempt's own row, already counted.
   */
  private async refuseIfLocked(
    username: string,
    client: string | null,
    windowStart: Date,
    now: Date,
    pending = 0,
  ): Promise<void> {
    const { maxFailures, maxFailuresPerUser, failureWindowSeconds } = this.config.login;
    const [fromClient, fromAll] = await Promise.all([
      this.failures.countSince(username, windowStart, client),
      this.failures.countSince(username, windowStart),
    ]);
    const hit =
      fromClient.count - pending >= maxFailures
        ? fromClient
        : fromAll.count - pending >= maxFailuresPerUser
          ? fromAll
          : null;
    if (!hit) return;
    const liftsAt = (hit.oldest ?? now).getTime() + failureWindowSeconds * 1000;
    throw AuthErrors.tooManyFailures(Math.max(1, Math.ceil((liftsAt - now.getTime()) / 1000)));
  }

  /** The user's own password change: the old password first; every other token of theirs ends. */
  async changePassword(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
  ): Promise<LoginResponseDto> {
    const user = await this.users.findById(actor.id);
    if (!user || !user.active) throw AuthErrors.unauthenticated();
    if (!(await this.passwords.verify(user.passwordHash, currentPassword)))
      throw AuthErrors.wrongCurrentPassword();
    if (currentPassword === newPassword) throw AuthErrors.samePassword();
    const passwordHash = await this.passwords.hash(newPassword);
    const updated = await this.transactions.run(async (manager) => {
      if (!(await this.users.setPassword(manager, user.id, user.version, passwordHash, this.clock.now())))
        throw CommonErrors.staleVersion();
      await this.audit.record(manager, actor, {
        action: 'password_change',
        entityType: 'user',
        entityId: user.id,
        after: { password: 'changed' },
      });
      return (await this.users.findById(user.id, manager))!;
    });
    this.statusCache.forget(user.id);
    return { accessToken: await this.issue(updated), user: userIdentity(updated) };
  }

  /** When a token this server issued expires: the session cookie lives exactly as long. */
  expiresAt(token: string): Date {
    const claims = this.jwt.decode<{ exp: number }>(token);
    return new Date(claims.exp * 1000);
  }

  private issue(user: User): Promise<string> {
    const payload: Pick<TokenPayload, 'sub' | 'role' | 'tv'> = {
      sub: user.id,
      role: user.role,
      tv: user.tokenVersion,
    };
    return this.jwt.signAsync(payload);
  }

  /**
   * The bearer token's user: signed by this server with HS256, unexpired, well-formed claims, issued for the
   * user's current token version, and the user still active.
   */
  async authenticate(token: string): Promise<User> {
    let claims: TokenPayload | null;
    try {
      claims = validClaims(await this.jwt.verifyAsync<object>(token), Math.floor(Date.now() / 1000));
    } catch {
      throw AuthErrors.unauthenticated();
    }
    if (!claims) throw AuthErrors.unauthenticated();
    const user = await this.statusCache.get(claims.sub);
    if (!user || !user.active || user.tokenVersion !== claims.tv) throw AuthErrors.unauthenticated();
    return user;
  }
}
