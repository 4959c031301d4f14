import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { AccessPolicy } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { Clock } from '../../common/time/business-clock';
import { ImportResultDto } from './dtos/ledger.dto';
import { LedgerChecker } from './ledger-checker';
import { LedgerContextLoader } from './ledger-context';
import { LedgerDuplicates } from './ledger-duplicates';
import { sortErrors } from './ledger-issues';
import { LedgerPlanner, WritePlan } from './ledger-planner';
import { LedgerFile, LedgerReader } from './ledger-reader';
import { cleanCode } from './ledger-values';
import { ImportStamp, LedgerWriter } from './ledger-writer';
import { LedgerErrors } from './ledger.errors';
import { chunks } from '../../common/chunks';
import { HouseholdRegister } from '../households/household-register';

/** Households planned and written together: a few write batches (and PostgreSQL's parallel ones). */
const PLAN_SLICE = 1500;

export interface LedgerUpload {
  name: string;
  buffer: Buffer;
}

/**
 * POST /households/import: read the file, check every row as the API would, then write the households
 * that changed (upsert by 户编号) in batches. Nothing is written on a dry run or for a refused file.
 */
@Injectable()
export class LedgerImportService {
  private readonly logger = new Logger(LedgerImportService.name);

  constructor(
    private readonly reader: LedgerReader,
    private readonly contexts: LedgerContextLoader,
    private readonly ledger: HouseholdRegister,
    private readonly writer: LedgerWriter,
    private readonly duplicates: LedgerDuplicates,
    private readonly pii: PiiCipher,
    private readonly clock: Clock,
  ) {}

  async import(actor: Actor, upload: LedgerUpload, options: { dryRun: boolean }): Promise<ImportResultDto> {
    const scope = AccessPolicy.ledgerImportScope(actor);
    if (!scope) throw LedgerErrors.notAllowed();
    const phases = new PhaseTimer();
    const file = await this.reader.read(upload.buffer, upload.name);
    phases.end('read');
    const sha256 = createHash('sha256').update(upload.buffer).digest('hex');
    const codes = [
      ...new Set(
        file.households.rows.map((row) => cleanCode(file.households.get(row, 'code') ?? '')).filter(Boolean),
      ),
    ];
    const context = await this.contexts.load(codes, scope);
    const elsewhere = await this.ledger.existingCodes(memberOnlyCodes(file, codes));
    phases.end('load');
    const checker = new LedgerChecker(file, context, actor);
    const checked = checker.check(elsewhere);
    phases.end('check');

    const hashes = new Map<string, string>();
    for (const household of checked)
      for (const member of household.members ?? [])
        hashes.set(member.idNumber, this.pii.hash(member.idNumber));
    const owners = await this.ledger.idHashOwners([...hashes.values()]);
    checker.checkOwners(checked, owners, (id) => hashes.get(id) ?? this.pii.hash(id));
    phases.end('check owners');
    const valid = checked.filter((household) => !household.issues.failed);
    await this.duplicates.note(scope, valid, (id) => hashes.get(id) ?? this.pii.hash(id), file.notes);
    phases.end('duplicates');

    // Planned (entities built, personal data encrypted) and written a slice at a time, so a big ledger
    // never holds every household's new rows at once.
    const planner = new LedgerPlanner(this.pii, this.clock.now());
    const stamp: ImportStamp = { importId: randomUUID(), file: upload.name.slice(0, 200), sha256 };
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const written: string[] = [];
    for (const slice of chunks(valid, PLAN_SLICE)) {
      const plans: WritePlan[] = [];
      for (const household of slice) {
        const plan = planner.plan(household);
        if (plan) plans.push(plan);
        else counts.unchanged++;
      }
      const failures = options.dryRun ? new Map() : await this.writer.write(plans, actor, stamp);
      for (const plan of plans) {
        const failure = failures.get(plan);
        if (failure) {
          const { source } = plan;
          const known: Record<string, string> = {
            code: source.code,
            headIdNumber: source.draft.headIdNumber,
          };
          const value = failure.key ? known[failure.key] : undefined;
          source.issues.household(source.row, failure.key, failure.message, undefined, value);
        } else {
          counts[plan.kind === 'create' ? 'created' : 'updated']++;
          written.push(plan.entity.id);
        }
      }
    }
    phases.end('plan and write');
    if (!options.dryRun) {
      await this.duplicates.flag(written);
      phases.end('flag duplicates');
    }
    const result: ImportResultDto = {
      dryRun: options.dryRun,
      file: { name: upload.name, sha256, format: file.format, encoding: file.encoding },
      households: checked.length,
      ...counts,
      failed: checked.filter((h) => h.issues.failed).length,
      errors: sortErrors([...checked.flatMap((h) => h.issues.list()), ...checker.orphans.list()]),
      notes: file.notes.list(),
    };
    if (!options.dryRun) {
      const { created, updated, unchanged, failed } = result;
      await this.writer.recordSummary(actor, stamp, {
        created,
        updated,
        unchanged,
        failed,
        format: file.format,
      });
    }
    this.logger.log(
      `${options.dryRun ? 'dry run ' : ''}${upload.name}: ${result.households} households, ${result.created} created, ` +
        `${result.updated} updated, ${result.unchanged} unchanged, ${result.failed} failed; ${phases}`,
    );
    return result;
  }
}

/** 户编号 of member rows that no 户籍台账 row has: they may name households of the database. */
function memberOnlyCodes(file: LedgerFile, householdCodes: string[]): string[] {
  const { members } = file;
  if (!members) return [];
  const inFile = new Set(householdCodes);
  const codes = new Set<string>();
  for (const row of members.rows) {
    const code = cleanCode(members.get(row, 'code') ?? '');
    if (code && !inFile.has(code)) codes.add(code);
  }
  return [...codes];
}

/** Where an import spends its time, for the log line (and the benchmark). */
class PhaseTimer {
  private last = performance.now();
  private readonly phases: string[] = [];

  end(name: string): void {
    const now = performance.now();
    this.phases.push(`${name} ${Math.round(now - this.last)} ms`);
    this.last = now;
  }

  toString(): string {
    return this.phases.join(', ');
  }
}
