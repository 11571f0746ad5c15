import { SimServer } from '../sdk';
import { BacalhauClient } from './bacalhau.client';

const node = (id: string) => ({ Info: { NodeID: id } });
const signal = () => AbortSignal.timeout(5_000);

describe('BacalhauClient node paging', () => {
  let server: SimServer;
  let client: BacalhauClient;
  let pages: Record<string, unknown>;

  beforeAll(async () => {
    server = new SimServer('bacalhau-paging', 1);
    server.route('GET', '/api/v1/orchestrator/nodes', (req) => ({ body: pages[req.query.get('next_token') ?? ''] }));
    client = new BacalhauClient({ baseUrl: await server.start(), timeoutMs: 2_000, maxAttempts: 1 });
  });
  afterAll(() => server.close());

  it('follows NextToken while an orchestrator pages, and stops at a page without one (no field at all)', async () => {
    pages = { '': { Nodes: [node('a')], NextToken: 't1' }, t1: { Nodes: [node('b')], NextToken: 't2' }, t2: { Nodes: [node('c')] } };
    expect(await client.listNodes(signal())).toEqual([node('a'), node('b'), node('c')]);
  });

  it('stops when an orchestrator hands back the token it was given', async () => {
    pages = { '': { Nodes: [node('a')], NextToken: 't1' }, t1: { Nodes: [node('b')], NextToken: 't1' } };
    expect(await client.listNodes(signal())).toEqual([node('a'), node('b')]);
  });
});
