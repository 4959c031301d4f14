import { JobName } from './job-catalogue';

/** Another worker holds this run's lease; retried later (the driver's backoff) rather than run twice. */
export class JobBusyError extends Error {
  constructor(name: JobName, key: string) {
    super(`${name}:${key} is running elsewhere`);
  }
}

/** A job name with no handler in this process: a configuration error, never retried into success. */
export class JobNotHandledError extends Error {
  constructor(name: string) {
    super(`no handler for job "${name}"`);
  }
}

/** A payload the catalogue rejects (e.g. a date that is not YYYY-MM-DD): retrying cannot help. */
export class JobPayloadError extends Error {}

/** Errors that fail a job at once instead of being retried. */
export function isPermanentJobError(error: unknown): boolean {
  return error instanceof JobNotHandledError || error instanceof JobPayloadError;
}
