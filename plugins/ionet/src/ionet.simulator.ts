// A simulated io.net IO Cloud: the enterprise CaaS API and the explorer/cluster supply endpoints the adapter
// reads, in io.net's shapes (FastAPI's {"detail": …} errors, 404 bodies as a JSON string), on SimServer with
// its fault injection. A seeded world of hardware types and locations; a deployment goes from
// "deployment requested" to "running" and, when its bought time has passed on the simulator's clock, to
// "completed". Flags: `deployFails` (deployments end "failed"), `runMs` (how long one bought hour lasts here,
// default 1.5 s).
import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { RunningSimulator, SimHttpError, SimRequest, SimServer, SimulatorOptions } from '@switchyard/adapter-sdk';
import { CAAS, CONVERSION_FEE_PERCENT, Deployment, Hardware, HARDWARE, IONET_FEE_PERCENT, Location, LOCATIONS } from './ionet.sim-world';

/** FastAPI's validation error: {"detail":[{"loc":[...],"msg":"...","type":"..."}]} with HTTP 422. */
function invalid(loc: Array<string | number>, msg: string, type = 'value_error'): SimHttpError {
  return new SimHttpError(422, { detail: [{ loc, msg, type }] });
}
const notFound = (what: string) => new SimHttpError(404, `${what} not found`);

