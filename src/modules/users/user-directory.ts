import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Role } from '../../common/policy/role';
import { UserEntity } from './entities/user.entity';
import { UsersRepository } from './users.repository';

/** A user account as other modules read it. */
export type User = UserEntity;

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  orgUnitId: string | null;
  phoneEnc: string | null;
}

/** The users module's gateway: what other modules may read and write of accounts (the SQL stays here). */
@Injectable()
export class UserDirectory {
  constructor(private readonly users: UsersRepository) {}

  /** A new, active account (version and token version 1): the users API and the first start's admin. */
  static build(fields: NewUser, now: Date): User {
    return Object.assign(new UserEntity(), {
      id: randomUUID(),
      ...fields,
      active: true,
      version: 1,
      tokenVersion: 1,
      createdAt: now,
      updatedAt: now,
    });
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.users.findById(id, manager);
  }

  findByIds(ids: string[], manager?: EntityManager): Promise<User[]> {
    return this.users.findByIds(ids, manager);
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.findByUsername(username);
  }

  count(): Promise<number> {
    return this.users.count();
  }

  /** Every cadre, active or not (a deactivated cadre still names the households they had). */
  cadres(): Promise<User[]> {
    return this.users.byRole('cadre');
  }

  /** Who hears of a dispatch aimed at a unit or a level: the active handlers, officials and commanders. */
  recipients(): Promise<Pick<User, 'id' | 'role' | 'orgUnitId'>[]> {
    return this.users.recipients();
  }

  /** Ids of the active users with this role (in this unit, when given): whom a notification reaches. */
  activeIds(role: Role, orgUnitId?: string | null): Promise<string[]> {
    return this.users.activeIds(role, orgUnitId);
  }

  insert(manager: EntityManager, user: User): Promise<void> {
    return this.users.insert(manager, user);
  }

  /** Optimistic; every token issued so far ends. False when `version` is stale. */
  setPassword(manager: EntityManager, id: string, version: number, passwordHash: string, at: Date) {
    return this.users.update(manager, id, version, { passwordHash, updatedAt: at }, true);
  }
}
