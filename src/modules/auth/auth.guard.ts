import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor } from '../../common/policy/actor';
import { PUBLIC_KEY, ROLES_KEY } from '../../common/policy/roles.decorator';
import type { Role } from '../users/entities/user.entity';
import { AuthErrors } from './auth.errors';
import { AuthService } from './auth.service';

/** Every route needs a valid bearer token unless marked @Public(); @Roles() then decides 403. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor; id?: string }>();
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw AuthErrors.unauthenticated();
    const user = await this.auth.authenticate(token);
    request.actor = { ...AuthService.toAuthUser(user), requestId: request.id ? String(request.id) : null };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) throw AuthErrors.forbidden();
    return true;
  }
}
