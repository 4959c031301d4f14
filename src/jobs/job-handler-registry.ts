import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { isJobName, JobName, REQUIRED_JOB_HANDLERS } from './job-catalogue';
import { JobHandler } from './job-handler';

export class JobHandlerConfigurationError extends Error {}

/**
 * Finds every @JobHandler provider at start-up and refuses to boot on a name with two handlers, a name that is
 * not in the catalogue, or a required name (REQUIRED_JOB_HANDLERS) with none.
 */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly logger = new Logger(JobHandlerRegistry.name);
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const found = new Map<JobName, string[]>();
    const problems: string[] = [];
    for (const wrapper of this.discovery.getProviders({ metadataKey: JobHandler.KEY })) {
      const name = this.discovery.getMetadataByDecorator(JobHandler, wrapper);
      const className = wrapper.metatype?.name ?? String(wrapper.token);
      if (!isJobName(name)) {
        problems.push(`${className} handles "${String(name)}", which is not a JobName`);
        continue;
      }
      const instance = wrapper.instance as Partial<JobHandler<JobName>> | undefined;
      if (!wrapper.isDependencyTreeStatic() || typeof instance?.run !== 'function') {
        problems.push(`${className} (job "${name}") must be a singleton provider with a run() method`);
        continue;
      }
      found.set(name, [...(found.get(name) ?? []), className]);
      this.handlers.set(name, instance as JobHandler<JobName>);
    }
    for (const [name, classes] of found) {
      if (classes.length > 1)
        problems.push(`job "${name}" has ${classes.length} handlers: ${classes.join(', ')}`);
    }
    for (const name of REQUIRED_JOB_HANDLERS) {
      if (!found.has(name)) problems.push(`job "${name}" has no handler (it is in REQUIRED_JOB_HANDLERS)`);
    }
    if (problems.length) {
      throw new JobHandlerConfigurationError(`Job handlers are misconfigured:\n  ${problems.join('\n  ')}`);
    }
    this.logger.log(`job handlers: ${[...found.keys()].join(', ')}`);
  }

  has(name: JobName): boolean {
    return this.handlers.has(name);
  }

  get(name: JobName): JobHandler<JobName> | undefined {
    return this.handlers.get(name);
  }

  names(): JobName[] {
    return [...this.handlers.keys()];
  }
}
