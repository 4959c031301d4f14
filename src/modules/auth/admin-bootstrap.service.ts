import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { SYSTEM_ACTOR } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { PasswordHasher } from '../users/password-hasher';
import { UserDirectory } from '../users/user-directory';

/** Who was created at this start, and the password if it was generated (it is shown this once). */
export interface CreatedAdmin {
  username: string;
  generatedPassword: string | null;
}

/** First start on an empty database: create the admin; a generated password is printed once. */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');
  private announceInSummary = false;
  /** Set when this start created the admin. */
  created: CreatedAdmin | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserDirectory,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly passwords: PasswordHasher,
  ) {}

  /** The HTTP entry prints the generated password in its start summary instead of a log line of its own. */
  announceLater(): void {
    this.announceInSummary = true;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'reader') return; // the cluster's writer started first and did this
    if ((await this.users.count()) > 0) return;
    const generated = !this.config.adminPassword;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    const now = this.clock.now();
    const admin = UserDirectory.build(
      {
        username: this.config.adminUsername,
        displayName: '系统管理员',
        passwordHash: await this.passwords.hash(password),
        role: 'admin',
        orgUnitId: null,
        phoneEnc: null,
      },
      now,
    );
    try {
      await this.transactions.run(async (manager) => {
        await this.users.insert(manager, admin);
        await this.audit.record(manager, SYSTEM_ACTOR, {
          action: 'create',
          entityType: 'user',
          entityId: admin.id,
          after: { username: admin.username, role: 'admin' },
        });
      });
    } catch {
      return; // another replica created it first
    }
    this.created = { username: admin.username, generatedPassword: generated ? password : null };
    if (generated && !this.announceInSummary) {
      // Printed once, on purpose: there is no other way to learn it.
      this.logger.log(`Created admin user "${admin.username}" with generated password: ${password}`);
    } else {
      this.logger.log(`Created admin user "${admin.username}"`);
    }
  }
}
