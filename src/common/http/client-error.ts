import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

const ANSWERS: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', '请求头过大'],
  HPE_URI_TOO_LONG: [414, 'URI Too Long', 'URI_TOO_LONG', '请求地址过长'],
};

/**
 * Requests Node refuses before Express sees them (headers too large, malformed HTTP) get the API's error
 * body instead of Node's bare status line. Without a listener Node answers 431/400 with no body.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, code, message] = ANSWERS[error.code ?? ''] ?? [
      400,
      'Bad Request',
      'BAD_REQUEST',
      '请求格式有误',
    ];
    const body = JSON.stringify({ statusCode: status, code, message, requestId: randomUUID() });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
