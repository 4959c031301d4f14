import { Injectable } from '@nestjs/common';
import { JobRunEntity, JobRunStatus } from './entities/job-run.entity';
import { JobName } from './job-catalogue';
import { JobRunsRepository } from './job-runs.repository';

/** A job run as other modules see it (GET /cycle/:date shows the three steps' records). */
export interface JobRunView {
  name: string;
  key: string;
  status: JobRunStatus;
  attempts: number;
  error: string | null;
  detail: unknown;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
}

/** Read side of job_runs, and the idempotency question handlers ask: "has (name, key) completed?" */
@Injectable()
export class JobRunsService {
  constructor(private readonly repository: JobRunsRepository) {}

  isCompleted(name: JobName, key: string): Promise<boolean> {
    return this.repository.isCompleted(name, key);
  }

  async get(name: JobName, key: string): Promise<JobRunView | null> {
    const run = await this.repository.find(name, key);
    return run ? JobRunsService.toView(run) : null;
  }

  async getMany(name: JobName, keys: string[]): Promise<JobRunView[]> {
    return (await this.repository.findMany(name, keys)).map((run) => JobRunsService.toView(run));
  }

  static toView(run: JobRunEntity): JobRunView {
    return {
      name: run.name,
      key: run.key,
      status: run.status,
      attempts: run.attempts,
      error: run.error,
      detail: run.result === null ? null : (JSON.parse(run.result) as unknown),
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      createdAt: run.createdAt,
    };
  }
}
