import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { BullmqJobQueue } from './drivers/bullmq-job-queue';
import { JobQueue } from './job-queue';

export const BULL_BOARD_PATH = '/admin/queues';

/** Who the bearer token belongs to; throws if the token is not valid (AuthService.authenticate). */
export type Authenticate = (token: string) => Promise<{ role: string }>;

/** Bull Board at /admin/queues for admins (bearer token in the Authorization header), in BullMQ mode only. */
export function mountBullBoard(app: INestApplication, authenticate: Authenticate): void {
  const queue = app.get(JobQueue, { strict: false });
  if (queue.driver !== 'bullmq') return;
  // Loaded here, in BullMQ mode only (like bullmq itself): the embedded default never serves the board.
  /* eslint-disable @typescript-eslint/no-require-imports -- deliberately lazy */
  const { createBullBoard } = require('@bull-board/api') as typeof import('@bull-board/api');
  const { BullMQAdapter } =
    require('@bull-board/api/bullMQAdapter') as typeof import('@bull-board/api/bullMQAdapter');
  const { ExpressAdapter } = require('@bull-board/express') as typeof import('@bull-board/express');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const serverAdapter = new ExpressAdapter().setBasePath(BULL_BOARD_PATH);
  createBullBoard({ queues: [new BullMQAdapter((queue as BullmqJobQueue).queue)], serverAdapter });
  app.use(BULL_BOARD_PATH, adminOnly(authenticate), serverAdapter.getRouter());
}

function adminOnly(authenticate: Authenticate) {
  const refuse = (response: Response, statusCode: 401 | 403) =>
    response
      .status(statusCode)
      .json(
        statusCode === 401
          ? { statusCode, code: 'UNAUTHENTICATED', message: '未登录或登录已失效' }
          : { statusCode, code: 'FORBIDDEN', message: '仅管理员可查看任务队列' },
      );
  return (request: Request, response: Response, next: NextFunction): void => {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      refuse(response, 401);
      return;
    }
    authenticate(token).then(
      (user) => (user.role === 'admin' ? next() : refuse(response, 403)),
      () => refuse(response, 401),
    );
  };
}
