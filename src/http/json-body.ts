/**
 * Reads a JSON request body from the socket, refusing what the bot never needs before a byte is
 * kept: a media type other than JSON (415), a compressed body (415: a small gzip body can inflate to
 * hundreds of megabytes), or more than `maxBytes` on the wire (413, while streaming). Nothing is
 * written to disk and nothing beyond `maxBytes` is held in memory.
 *
 * The libraries body-parser builds on do the parsing and reading:
 * - `content-type` parses the Content-Type header (RFC 7231: media type, parameters, quoted values);
 * - `raw-body` reads the stream into one Buffer, fails with 413 (`entity.too.large`) as soon as more than
 *   the limit has arrived and then pauses the stream, so the rest is never taken in, and reports a
 *   client that went away.
 * What stays here: the refusals from the headers alone (they must come before `100 Continue` is sent),
 * the deadline (raw-body has none) and the decoding: raw-body's (iconv-lite) turns bytes that are not
 * UTF-8 into replacement characters, where a fatal TextDecoder lets us answer 400.
 */
import type { IncomingMessage } from 'node:http';
import contentType from 'content-type';
import getRawBody from 'raw-body';

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
    return tooLarge(maxBytes);
  }
  return undefined;
}

/** `application/json`, optionally with `charset=utf-8`; anything else (multipart, form, text, no header) is not an activity. */
function isJsonMediaType(header: string | undefined): boolean {
  let parsed: contentType.ParsedMediaType;
  try {
    parsed = contentType.parse(header ?? '');
  } catch {
    return false; // missing, or not a media type by RFC 7231's grammar
  }
  if (parsed.type !== 'application/json') return false;
  return Object.entries(parsed.parameters).every(([name, value]) => name === 'charset' && value.toLowerCase() === 'utf-8');
}

const tooLarge = (maxBytes: number): BodyRefusal => ({ status: 413, error: 'too-large', message: `The body is larger than ${maxBytes} bytes.` });

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
  if (raw === 'too-large') return { ok: false, ...tooLarge(maxBytes) };
  if (raw === 'too-slow') return { ok: false, status: 408, error: 'body-timeout', message: `The body did not arrive within ${deadlineMs / 1000} s.` };
  try {
    return { ok: true, value: JSON.parse(utf8.decode(raw)) };
  } catch {
    return { ok: false, status: 400, error: 'bad-request', message: 'The body is not valid UTF-8 JSON.' };
  }
}

/**
 * The body's bytes; rejects when the client goes away or the stream fails. One promise for the read and
 * its deadline, with raw-body's callback (a chain of promises and a race cost about as much as the read).
 */
function collect(req: IncomingMessage, maxBytes: number, deadlineMs: number): Promise<Buffer | 'too-large' | 'too-slow'> {
  return new Promise((resolve, reject) => {
    // A body trickled in a byte at a time holds a reading slot: it gets a deadline, not the 30 s request
    // timeout. The stream is paused then; raw-body lets go of what it read when the connection closes,
    // right after the answer (which says Connection: close).
    const deadline = setTimeout(() => {
      req.pause();
      resolve('too-slow');
    }, deadlineMs);
    getRawBody(req, { limit: maxBytes, length: req.headers['content-length'] }, (error, body) => {
      clearTimeout(deadline);
      if (!error) resolve(body);
      else if ((error as getRawBody.RawBodyError).type === 'entity.too.large') resolve('too-large');
      else reject(error);
    });
  });
}
