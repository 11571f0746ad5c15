// Request bodies: JSON (and the YAML job documents) must be UTF-8, declared or not; any other charset is 415,
// bytes that are not UTF-8 are 400 (never decoded into U+FFFD), and a JSON string or key holding NUL or a lone
// surrogate is 400 naming its field, whatever route it is for (Postgres refuses both).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemException, validationProblem } from './problem';
import { unstorableTextReason } from './schema-primitives';

export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'application/vnd.akash.sdl+yaml'];
const UTF8 = new Set(['utf-8', 'utf8']);
/** One decoder for every body: without `stream`, each decode starts afresh (and a failed one leaves nothing behind). */
const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
/** The text each JSON object or array body was parsed from: the same text is the same request (AnswerCache keys). */
const bodyTexts = new WeakMap<object, string>();

/** The exact text a parsed JSON body was read from; undefined for anything that did not come from the JSON parser. */
export function jsonBodyText(body: unknown): string | undefined {
  return body !== null && typeof body === 'object' ? bodyTexts.get(body) : undefined;
}

/** Replaces Fastify's JSON parser (keeping its prototype-poisoning protection) and adds the YAML job documents. */
export function installBodyParsers(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    try {
      const textBody = decodeUtf8(req, body as Buffer);
      parseJson(req, textBody, (err, value) => {
        if (err) return done(err);
        const bad = firstUnstorable(value, '');
        if (bad) return done(validationProblem([{ field: bad.field || '(body)', reason: bad.reason }]));
        if (value !== null && typeof value === 'object') bodyTexts.set(value, textBody);
        done(null, value);
      });
    } catch (err) {
      done(err as Error);
    }
  });
  // Clients send a body-less POST (e.g. cancel) as an empty form; no route takes a form with content.
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_req, body, done) => {
    if ((body as Buffer).length === 0) return done(null, undefined);
    done(
      new ProblemException(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        'Request bodies are application/json (or a job document such as application/yaml), not forms.',
      ),
    );
  });
  // Job documents of other formats (e.g. an Akash SDL) arrive as text and are parsed by their network's plugin.
  fastify.addContentTypeParser(YAML_MEDIA_TYPES, { parseAs: 'buffer' }, (req, body, done) => {
    try {
      done(null, decodeUtf8(req, body as Buffer));
    } catch (err) {
      done(err as Error);
    }
  });
}

function decodeUtf8(req: FastifyRequest, body: Buffer): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && !UTF8.has(charset)) {
    throw new ProblemException(415, 'unsupported-media-type', 'Unsupported media type', `Request bodies must be UTF-8; charset=${charset} is not supported.`);
  }
  try {
    return UTF8_DECODER.decode(body);
  } catch {
    throw new ProblemException(400, 'invalid-encoding', 'Invalid request', 'The request body is not valid UTF-8.');
  }
}

/** The first string (or key) in a parsed JSON value that cannot be stored, with its path. */
function firstUnstorable(value: unknown, path: string): { field: string; reason: string } | undefined {
  if (typeof value === 'string') {
    const reason = unstorableTextReason(value);
    return reason ? { field: path, reason } : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = firstUnstorable(value[i], path ? `${path}.${i}` : String(i));
      if (bad) return bad;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      const keyReason = unstorableTextReason(key);
      if (keyReason) return { field: path || '(body)', reason: `a key ${keyReason}` };
      const bad = firstUnstorable(inner, field);
      if (bad) return bad;
    }
  }
  return undefined;
}
