import { Injectable } from '@nestjs/common';
import { UsersRepository } from './users.repository';
import { UserEntity } from './entities/user.entity';

const TTL_MS = 5000;

/**
 * The auth guard checks every request's user is still active. A short cache keeps that off the database;
 * this process forgets a user at once when it changes them, other replicas within TTL_MS.
 */
@Injectable()
export class UserStatusCache {
  private readonly entries = new Map<string, { user: Promise<UserEntity | null>; expires: number }>();

  constructor(private readonly users: UsersRepository) {}

  async get(id: string): Promise<UserEntity | null> {
    const hit = this.entries.get(id);
    if (hit && hit.expires > Date.now()) return hit.user;
    // The pending lookup is shared: when an entry expires under load, one query serves every waiting request.
    const user = this.users.findById(id);
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(id, { user, expires: Date.now() + TTL_MS });
    user.catch(() => this.entries.delete(id));
    return user;
  }

  forget(id: string): void {
    this.entries.delete(id);
  }
}
