/** What the primary and its processes tell each other over the cluster's IPC channel (src/cluster/). */

/** Primary → a process: finish your requests and close (a stop or a rolling restart). */
export const CLUSTER_SHUTDOWN = 'api:shutdown';

/**
 * A process → primary, once its server has closed; the primary answers CLOSED_SEEN, and then the process exits.
 * The primary hands a new connection to a process over the same IPC channel, in order: a process that exited
 * the moment its server closed could take with it a connection handed over just before the primary read the
 * server's close, and that connection then hung, never answered nor passed on. When CLOSED_SEEN arrives, every
 * such hand-over has arrived before it and been declined (the server is closed), so the primary gave it to
 * another process.
 */
export const CLOSED = 'api:closed';
export const CLOSED_SEEN = 'api:closed-seen';

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
