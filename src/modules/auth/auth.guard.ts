import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor } from '../../common/policy/actor';
import { PUBLIC_KEY, ROLES_KEY } from '../../common/policy/roles.decorator';
import type { Role } from '../../common/policy/role';
import { AuthErrors } from './auth.errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuthService } from './auth.service';
import { csrfMatches, sessionTokenOf } from './session-cookies';
import { userIdentity } from '../users/user.view';

export type AuthenticatedRequest = Request & { actor?: Actor; id?: string; viaSession?: boolean };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route needs a valid token unless marked @Public(): a bearer token (API clients), or the console's
 * session cookie, which must come with its CSRF token on anything but a read. @Roles() then decides 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    let token: string | undefined;
    if (header !== undefined) {
      const [scheme, bearer] = header.split(' ');
      if (scheme?.toLowerCase() === 'bearer' && bearer) token = bearer;
    } else {
      token = sessionTokenOf(request);
      request.viaSession = token !== undefined;
    }
    if (!token) throw AuthErrors.unauthenticated();
    const user = await this.auth.authenticate(token);
    if (
      request.viaSession &&
      !SAFE_METHODS.has(request.method) &&
      !csrfMatches(request, token, this.config.jwtSecret)
    )
      throw AuthErrors.csrfFailed();
    request.actor = { ...userIdentity(user), requestId: request.id ? String(request.id) : null };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) throw AuthErrors.forbidden();
    return true;
  }
}
