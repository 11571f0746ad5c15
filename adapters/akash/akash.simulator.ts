// The Akash simulator: the Console API's discovery endpoints and its managed-wallet deployment flow, with
// the real paths, envelopes and units (dseq as a string, DecCoin amounts with 18 decimals, uact per block,
// 6 s blocks). Network-specific faults via /__sim/faults flags:
//   noBids          no provider bids (the adapter must answer no_capacity and close the deployment)
//   overpricedBids  providers bid ~60% over the market and ignore the order's max price
//   loseLeases      providers drop leases once the services are up (placement lost)
//   bidDelayMs      (number) delay before bids arrive, overriding the start option
//   priceMultiplier (number) every provider asks this many times its price (a price spike); gpu-prices follows
//   silentProviders (comma-separated owner addresses) these providers do not bid, as one busy elsewhere would not
//   walletEmpty     the managed wallet cannot pay: POST /v1/deployments and /v1/leases answer 402 as the Console does
// Like the Console (console @ d84c9e93), it rewrites every SDL price to uact and adds its allowed auditors as
// `signedBy.anyOf` (sdl.service.ts), derives manifest and hash with chain-sdk (deployment-writer.service.ts),
// requires a deposit (its managed-deposit flag off), lists only bids of audited providers (bid.service.ts),
// closes idempotently, and lists active deployments only.
// Without faults, about 4% of leases are dropped by their provider some seconds after they are up (the
// `leaseDropRate` option), as real providers sometimes do; the drops are drawn from the seed.
import { RunningSimulator, SeededRandom, SimHttpError, SimRequest, SimServer, SimulatorOptions } from '../sdk';
import { SimMarket, bidJson, deploymentJson } from './akash.sim-market';
import { SIM_AUDITOR, akashAddress, createProviders, gpuModelsJson, gpuPricesJson, providerJson } from './akash.sim-world';

export interface AkashSimulatorOptions extends SimulatorOptions {
  /** API key the simulated Console accepts (default: a fixed test key). */
  apiKey?: string;
  providerCount?: number;
  /** Delay before bids arrive; the real network takes 30–60 s, the default here is 150 ms. */
  bidDelayMs?: number;
  /** Lease → services ready. */
  startupMs?: number;
  /** Share of leases their provider drops on its own after they are up (default 0.04). */
  leaseDropRate?: number;
  /** The Console's MANAGED_WALLET_LEASE_ALLOWED_AUDITORS (default: its default auditor). */
  auditors?: string[];
}

export const AKASH_SIM_API_KEY = 'ac.sk.simulated-akash-console-key';