export async function startIonetSimulator(options: SimulatorOptions & { apiKey?: string }): Promise<RunningSimulator & { server: SimServer }> {
  const server = new SimServer('ionet', options.seed);
  const apiKey = options.apiKey ?? 'sim-ionet-key';
  const rnd = server.random;
  const failureRate = options.jobFailureRate ?? 0.03;
  // The seeded world: how many GPUs of each type each location has free, and a per-location price factor.
  const free = new Map<string, number>();
  const factor = new Map<number, string>();
  for (const loc of LOCATIONS) factor.set(loc.id, (0.9 + rnd.int(0, 20) / 100).toFixed(2));
  // The first location (the SOC2 one) always has every type; the others mostly do.
  for (const hw of HARDWARE) for (const loc of LOCATIONS) free.set(`${hw.id}@${loc.id}`, loc === LOCATIONS[0] || rnd.chance(0.8) ? rnd.int(2, 24) : 0);
  const deployments = new Map<string, Deployment>();
  const runMs = () => Number(server.flag('runMs') ?? 1_500);

  const authed = (req: SimRequest) => {
    const key = req.headers['x-api-key'];
    if (key === undefined) throw new SimHttpError(403, { detail: 'Not authenticated' });
    if (key !== apiKey) throw new SimHttpError(401, { detail: 'Invalid API key' });
  };
  const intParam = (req: SimRequest, name: string, min?: number): number => {
    const raw = req.query.get(name);
    if (raw === null) throw invalid(['query', name], 'Field required', 'missing');
    if (!/^-?\d+$/.test(raw)) throw invalid(['query', name], 'Input should be a valid integer, unable to parse string as an integer', 'int_parsing');
    const n = Number(raw);
    if (min !== undefined && n < min) throw invalid(['query', name], `Input should be greater than or equal to ${min}`, 'greater_than_equal');
    return n;
  };
  const hardwareById = (id: number) => HARDWARE.find((h) => h.id === id);
  const freeIn = (hw: Hardware) => LOCATIONS.reduce((s, l) => s + (free.get(`${hw.id}@${l.id}`) ?? 0), 0);
  const rateAt = (hw: Hardware, loc: Location) => new Decimal(hw.rate).times(factor.get(loc.id)!).toDecimalPlaces(4);
  const advance = (d: Deployment) => {
    const now = Date.now();
    if (d.status === 'deployment requested' && now - d.createdAt >= 200) {
      d.status = 'running';
      d.startedAt = now;
      d.endsAt = now + runMs() * d.hours;
    }
    if (d.status === 'running' && d.endsAt !== undefined && now >= d.endsAt) {
      d.status = d.willFail || server.flag('deployFails') ? 'failed' : 'completed';
      d.finishedAt = now;
    }
    if (d.status === 'termination requested') {
      d.status = 'destroyed';
      d.finishedAt ??= now;
    }
  };
  const details = (d: Deployment) => {
    advance(d);
    const total = d.hours * 60;
    // Simulated time: one bought hour passes in runMs.
    const served = d.startedAt ? Math.min(total, Math.floor(((Date.now() - d.startedAt) / runMs()) * 60)) : 0;
    const done = d.status === 'completed' || d.status === 'destroyed' || d.status === 'failed';
    return {
      id: d.id,
      status: d.status,
      created_at: new Date(d.createdAt).toISOString(),
      started_at: d.startedAt ? new Date(d.startedAt).toISOString() : null,
      finished_at: d.finishedAt ? new Date(d.finishedAt).toISOString() : null,
      amount_paid: Number(d.amountPaid),
      completed_percent: done ? 100 : Math.round((served / total) * 100),
      total_gpus: d.gpus,
      gpus_per_container: d.gpus,
      total_containers: 1,
      hardware_name: d.hardware.name,
      hardware_id: d.hardware.id,
      locations: [{ id: d.location.id, iso2: d.location.iso2, name: d.location.name }],
      brand_name: d.hardware.brand,
      compute_minutes_served: served,
      compute_minutes_remaining: done ? 0 : total - served,
      container_config: {
        entrypoint: d.config.entrypoint,
        env_variables: d.config.env_variables,
        traffic_port: d.config.traffic_port,
        image_url: d.config.image_url,
        secret_env_keys: [],
      },
    };
  };
  const deploymentOf = (req: SimRequest) => {
    const d = deployments.get(req.params.id);
    if (!d) throw notFound('Deployment');
    return d;
  };
  const quote = (hw: Hardware, loc: Location, hours: number, gpus: number, replicas: number) => {
    const base = rateAt(hw, loc).times(hours).times(gpus).times(replicas);
    const discount = new Decimal(0);
    const ionetFee = base.times(IONET_FEE_PERCENT).dividedBy(100).toDecimalPlaces(6);
    const conversion = base.times(CONVERSION_FEE_PERCENT).dividedBy(100).toDecimalPlaces(6);
    return {
      replica_count: replicas,
      gpus_per_container: gpus,
      available_replica_count: [Math.floor((free.get(`${hw.id}@${loc.id}`) ?? 0) / gpus)],
      discount: discount.toNumber(),
      ionet_fee: ionetFee.toNumber(),
      ionet_fee_percent: Number(IONET_FEE_PERCENT),
      currency_conversion_fee: conversion.toNumber(),
      currency_conversion_fee_percent: Number(CONVERSION_FEE_PERCENT),
      total_cost_usdc: base.minus(discount).plus(ionetFee).plus(conversion).toDecimalPlaces(6).toNumber(),
    };
  };

  // Explorer and cluster supply (public).
  server.route('GET', '/v1/io-explorer/network/market-snapshot', () => ({
    body: {
      status: 'succeeded',
      data: HARDWARE.map((hw) => {
        const available = freeIn(hw);
        const total = available + 8;
        return {
          id: hw.id,
          hardware_name: hw.name,
          brand_name: hw.brand,
          icon: 'https://image.com',
          price: Number(hw.rate),
          available,
          idle: available,
          hired: total - available,
          total,
          busy_percent: Math.round(((total - available) / total) * 100),
          is_trending: false,
        };
      }),
    },
  }));
  server.route('GET', '/v1/io-cloud/clusters/hardware-supply', (req) => {
    const ids = JSON.parse(req.query.get('location_ids') ?? 'null') as number[] | null;
    const soc2 = req.query.get('security_soc2');
    const tier = req.query.get('connectivity_tier');
    const locations = LOCATIONS.filter((l) => (!ids || ids.includes(l.id)) && (soc2 !== 'true' || l.soc2) && (tier === null || l.tier === Number(tier)));
    const data = HARDWARE.map((hw) => {
      const quantity = locations.reduce((s, l) => s + (free.get(`${hw.id}@${l.id}`) ?? 0), 0);
      return { hardware_id: hw.id, quantity: quantity + 4, quantity_available: quantity };
    });
    return { body: { status: 'succeeded', data } };
  });

  // Enterprise CaaS (X-API-KEY).
  server.route('GET', `${CAAS}/hardware/max-gpus-per-container`, (req) => {
    authed(req);
    const hardware = HARDWARE.map((hw) => ({
      max_gpus_per_container: hw.maxPerContainer,
      available: freeIn(hw),
      hardware_id: hw.id,
      hardware_name: hw.name,
      brand_name: hw.brand,
    }));
    return { body: { data: { hardware, total: hardware.length } } };
  });
  server.route('GET', `${CAAS}/available-replicas`, (req) => {
    authed(req);
    const hw = hardwareById(intParam(req, 'hardware_id'));
    const qty = intParam(req, 'hardware_qty', 1);
    if (!hw) throw notFound('Hardware');
    return {
      body: {
        data: LOCATIONS.map((l) => ({ id: l.id, iso2: l.iso2, name: l.name, available_replicas: Math.floor((free.get(`${hw.id}@${l.id}`) ?? 0) / qty) })),
      },
    };
  });
  server.route('GET', `${CAAS}/price`, (req) => {
    authed(req);
    const rawIds = req.query.get('location_ids');
    if (rawIds === null) throw invalid(['query', 'location_ids'], 'Field required', 'missing');
    let ids: unknown;
    try {
      ids = JSON.parse(rawIds);
    } catch {
      ids = undefined;
    }
    if (!Array.isArray(ids) || ids.length === 0) throw invalid(['query', 'location_ids'], 'location_ids must be a json array of ids');
    const hw = hardwareById(intParam(req, 'hardware_id'));
    const hours = intParam(req, 'duration_hours', 1);
    const gpus = intParam(req, 'gpus_per_container', 1);
    const replicas = intParam(req, 'replica_count', 1);
    const loc = LOCATIONS.find((l) => l.id === ids[0]);
    if (!hw || !loc) throw notFound('Hardware or location');
    return { body: { data: quote(hw, loc, hours, gpus, replicas) } };
  });
  server.route('POST', `${CAAS}/deploy`, (req) => {
    authed(req);
    const body = (req.body ?? {}) as Record<string, any>;
    for (const field of ['resource_private_name', 'gpus_per_container', 'hardware_id', 'container_config', 'registry_config']) {
      if (body[field] === undefined) throw invalid(['body', field], 'Field required', 'missing');
    }
    const allowed = [
      'resource_private_name',
      'node_pool_id',
      'duration_hours',
      'gpus_per_container',
      'hardware_id',
      'location_ids',
      'container_config',
      'registry_config',
    ];
    for (const field of Object.keys(body)) if (!allowed.includes(field)) throw invalid(['body', field], 'Extra inputs are not permitted', 'extra_forbidden');
    const cc = body.container_config as Record<string, any>;
    if (cc.replica_count === undefined || cc.traffic_port === undefined)
      throw invalid(['body', 'container_config', cc.replica_count === undefined ? 'replica_count' : 'traffic_port'], 'Field required', 'missing');
    if (!Number.isInteger(body.gpus_per_container) || body.gpus_per_container < 1 || body.gpus_per_container > 8)
      throw invalid(['body', 'gpus_per_container'], 'Input should be less than or equal to 8', 'less_than_equal');
    if (typeof body.registry_config?.image_url !== 'string') throw invalid(['body', 'registry_config', 'image_url'], 'Field required', 'missing');
    const hw = hardwareById(body.hardware_id);
    const loc = LOCATIONS.find((l) => l.id === body.location_ids?.[0]);
    if (!hw || !loc) throw notFound('Hardware or location');
    const key = `${hw.id}@${loc.id}`;
    const gpus = body.gpus_per_container as number;
    const replicas = cc.replica_count as number;
    if ((free.get(key) ?? 0) < gpus * replicas) throw new SimHttpError(400, { detail: `Not enough ${hw.name} available in ${loc.name}` });
    free.set(key, (free.get(key) ?? 0) - gpus * replicas);
    const hours = (body.duration_hours as number | undefined) ?? 1;
    const d: Deployment = {
      id: randomUUID(),
      name: body.resource_private_name,
      status: 'deployment requested',
      hardware: hw,
      location: loc,
      gpus,
      hours,
      amountPaid: String(quote(hw, loc, hours, gpus, replicas).total_cost_usdc),
      createdAt: Date.now(),
      config: {
        image_url: body.registry_config.image_url,
        entrypoint: cc.entrypoint ?? null,
        env_variables: cc.env_variables ?? null,
        traffic_port: cc.traffic_port,
        args: cc.args,
      },
      willFail: rnd.chance(failureRate),
    };
    deployments.set(d.id, d);
    server.countSubmission(String(d.name).replace(/^switchyard-/, ''));
    return { body: { status: 'success', deployment_id: d.id } };
  });
  server.route('GET', `${CAAS}/deployments`, (req) => {
    authed(req);
    const page = Number(req.query.get('page') ?? 0);
    const size = Math.min(100, Number(req.query.get('page_size') ?? 10));
    const all = [...deployments.values()].reverse();
    const rows = all.slice(page * size, page * size + size).map((d) => {
      const v = details(d);
      return {
        id: d.id,
        status: d.status,
        name: d.name,
        completed_percent: v.completed_percent,
        hardware_quantity: d.gpus,
        brand_name: d.hardware.brand,
        hardware_name: d.hardware.name,
        compute_minutes_served: v.compute_minutes_served,
        compute_minutes_remaining: v.compute_minutes_remaining,
      };
    });
    return {
      body: {
        data: {
          deployments: rows,
          total: all.length,
          statuses: ['running', 'completed', 'failed', 'deployment requested', 'termination requested', 'destroyed'],
        },
      },
    };
  });
  server.route('GET', `${CAAS}/deployment/:id`, (req) => {
    authed(req);
    return { body: { data: details(deploymentOf(req)) } };
  });
  server.route('DELETE', `${CAAS}/deployment/:id`, (req) => {
    authed(req);
    const d = deploymentOf(req);
    advance(d);
    if (d.status === 'deployment requested' || d.status === 'running') {
      d.status = 'termination requested';
      d.finishedAt = Date.now();
      free.set(`${d.hardware.id}@${d.location.id}`, (free.get(`${d.hardware.id}@${d.location.id}`) ?? 0) + d.gpus);
    } else throw new SimHttpError(400, { detail: `Deployment is ${d.status} and cannot be terminated` });
    return { body: { status: 'success', deployment_id: d.id } };
  });
  server.route('POST', `${CAAS}/deployment/:id/extend`, (req) => {
    authed(req);
    const d = deploymentOf(req);
    const hours = (req.body as { duration_hours?: unknown } | undefined)?.duration_hours;
    if (!Number.isInteger(hours) || (hours as number) <= 0) throw invalid(['body', 'duration_hours'], 'Input should be greater than 0', 'greater_than');
    advance(d);
    if (d.status !== 'running' && d.status !== 'deployment requested')
      throw new SimHttpError(400, { detail: `Deployment is ${d.status} and cannot be extended` });
    d.hours += hours as number;
    if (d.endsAt !== undefined) d.endsAt += (hours as number) * runMs();
    d.amountPaid = new Decimal(d.amountPaid).plus(quote(d.hardware, d.location, hours as number, d.gpus, 1).total_cost_usdc).toFixed();
    return { body: { data: details(d) } };
  });
  server.route('GET', `${CAAS}/deployment/:id/containers`, (req) => {
    authed(req);
    const d = deploymentOf(req);
    advance(d);
    const containerStatus = d.status === 'running' ? 'running' : d.status === 'deployment requested' ? 'pending' : 'terminated';
    const events = [{ time: new Date(d.createdAt).toISOString(), message: 'Container scheduled' }];
    if (d.startedAt) events.push({ time: new Date(d.startedAt).toISOString(), message: 'Container started' });
    const workers = [
      {
        device_id: randomUUID(),
        container_id: `${d.id.slice(0, 8)}-0`,
        hardware: d.hardware.name,
        brand_name: d.hardware.brand,
        created_at: new Date(d.createdAt).toISOString(),
        uptime_percent: d.startedAt ? 100 : 0,
        gpus_per_container: d.gpus,
        status: containerStatus,
        container_events: events,
        public_url: d.status === 'running' ? `https://${d.id.slice(0, 8)}.sim.io.solutions` : null,
      },
    ];
    return { body: { data: { total: workers.length, workers } } };
  });
  server.route('GET', `${CAAS}/deployment/:id/log/:container`, (req) => {
    authed(req);
    const d = deploymentOf(req);
    if (req.params.container !== `${d.id.slice(0, 8)}-0`) throw notFound('Container');
    const stream = req.query.get('stream') ?? 'stdout';
    if (stream !== 'stdout' && stream !== 'stderr') throw invalid(['query', 'stream'], "Input should be 'stdout' or 'stderr'", 'enum');
    advance(d);
    const lines =
      stream === 'stderr'
        ? []
        : [`pulling ${d.config.image_url}`, ...(d.startedAt ? [`container started on ${d.gpus}× ${d.hardware.name} (simulated io.net)`] : [])];
    return { body: lines.join('\n') };
  });

  const url = await server.start(options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    server,
    config: { baseUrl: url, apiKey },
    controlUrl: url,
    close: () => server.close(),
  };
}
