import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobName, JobPayloads } from '../job-catalogue';
import { JobContext, JobHandler, JobResult } from '../job-handler';

/** Built-in: proves the pipeline. Optionally slow (sleepMs) or failing its first attempts (failTimes). */
@Injectable()
@JobHandler(JobName.Ping)
export class PingJob implements JobHandler<JobName.Ping> {
  async run(payload: JobPayloads[JobName.Ping], context: JobContext): Promise<JobResult> {
    if (payload.sleepMs) await sleep(Math.min(payload.sleepMs, 60_000));
    if (payload.failTimes && context.attempt <= payload.failTimes) {
      throw new Error(`ping ${payload.key} fails attempt ${context.attempt} on purpose`);
    }
    return {
      status: 'done',
      detail: { pid: process.pid, attempt: context.attempt, firedAt: context.firedAt },
    };
  }
}
