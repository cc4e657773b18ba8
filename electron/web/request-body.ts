/**
 * Request bodies as the web host takes them: of a declared media type, no larger than a limit, and
 * arriving. A body that stalls or trickles is cut off after a timeout (408), so a sender that declares
 * 500 MB and sends 10 bytes cannot hold a connection open.
 */
import type { IncomingMessage } from 'node:http';
import { type Readable, Transform } from 'node:stream';
import { HttpError } from './http-error';

export interface BodyLimits {
  maxBytes: number;
  /** How long the body may go without making MIN_BODY_PROGRESS_BYTES of progress. */
  timeoutMs: number;
}

/** What must arrive in each timeout window (unless the body ends): a trickle counts as a stall. */
export const MIN_BODY_PROGRESS_BYTES = 16 * 1024;

export interface MediaType {
  /** Lower case, without parameters: `application/json`. */
  type: string;
  /** Parameter names in lower case, values unquoted: `charset` -> `utf-8`. */
  params: Map<string, string>;
}

/** A Content-Type header read as RFC 9110 has it: the type compares case-insensitively, parameters follow `;`. */
export function mediaTypeOf(header: string | undefined): MediaType {
  const [type = '', ...rest] = (header ?? '').split(';');
  const params = new Map<string, string>();
  for (const param of rest) {
    const equals = param.indexOf('=');
    if (equals < 0) continue;
    const value = param.slice(equals + 1).trim();
    params.set(param.slice(0, equals).trim().toLowerCase(), value.replace(/^"(.*)"$/, '$1'));
  }
  return { type: type.trim().toLowerCase(), params };
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'invalid_input', `The request body is larger than ${megabytes(limit)}.`, { limit });
}

/**
 * The body of `request` as a stream that fails with a 413 past `maxBytes` and a 408 when it stops
 * arriving. The request is never destroyed here: the caller still answers on its socket (and, the body
 * being unread, asks for the connection to close); the rest of a refused body is read and dropped.
 */
export function meteredBody(request: IncomingMessage, limits: BodyLimits): Readable {
  if (Number(request.headers['content-length'] ?? 0) > limits.maxBytes) throw tooLarge(limits.maxBytes);
  let received = 0;
  let sinceCheck = 0;
  const body = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      sinceCheck += chunk.length;
      done(received > limits.maxBytes ? tooLarge(limits.maxBytes) : null, chunk);
    },
  });
  const watchdog = setInterval(() => {
    // Bytes waiting inside mean Cue is the slow side (a busy disk), not the sender.
    const waitingOnSender = body.writableLength === 0 && body.readableLength === 0;
    if (sinceCheck < MIN_BODY_PROGRESS_BYTES && waitingOnSender) body.destroy(stalled(received, limits.timeoutMs));
    sinceCheck = 0;
  }, limits.timeoutMs);
  const stopWatching = () => clearInterval(watchdog);
  request.once('end', stopWatching);
  request.once('error', (error) => body.destroy(error));
  request.once('close', () => {
    if (!request.complete) body.destroy(new HttpError(400, 'invalid_input', 'The request was cut off.', { received }));
  });
  body.once('close', () => {
    stopWatching();
    if (request.readableEnded) return;
    request.unpipe(body);
    request.resume();
  });
  request.pipe(body);
  return body;
}

function stalled(received: number, timeoutMs: number): HttpError {
  return new HttpError(
    408,
    'invalid_input',
    `The request body stopped arriving: after ${received} bytes, less than 16 KB came in ${timeoutMs / 1000} s.`,
    { received },
  );
}

/** The whole body as UTF-8 text (API calls: JSON). */
export async function readText(request: IncomingMessage, limits: BodyLimits): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of meteredBody(request, limits)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
