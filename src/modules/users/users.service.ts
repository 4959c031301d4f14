import { Injectable } from '@nestjs/common';
import { CommonErrors } from '../../common/errors/domain-error';
import { uniqueViolation } from '../../common/errors/unique-violation';
import { Page } from '../../common/http/pagination';
import { Actor } from '../../common/policy/actor';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { OrgDirectory } from '../org/org-directory';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserResponseDto } from './dtos/user.dto';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { UserStatusCache } from './user-status.cache';
import { UserErrors } from './users.errors';
import { UserDirectory } from './user-directory';
import { UsersRepository } from './users.repository';
import { userView } from './user.view';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly org: OrgDirectory,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly pii: PiiCipher,
    private readonly clock: Clock,
    private readonly statusCache: UserStatusCache,
    private readonly passwords: PasswordHasher,
  ) {}

  /** `passwordHash`: one made beforehand (the demo users share one hash of the published demo password). */
  async create(actor: Actor, dto: CreateUserDto, passwordHash?: string): Promise<UserResponseDto> {
    if (dto.orgUnitId && !(await this.org.findById(dto.orgUnitId))) throw UserErrors.orgUnitNotFound();
    const now = this.clock.now();
    const user = UserDirectory.build(
      {
        username: dto.username,
        displayName: dto.displayName,
        passwordHash: passwordHash ?? (await this.passwords.hash(dto.password)),
        role: dto.role,
        orgUnitId: dto.orgUnitId ?? null,
        phoneEnc: this.pii.encryptOptional(dto.phone),
      },
      now,
    );
    try {
      await this.transactions.run(async (manager) => {
        await this.users.insert(manager, user);
        await this.audit.record(manager, actor, {
          action: 'create',
          entityType: 'user',
          entityId: user.id,
          after: {
            username: user.username,
            displayName: user.displayName,
            role: user.role,
            orgUnitId: user.orgUnitId,
          },
        });
      });
    } catch (error) {
      if (uniqueViolation(error)) throw UserErrors.duplicateUsername();
      throw error;
    }
    return userView(user, this.pii);
  }

  async list(query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const [rows, total] = await this.users.list(query, query.page, query.pageSize);
    return {
      items: rows.map((u) => userView(u, this.pii)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(id: string): Promise<UserResponseDto> {
    const user = await this.users.findById(id);
    if (!user) throw UserErrors.notFound();
    return userView(user, this.pii);
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    if (dto.orgUnitId && !(await this.org.findById(dto.orgUnitId))) throw UserErrors.orgUnitNotFound();
    if (dto.active === false && id === actor.id) throw UserErrors.cannotDeactivateSelf();
    const passwordHash = dto.password ? await this.passwords.hash(dto.password) : undefined;
    const updated = await this.transactions.run(async (manager) => {
      const before = await this.users.findById(id, manager);
      if (!before) throw UserErrors.notFound();
      if (before.version !== dto.version) throw CommonErrors.staleVersion();
      const fields: Partial<UserEntity> = {};
      if (dto.displayName !== undefined && dto.displayName !== before.displayName)
        fields.displayName = dto.displayName;
      if (dto.role !== undefined && dto.role !== before.role) fields.role = dto.role;
      if (dto.orgUnitId !== undefined && dto.orgUnitId !== before.orgUnitId) fields.orgUnitId = dto.orgUnitId;
      if (dto.phone !== undefined && (dto.phone ?? null) !== this.pii.decryptOptional(before.phoneEnc))
        fields.phoneEnc = this.pii.encryptOptional(dto.phone);
      if (dto.active !== undefined && dto.active !== before.active) fields.active = dto.active;
      if (passwordHash) fields.passwordHash = passwordHash;
      // Nothing to change: the record as it is, no new version, no audit entry.
      if (Object.keys(fields).length === 0) return before;
      // Whatever decides what the user may do ends the tokens issued before it.
      const revoke = ['passwordHash', 'role', 'orgUnitId', 'active'].some((key) => key in fields);
      fields.updatedAt = this.clock.now();
      if (!(await this.users.update(manager, id, dto.version, fields, revoke)))
        throw CommonErrors.staleVersion();
      const after = (await this.users.findById(id, manager))!;
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: 'user',
        entityId: id,
        before: this.auditView(before),
        after: { ...this.auditView(after), ...(passwordHash ? { password: 'changed' } : {}) },
      });
      return after;
    });
    this.statusCache.forget(id);
    return userView(updated, this.pii);
  }

  async deactivate(actor: Actor, id: string): Promise<UserResponseDto> {
    if (id === actor.id) throw UserErrors.cannotDeactivateSelf();
    const updated = await this.transactions.run(async (manager) => {
      const before = await this.users.findById(id, manager);
      if (!before) throw UserErrors.notFound();
      // The version read above: a PATCH that slipped in between makes this a 409, not a silent overwrite.
      if (
        !(await this.users.update(
          manager,
          id,
          before.version,
          { active: false, updatedAt: this.clock.now() },
          true,
        ))
      ) {
        throw CommonErrors.staleVersion();
      }
      await this.audit.record(manager, actor, {
        action: 'deactivate',
        entityType: 'user',
        entityId: id,
        before: { active: before.active },
        after: { active: false },
      });
      return (await this.users.findById(id, manager))!;
    });
    this.statusCache.forget(id);
    return userView(updated, this.pii);
  }

  private auditView(user: UserEntity): Record<string, unknown> {
    return {
      displayName: user.displayName,
      role: user.role,
      orgUnitId: user.orgUnitId,
      active: user.active,
      phone: user.phoneEnc ? 'set' : null,
    };
  }
}
