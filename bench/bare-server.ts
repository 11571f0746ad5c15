// The ceiling: a bare Fastify handler on this machine answering a JSON body of the same size as the
// endpoint being measured (no Nest, no guard, no database). Forked as a child; sends its URL over IPC.
import Fastify from 'fastify';

async function main(): Promise<void> {
  const bytes = Number(process.argv[2] ?? 1_000);
  const body = JSON.stringify({ pad: 'x'.repeat(Math.max(0, bytes - 10)) });
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
