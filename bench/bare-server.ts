// The ceiling: a bare Fastify handler on this machine answering the very bytes the endpoint being measured
// answered (read from the file named on the command line; no Nest, no guard, no database). The same bytes, not
// only the same size: the load generator decodes every body it reads, and an all-ASCII body of the same size
// decodes about four times faster than a JSON answer with a few non-ASCII characters (a "—", a "×"), which made
// the ceiling's client, not its server, set the pace. Forked as a child; sends its URL over IPC.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

async function main(): Promise<void> {
  const body = readFileSync(process.argv[2]!, 'utf8');
  const app = Fastify({ logger: false });
  const answer = async (_req: unknown, reply: { header(k: string, v: string): unknown }) => {
    reply.header('content-type', 'application/json; charset=utf-8');
    return body;
  };
  app.get('/*', answer);
  app.post('/*', answer);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` });
  process.on('message', async (m: { type: string }) => {
    if (m.type === 'close') {
      await app.close();
      process.exit(0);
    }
  });
}

void main();
