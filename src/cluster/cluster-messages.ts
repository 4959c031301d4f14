/** What the primary and its processes tell each other over the cluster's IPC channel (src/cluster/). */

/** Primary → a process: finish your requests and close (a stop or a rolling restart). */
export const CLUSTER_SHUTDOWN = 'api:shutdown';

/** Writer → primary: migrated, bootstrapped, listening on `socket`; the readers may start. */
export interface WriterReady {
  type: 'api:writer-ready';
  socket: string;
}

/** Primary → readers: the writer now listens on `socket` (it was started again). */
export interface WriterMoved {
  type: 'api:writer-moved';
  socket: string;
}

/** Primary → writer: the readers listen; the start summary may be printed (it names the port they serve). */
export const ANNOUNCE = 'api:announce';

const isObject = (message: unknown): message is Record<string, unknown> =>
  typeof message === 'object' && message !== null;

export const isWriterReady = (message: unknown): message is WriterReady =>
  isObject(message) && message.type === 'api:writer-ready' && typeof message.socket === 'string';

export const isWriterMoved = (message: unknown): message is WriterMoved =>
  isObject(message) && message.type === 'api:writer-moved' && typeof message.socket === 'string';
