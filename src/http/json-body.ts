/**
 * Reads a JSON request body from the socket, refusing what the bot never needs before a byte is
 * kept: a media type other than JSON (415), a compressed body (415: a small gzip body can inflate to
 * hundreds of megabytes), or more than `maxBytes` on the wire (413, while streaming). Nothing is
 * written to disk and nothing beyond `maxBytes` is held in memory.
 */
import type { IncomingMessage } from 'node:http';

export type BodyRefusal = { status: 400 | 408 | 413 | 415; error: string; message: string };
export type BodyResult = { ok: true; value: unknown } | ({ ok: false } & BodyRefusal);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The refusal a request earns from its headers alone, or undefined when its body may be read. */
function refusalFromHeaders(headers: IncomingMessage['headers'], maxBytes: number): BodyRefusal | undefined {
  if (!isJsonMediaType(headers['content-type'])) {
    return { status: 415, error: 'unsupported-media-type', message: 'Send the activity as Content-Type: application/json.' };
  }
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    return { status: 415, error: 'unsupported-encoding', message: 'Compressed bodies are not accepted.' };
  }
  const declared = headers['content-length'];
  if (declared !== undefined && (!/^\d+$/.test(declared) || Number(declared) > maxBytes)) {
    return { status: 413, error: 'too-large', message: `The body is larger than ${maxBytes} bytes.` };
  }
  return undefined;
}

/** `application/json`, optionally with `charset=utf-8`; anything else (multipart, form, text) is not an activity. */
function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return parameters.every((parameter) => parameter === '' || /^charset="?utf-8"?$/.test(parameter));
}

/**
 * `continueSending` is called once the headers are acceptable: a client that sent
 * `Expect: 100-continue` is only then told to send its body (a refused one never sends it).
 */
export async function readJsonBody(req: IncomingMessage, limits: { maxBytes: number; deadlineMs: number }, continueSending: () => void = () => {}): Promise<BodyResult> {
  const { maxBytes, deadlineMs } = limits;
  const refusal = refusalFromHeaders(req.headers, maxBytes);
  if (refusal) return { ok: false, ...refusal };
  if (req.headers.expect?.toLowerCase() === '100-continue') continueSending();
  const raw = await collect(req, maxBytes, deadlineMs);
  if (raw === 'too-large') return { ok: false, status: 413, error: 'too-large', message: `The body is larger than ${maxBytes} bytes.` };
  if (raw === 'too-slow') return { ok: false, status: 408, error: 'body-timeout', message: `The body did not arrive within ${deadlineMs / 1000} s.` };
  try {
    return { ok: true, value: JSON.parse(utf8.decode(raw)) };
  } catch {
    return { ok: false, status: 400, error: 'bad-request', message: 'The body is not valid UTF-8 JSON.' };
  }
}

function collect(req: IncomingMessage, maxBytes: number, deadlineMs: number): Promise<Buffer | 'too-large' | 'too-slow'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    // A body trickled in a byte at a time holds a reading slot: it gets a deadline, not the 30 s request timeout.
    const deadline = setTimeout(() => {
      req.pause();
      chunks.length = 0;
      finish('too-slow');
    }, deadlineMs);
    const finish = (result: Buffer | 'too-large' | 'too-slow' | Error) => {
      clearTimeout(deadline);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        // Stop reading: the answer goes out with Connection: close and the rest is never taken in.
        req.pause();
        chunks.length = 0;
        finish('too-large');
      } else chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks, received));
    const onError = (error: Error) => finish(error);
    const onAborted = () => finish(new Error('request aborted'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
}
