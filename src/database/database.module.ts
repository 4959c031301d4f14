import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { dataSourceOptions, isReadOnly } from './data-source-options';
import { runMigrations } from './run-migrations';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        // The schema comes only from migrations, applied at start (below, one process at a time).
        migrationsRun: false,
      }),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        // A cluster's reader opens the file read-only, after the writer has migrated it (src/cluster/).
        if (isReadOnly(dataSource)) return dataSource;
        await runMigrations(dataSource);
        // WAL + NORMAL: durable across process crashes, and writers do not fsync on every commit.
        if (dataSource.options.type === 'sqlite') {
          await dataSource.query('PRAGMA synchronous = NORMAL');
          // Without statistics SQLite's planner picks poor indexes for the list filters; optimize gathers them
          // where they are missing or stale, cheaply (analysis_limit), as SQLite recommends at start-up.
          await dataSource.query('PRAGMA analysis_limit = 1000');
          await dataSource.query('PRAGMA optimize = 0x10002');
        }
        return dataSource;
      },
    }),
  ],
  providers: [TransactionRunner],
  exports: [TransactionRunner],
})
export class DatabaseModule {}
