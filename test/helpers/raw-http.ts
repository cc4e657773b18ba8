/**
 * HTTP requests to a Cue host below fetch(): bodies sent in pieces, stopped or cut off, and the
 * connection watched, so a test can wait for the host to close it.
 */
import { Agent, type ClientRequest, request } from 'node:http';
import type { Socket } from 'node:net';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface OpenRequest {
  /** Write to it to send body bytes; destroy it to cut the upload off. */
  request: ClientRequest;
  /** The host's answer (rejects if the connection ends without one). */
  answer: Promise<Answer>;
  /** Resolves when the TCP connection is closed, by either side. */
  closed: Promise<void>;
}

/**
 * Starts a request and leaves its body to the caller. The agent asks for keep-alive, so a closed
 * connection is the host's decision, not the client's.
 */
export function openRequest(
  port: number,
  path: string,
  headers: Record<string, string | number>,
  method = 'POST',
): OpenRequest {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const req = request({
    host: '127.0.0.1',
    port,
    path,
    method,
    headers: { host: `127.0.0.1:${port}`, ...headers },
    agent,
  });
  const closed = new Promise<void>((resolve) => {
    req.once('socket', (socket: Socket) => socket.once('close', () => resolve()));
  });
  closed.then(() => agent.destroy());
  const answer = new Promise<Answer>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.once('error', reject);
    });
  });
  // A test that cuts the request off expects no answer; it must not surface as an unhandled rejection.
  answer.catch(() => {});
  req.flushHeaders();
  return { request: req, answer, closed };
}

/** The CueError in a JSON error answer. */
export function errorOf(answer: Answer): { code: string; message: string; details?: unknown } {
  return (JSON.parse(answer.text) as { error: { code: string; message: string; details?: unknown } }).error;
}
