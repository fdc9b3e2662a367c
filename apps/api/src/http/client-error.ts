import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { Duplex } from 'node:stream';
import { problemType } from './problem-details';

/*
 * Node's HTTP parser refuses some requests before Express sees them (headers over --max-http-header-size, malformed
 * request lines) and by default answers a bare `431` or `400` with no body. With a 'clientError' listener the
 * answer is ours: a problem+json like every other refusal. No request was parsed, so there is no Accept-Language
 * to honour: the title carries both languages.
 */
const ANSWERS: Record<string, { status: number; reason: string; code: string; title: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'REQUEST_HEADERS_TOO_LARGE',
    title: '请求头过大 / Request headers too large',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'REQUEST_TIMEOUT',
    title: '请求超时 / Request timeout',
  },
};
const MALFORMED = {
  status: 400,
  reason: 'Bad Request',
  code: 'MALFORMED_REQUEST',
  title: '请求格式错误 / Malformed HTTP request',
};

export function clientErrorResponse(errorCode: string | undefined): string {
  const answer = (errorCode && ANSWERS[errorCode]) || MALFORMED;
  const body = JSON.stringify({
    type: problemType(answer.code),
    title: answer.title,
    status: answer.status,
    code: answer.code,
  });
  return [
    `HTTP/1.1 ${answer.status} ${answer.reason}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

export function answerClientErrorsAsProblems(app: INestApplication): void {
  const server = app.getHttpServer() as Server;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A reset connection has nobody left to answer; one whose answer already started cannot take a second one
    // (Node's own handler makes the same check on the socket's in-flight response).
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorResponse(error.code));
  });
}
