/**
 * Job ids. The logical id is `name:key` (`report:2026-11-25`), what callers and job_runs see. BullMQ accepts a ':'
 * in a custom id only in three-part form, so in Redis the same id is `job:report:2026-11-25`.
 */
export function logicalJobId(name: string, key: string, given?: string): string {
  return given ?? `${name}:${key}`;
}

/** A rerun must not collide with the completed job still kept under the plain id. */
export function rerunJobId(id: string, at: Date): string {
  return `${id}@rerun-${at.getTime()}`;
}

export function bullJobId(id: string): string {
  const colon = id.indexOf(':');
  const [head, tail] = colon < 0 ? ['custom', id] : [id.slice(0, colon), id.slice(colon + 1)];
  return `job:${head}:${tail.replace(/:/g, '%3A')}`;
}

/** What BullMQ keeps about a job that came from a job scheduler. */
export interface ScheduledJobLike {
  id?: string;
  opts: { prevMillis?: number; delay?: number };
  timestamp: number;
  delay?: number;
}

// BullMQ names each run of a scheduler `repeat:<scheduler id>:<the millis it was scheduled for>`.
const SCHEDULED_ID = /^repeat:.+:(\d{10,})$/;

/**
 * The instant a scheduled run was scheduled for: from the id BullMQ gives it, else its prevMillis, else
 * creation time plus delay. Never "now": a run picked up late still belongs to its own fire time.
 */
export function fireTimeOf(job: ScheduledJobLike): Date {
  const fromId = job.id ? SCHEDULED_ID.exec(job.id) : null;
  if (fromId) return new Date(Number(fromId[1]));
  if (typeof job.opts.prevMillis === 'number' && job.opts.prevMillis > 0)
    return new Date(job.opts.prevMillis);
  return new Date(job.timestamp + (job.delay ?? job.opts.delay ?? 0));
}
