import { SetMetadata } from '@nestjs/common';

export const SERVED_BY = 'relocation:served-by';

export interface ServedByRule {
  /** `writer`: a read that writes (an audit entry, a seal); `reader`: a write that reaches the writer by itself. */
  by: 'writer' | 'reader';
  /** Only when this query parameter is `true` (a full read that is audited only when asked for). */
  whenQuery?: string;
}

/**
 * Where a route runs when a cluster on SQLite hands its writes to one writer process (src/cluster/). By default a
 * GET, HEAD or OPTIONS is served by the HTTP process it reached and anything else by the writer; a route whose
 * method says the wrong thing says so here. A reader's connection is read-only, so a GET that writes without
 * this mark fails there instead of writing.
 */
export const ServedBy = (by: ServedByRule['by'], options: { whenQuery?: string } = {}) =>
  SetMetadata(SERVED_BY, { by, ...options } satisfies ServedByRule);
