// Agent requests are signed over the exact body bytes, so the coordinator must see them before Fastify
// parses JSON. This installs a preParsing hook (only for /v1/agent/*) that keeps the bytes on the request.
import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const AGENT_PREFIX = '/v1/agent/';
/** Agent bodies are small (inventory, a batch of log lines); anything bigger is refused before buffering more. */
export const MAX_AGENT_BODY_BYTES = 1024 * 1024;
const RAW = Symbol.for('switchyard.nodes.raw-body');

export function rawBodyOf(req: FastifyRequest): Buffer {
  return (req as unknown as Record<symbol, Buffer | undefined>)[RAW] ?? Buffer.alloc(0);
}

@Injectable()
export class RawBodyCapture {
  constructor(adapterHost: HttpAdapterHost) {
    // Runs while Nest builds the module graph, before routes are registered and before Fastify is ready.
    const fastify = adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addHook) {
      new Logger('nodes').warn('no Fastify instance: signed agent requests with a body cannot be verified');
      return;
    }
    // A callback hook, not an async one: every other request passes through at once, without a promise per request.
    fastify.addHook('preParsing', (request, _reply, payload, done) => {
      if (!request.url.startsWith(AGENT_PREFIX)) return done(null, payload);
      capture(request, payload).then(
        (replay) => done(null, replay),
        (err: Error) => done(err),
      );
    });
  }
}

/** Reads the whole body, keeps its bytes on the request and hands Fastify a stream that replays them. */
async function capture(request: FastifyRequest, payload: AsyncIterable<unknown>): Promise<Readable> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += (chunk as Buffer).length;
    if (size > MAX_AGENT_BODY_BYTES) throw Object.assign(new Error('agent request body too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  (request as unknown as Record<symbol, Buffer>)[RAW] = raw;
  const replay = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
  replay.receivedEncodedLength = raw.length;
  return replay;
}
