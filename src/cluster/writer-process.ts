import { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { ANNOUNCE, WriterReady } from './cluster-messages';

/**
 * The SQLite writer's start (src/cluster/): it listens on its socket only — no port, so nothing reaches it but
 * the readers — and tells the primary, which then starts them. `announce` runs once they listen.
 */
export async function listenAsWriter(
  app: INestApplication,
  socket: string,
  announce: () => void,
): Promise<void> {
  const server = app.getHttpServer() as Server;
  // The readers keep their connections open (a keep-alive pool): closing an idle one could race a request sent
  // on it, which the reader would have to answer 503.
  server.keepAliveTimeout = 0;
  // exclusive: this process binds the socket itself instead of asking the cluster's primary to share it.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ path: socket, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  process.on('message', (message) => {
    if (message === ANNOUNCE) announce();
  });
  const ready: WriterReady = { type: 'api:writer-ready', socket };
  process.send!(ready);
}
