import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

/**
 * argon2id password hashes. The cost comes from config (argon2's defaults unless PASSWORD_HASH_MEMORY_KIB is
 * set, which only the test suite lowers); verify reads the cost stored in each hash, so old hashes keep working.
 */
@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    const memoryCost = this.config.passwordHashMemoryKib;
    return argon2.hash(password, { type: argon2.argon2id, ...(memoryCost ? { memoryCost } : {}) });
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password);
  }

  /** Checking a password for an unknown user costs the same, so timing does not reveal which usernames exist. */
  async verifyNobody(password: string): Promise<false> {
    this.dummy ??= this.hash('not-a-real-password');
    await argon2.verify(await this.dummy, password);
    return false;
  }
}
