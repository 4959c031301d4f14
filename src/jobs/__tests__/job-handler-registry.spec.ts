import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { DailyCycleJob } from '../../modules/daily-cycle/jobs/daily-cycle.job';
import { PingJob } from '../handlers/ping.job';
import { JobName, REQUIRED_JOB_HANDLERS } from '../job-catalogue';
import { JobHandler, JobResult } from '../job-handler';
import { JobHandlerRegistry } from '../job-handler-registry';

function handlerFor(name: JobName) {
  @Injectable()
  @JobHandler(name)
  class Handler {
    async run(): Promise<JobResult> {
      return { status: 'done' };
    }
  }
  Object.defineProperty(Handler, 'name', { value: `${name}Handler` });
  return Handler;
}

async function boot(providers: unknown[]) {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [JobHandlerRegistry, ...(providers as never[])],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(JobHandlerRegistry);
}

describe('JobHandlerRegistry', () => {
  const required = () =>
    REQUIRED_JOB_HANDLERS.filter((name) => name !== JobName.Ping && name !== JobName.DailyCycle).map(
      handlerFor,
    );

  it('finds every @JobHandler provider', async () => {
    const registry = await boot([PingJob, DailyCycleJob, ...required()]);
    expect(registry.has(JobName.Ping)).toBe(true);
    expect(registry.get(JobName.DailyCycle)).toBeInstanceOf(DailyCycleJob);
  });

  it('refuses to start with two handlers for one job, naming both', async () => {
    await expect(boot([PingJob, handlerFor(JobName.Ping), DailyCycleJob, ...required()])).rejects.toThrow(
      'job "ping" has 2 handlers: PingJob, pingHandler',
    );
  });

  it('refuses to start when a required job has no handler', async () => {
    await expect(boot([PingJob, ...required()])).rejects.toThrow(
      'job "cycle" has no handler (it is in REQUIRED_JOB_HANDLERS)',
    );
  });

  it('refuses a handler for a name outside the catalogue', async () => {
    await expect(
      boot([PingJob, DailyCycleJob, ...required(), handlerFor('nope' as JobName)]),
    ).rejects.toThrow('nopeHandler handles "nope", which is not a JobName');
  });
});
