import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { finished } from 'node:stream/promises';
import { DomainError } from '../../common/errors/domain-error';
import { validationDetails } from '../../common/http/validation';
import { SYSTEM_ACTOR } from '../../common/policy/actor';
import { ConfigError, loadConfig } from '../../config/app-config';
import { HouseholdQueryDto } from '../households/dtos/household.dto';
import { LedgerExportService } from './ledger-export.service';
import { importReport } from './ledger-cli-report';
import { LedgerImportService } from './ledger-import.service';
import { LedgerErrors } from './ledger.errors';

const USAGE = `Usage (on the database of DATABASE_URL, as the system administrator):
  npm run ledger -- import FILE [--dry-run]      load a ledger (.xlsx or .csv), upsert by 户编号
  npm run ledger -- export FILE [--reveal] [--townshipId=… --villageId=… --stage=… …]
                                                 write the ledger (.xlsx); filters as GET /households
Exit status: 0 done, 2 some rows were not imported (listed), 1 the file or the command was refused.`;

interface Command {
  action: 'import' | 'export';
  file: string;
  flags: Map<string, string>;
}

function parse(argv: string[]): Command {
  const [action, file, ...rest] = argv;
  if ((action !== 'import' && action !== 'export') || !file) throw new UsageError(USAGE);
  const flags = new Map<string, string>();
  for (const arg of rest) {
    const match = arg.match(/^--([\w-]+)(?:=(.*))?$/);
    if (!match) throw new UsageError(`unexpected argument: ${arg}\n\n${USAGE}`);
    flags.set(match[1], match[2] ?? 'true');
  }
  return { action, file, flags };
}

class UsageError extends Error {}

async function importLedger(app: INestApplicationContext, command: Command): Promise<number> {
  const limit = loadConfig().importMaxBytes;
  const size = await stat(command.file).then(
    (info) => info.size,
    () => null,
  );
  if (size === null) throw new UsageError(`找不到文件：${command.file}`);
  if (size > limit) throw LedgerErrors.tooLarge(limit);
  const dryRun = command.flags.has('dry-run');
  const started = Date.now();
  const result = await app
    .get(LedgerImportService)
    .import(SYSTEM_ACTOR, { name: basename(command.file), buffer: await readFile(command.file) }, { dryRun });
  for (const line of importReport(result, (Date.now() - started) / 1000)) console.log(line);
  return result.failed > 0 ? 2 : 0;
}

async function exportLedger(app: INestApplicationContext, command: Command): Promise<number> {
  const filters = Object.fromEntries([...command.flags].filter(([key]) => key !== 'reveal'));
  const query = plainToInstance(HouseholdQueryDto, { ...filters, reveal: command.flags.get('reveal') });
  const problems = validationDetails(validateSync(query, { whitelist: true, forbidNonWhitelisted: true }));
  if (problems.length) throw new UsageError(problems.map((p) => `--${p.field}: ${p.message}`).join('\n'));
  const started = Date.now();
  const out = createWriteStream(command.file);
  const count = await app.get(LedgerExportService).write(SYSTEM_ACTOR, query, out);
  await finished(out);
  console.log(`已导出 ${count} 户到 ${command.file}（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  return 0;
}

/** `npm run ledger -- import|export FILE`: the first bulk load of a township's ledger, without a browser. */
async function main(): Promise<void> {
  let command: Command;
  try {
    command = parse(process.argv.slice(2));
    process.env.LOG_LEVEL ??= 'warn';
    process.env.JOB_SCHEDULES ??= 'false'; // a one-off command registers no daily cycle
    loadConfig();
  } catch (error) {
    console.error(error instanceof UsageError || error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const { NestFactory } = await import('@nestjs/core');
  const { Logger } = await import('nestjs-pino');
  const { AppModule } = await import('../../app.module');
  const app = await NestFactory.createApplicationContext(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  let status = 1;
  try {
    status =
      command.action === 'import' ? await importLedger(app, command) : await exportLedger(app, command);
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(
        `${error.message}${error.details?.length ? `：${error.details.map((d) => d.field).join('、')}` : ''}`,
      );
    } else if (error instanceof UsageError) console.error(error.message);
    else console.error(error);
  } finally {
    await app.close();
  }
  process.exit(status);
}

void main();
