import { AppConfig } from '../../config/app-config';
import { JobName, JobPayloads } from '../job-catalogue';
import { JobExecutor } from '../job-executor';
import { JobPolicy, jobPolicy } from '../job-policy';
import { EnqueuedJob, EnqueueOptions, JobQueue, JobToEnqueue } from '../job-queue';
import { JobRunsRepository } from '../job-runs.repository';

/** What both drivers share: the executor that runs a job, job_runs, and the one retry policy. */
export abstract class DrivenJobQueue extends JobQueue {
  protected readonly policy: JobPolicy;

  constructor(
    protected readonly config: AppConfig,
    protected readonly executor: JobExecutor,
    protected readonly runs: JobRunsRepository,
  ) {
    super();
    this.policy = jobPolicy(config);
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<EnqueuedJob> {
    const [job] = await this.enqueueMany([{ name, payload, options } as JobToEnqueue]);
    return job;
  }
}