export async function startAkashSimulator(options: AkashSimulatorOptions): Promise<RunningSimulator & { server: SimServer; market: SimMarket }> {
  const server = new SimServer('akash', options.seed);
  const rnd = server.random;
  const apiKey = options.apiKey ?? AKASH_SIM_API_KEY;
  const providers = createProviders(rnd, options.providerCount ?? 48);
  const market = new SimMarket(providers, rnd, {
    owner: akashAddress(rnd),
    bidDelayMs: options.bidDelayMs ?? 150,
    startupMs: options.startupMs ?? 400,
    leaseDropRate: options.leaseDropRate ?? options.jobFailureRate ?? 0.04,
    fates: new SeededRandom(options.seed ^ 0xa4a5),
    rewrite: { grantDenom: 'uact', auditors: options.auditors ?? [SIM_AUDITOR] },
  });
  const auditors = options.auditors ?? [SIM_AUDITOR];
  const audited = new Set(providers.filter((p) => p.isAudited && auditors.includes(SIM_AUDITOR)).map((p) => p.owner));

  const flags = () => ({
    noBids: server.flag('noBids') === true,
    overpricedBids: server.flag('overpricedBids') === true,
    loseLeases: server.flag('loseLeases') === true,
    bidDelayMs: typeof server.flag('bidDelayMs') === 'number' ? (server.flag('bidDelayMs') as number) : undefined,
    priceMultiplier: typeof server.flag('priceMultiplier') === 'number' ? (server.flag('priceMultiplier') as number) : 1,
    walletEmpty: server.flag('walletEmpty') === true,
    silentProviders: typeof server.flag('silentProviders') === 'string' ? String(server.flag('silentProviders')).split(',').filter(Boolean) : [],
  });
  // managed-signer.service.ts: `assert(feeAllowance > 0, 402, "Not enough funds to cover the transaction fee")`.
  const payable = () => {
    if (flags().walletEmpty) throw new SimHttpError(402, { error: 'PaymentRequired', message: 'Not enough funds to cover the transaction fee' });
  };

  // The Console's auth interceptor: the two credentials are mutually exclusive on every route.
  const exclusive = (req: SimRequest) => {
    if (req.headers['x-api-key'] !== undefined && req.headers.authorization !== undefined) {
      throw new SimHttpError(400, { error: 'BadRequest', message: 'Authorization and X-Api-Key headers are mutually exclusive' });
    }
  };
  const open = (handler: (req: SimRequest) => unknown) => (req: SimRequest) => {
    exclusive(req);
    return { body: handler(req) };
  };
  const authed = (handler: (req: SimRequest) => { status?: number; body: unknown }) => (req: SimRequest) => {
    exclusive(req);
    if (req.headers['x-api-key'] !== apiKey) throw new SimHttpError(401, { error: 'Unauthorized', message: 'Invalid API key' });
    return handler(req);
  };
  const authedAsync = (handler: (req: SimRequest) => Promise<{ status?: number; body: unknown }>) => async (req: SimRequest) => {
    exclusive(req);
    if (req.headers['x-api-key'] !== apiKey) throw new SimHttpError(401, { error: 'Unauthorized', message: 'Invalid API key' });
    return handler(req);
  };

  server.route(
    'GET',
    '/v1/providers',
    open(() => {
      market.advanceAll(flags());
      return providers.map((p) => providerJson(p, new Date().toISOString()));
    }),
  );
  server.route(
    'GET',
    '/v1/gpu-prices',
    open(() => {
      market.advanceAll(flags());
      return gpuPricesJson(providers, Date.now(), flags().priceMultiplier);
    }),
  );
  server.route(
    'GET',
    '/v1/gpu-models',
    open(() => gpuModelsJson()),
  );

  server.route(
    'POST',
    '/v1/deployments',
    authedAsync(async (req) => {
      const data = (req.body as { data?: { sdl?: unknown; deposit?: unknown } } | undefined)?.data;
      if (!data || typeof data.sdl !== 'string') throw new SimHttpError(400, { error: 'BadRequest', message: 'data.sdl is required' });
      if (data.deposit !== undefined && (typeof data.deposit !== 'number' || data.deposit < 0)) {
        throw new SimHttpError(400, { error: 'BadRequest', message: 'data.deposit must be a non-negative number (USD)' });
      }
      // deployment-writer.service.ts `resolveDepositInDollars`, managed deposit off: `assert(requestedDeposit != null, 400, "deposit is required")`.
      if (data.deposit === undefined) throw new SimHttpError(400, { error: 'BadRequest', message: 'deposit is required' });
      payable();
      const deployment = await market.create(data.sdl, data.deposit as number, flags());
      server.countSubmission(deployment.key || '(no idempotency key)');
      return {
        status: 201,
        body: {
          data: {
            dseq: deployment.dseq,
            manifest: deployment.manifest,
            signTx: { code: 0, transactionHash: rnd.hex(32).toUpperCase(), rawLog: '[]' },
          },
        },
      };
    }),
  );

  const listBids = (dseq: string | null) => {
    if (!dseq || !/^\d+$/.test(dseq)) throw new SimHttpError(400, { error: 'BadRequest', message: 'dseq must be a number encoded as a string' });
    const d = market.get(dseq);
    if (flags().noBids) return { body: { data: [] } };
    // bid.service.ts `filterBidsByAuditedProviders`: only bids of providers an allowed auditor signed.
    const shown = market.visibleBids(d).filter((b) => auditors.length === 0 || audited.has(b.provider.owner));
    return { body: { data: shown.map((b) => bidJson(d, b)) } };
  };
  server.route(
    'GET',
    '/v1/bids',
    authed((req) => listBids(req.query.get('dseq'))),
  );
  server.route(
    'GET',
    '/v1/bids/:dseq',
    authed((req) => listBids(req.params.dseq)),
  );

  server.route(
    'POST',
    '/v1/leases',
    authed((req) => {
      const body = req.body as { manifest?: unknown; leases?: Array<Record<string, unknown>> } | undefined;
      const leases = body?.leases;
      if (!body || typeof body.manifest !== 'string' || !Array.isArray(leases) || leases.length === 0) {
        throw new SimHttpError(400, { error: 'BadRequest', message: 'manifest and leases[] are required (no data envelope on this route)' });
      }
      payable();
      let dseq = '';
      for (const l of leases) {
        if (typeof l.dseq !== 'string' || typeof l.provider !== 'string' || typeof l.gseq !== 'number' || typeof l.oseq !== 'number') {
          throw new SimHttpError(400, { error: 'BadRequest', message: 'each lease needs dseq (string), gseq, oseq (numbers) and provider' });
        }
        market.lease(l.dseq, l.provider, l.gseq, l.oseq);
        dseq = l.dseq;
      }
      return { body: { data: deploymentJson(market.get(dseq)) } };
    }),
  );

  server.route(
    'GET',
    '/v1/deployments',
    authed((req) => {
      const skip = Math.max(0, Number(req.query.get('skip') ?? 0) || 0);
      const limit = Math.min(1000, Math.max(1, Number(req.query.get('limit') ?? 1000) || 1000));
      for (const d of market.list()) market.advance(d, flags());
      const all = market.active();
      const page = all.slice(skip, skip + limit);
      return {
        body: { data: { deployments: page.map((d) => deploymentJson(d)), pagination: { total: all.length, skip, limit, hasMore: skip + limit < all.length } } },
      };
    }),
  );
  server.route(
    'GET',
    '/v1/deployments/:dseq',
    authed((req) => {
      const d = market.get(req.params.dseq);
      market.advance(d, flags());
      return { body: { data: deploymentJson(d) } };
    }),
  );
  server.route(
    'DELETE',
    '/v1/deployments/:dseq',
    authed((req) => {
      market.close(req.params.dseq);
      return { body: { data: { success: true } } };
    }),
  );

  const baseUrl = await server.start(options.port ?? 0, options.host);
  return {
    server,
    market,
    config: { baseUrl, apiKey, bidWaitMs: 1_500, bidPollMs: 50 },
    controlUrl: baseUrl,
    close: () => server.close(),
  };
}
