// Akash SDL as a job format: turns an SDL (2.0 / 2.1) into the public JobSpec. Pure: no I/O, no Nest.
// A single-service SDL becomes an ordinary JobSpec that any network can run. An SDL that only Akash can
// run faithfully (several services, several placements, or count > 1) is accepted as Akash-only:
// `multiService: true` and `spec.sdl` carries the original text. Whatever does not fit the JobSpec is
// reported in `warnings`, never dropped silently.
import Decimal from 'decimal.js';
import { parseDocument } from 'yaml';
import type { JobSpec } from '../../sdk';
import { bytesToGb, parseQuantityBytes, quantityToGb, uactPerBlockToUsdPerHour } from '../akash.units';
import { SdlComputeProfile, SdlDocument, SdlService, sdlSchema } from './sdl.schema';

export interface SdlError {
  /** Dotted path to the offending value, e.g. `profiles.compute.web.resources.gpu.units`. */
  path: string;
  message: string;
}

export type ParseAkashSdlResult = { ok: true; spec: JobSpec; multiService: boolean; warnings: string[] } | { ok: false; errors: SdlError[] };

interface DeploymentEntry {
  service: string;
  placement: string;
  profile: string;
  count: number;
}

const KNOWN_SERVICE_KEYS = new Set(['image', 'command', 'args', 'env', 'expose', 'params']);
const KNOWN_TOP_KEYS = new Set(['version', 'services', 'profiles', 'deployment']);

export function parseAkashSdl(text: string): ParseAkashSdlResult {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ path: '(root)', message: `YAML: ${e.message.split('\n')[0]}` })) };
  }
  let raw: unknown;
  try {
    // A document whose aliases expand beyond the yaml library's limit (an "alias bomb") throws here.
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { ok: false, errors: [{ path: '(root)', message: `YAML: ${(err as Error).message.split('\n')[0]}` }] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ path: '(root)', message: 'an SDL is a YAML mapping with version, services, profiles and deployment' }] };
  }
  const parsed = sdlSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })),
    };
  }
  const sdl = parsed.data;
  const errors: SdlError[] = [];
  const entries = deploymentEntries(sdl, errors);
  if (errors.length > 0) return { ok: false, errors };

  const gpuEntries = entries.filter((e) => (sdl.profiles.compute[e.profile].resources.gpu?.units ?? 0) > 0);
  if (gpuEntries.length === 0) {
    return { ok: false, errors: [{ path: 'profiles.compute', message: 'no deployed service requests a GPU (resources.gpu.units > 0)' }] };
  }
  const gpuUnits = (e: DeploymentEntry) => (sdl.profiles.compute[e.profile].resources.gpu?.units ?? 0) * e.count;
  const primary = gpuEntries.reduce((best, e) => (gpuUnits(e) > gpuUnits(best) ? e : best));

  const warnings: string[] = [];
  for (const key of Object.keys(sdl)) if (!KNOWN_TOP_KEYS.has(key)) warnings.push(`top-level "${key}" is not carried over (Akash-only)`);

  const multiService = Object.keys(sdl.services).length > 1 || entries.length > 1 || primary.count > 1;
  if (Object.keys(sdl.services).length > 1) {
    const others = Object.keys(sdl.services).filter((s) => s !== primary.service);
    warnings.push(
      `several services: image, command, env and ports are those of "${primary.service}"; ${others.map((s) => `"${s}"`).join(', ')} run beside it on Akash only`,
    );
  } else if (entries.length > 1) {
    warnings.push(
      `"${primary.service}" is deployed to several placements; image, env and ports are those in "${primary.placement}", the others run on Akash only`,
    );
  }
  if (primary.count > 1)
    warnings.push(`count ${primary.count}: ${primary.count} replicas of "${primary.service}" on one provider, only Akash runs them as replicas`);

  const service = sdl.services[primary.service];
  const resources = wholeDeployment(sdl, entries, warnings);
  if (multiService) {
    const r = resources;
    warnings.push(
      `quoted, held and routed as the whole deployment (every service × count): ${r.gpu.count} GPUs, ${r.cpu} CPU, ${r.memoryGb} GB memory, ${r.diskGb} GB disk`,
    );
  }
  const spec: JobSpec = { name: primary.service, image: service.image, resources };
  carryServiceFields(spec, service, primary.service, warnings);
  carryPlacement(spec, sdl, primary, entries, resources.gpu.count, warnings);
  if (multiService) spec.sdl = text;
  return { ok: true, spec, multiService, warnings };
}

function deploymentEntries(sdl: SdlDocument, errors: SdlError[]): DeploymentEntry[] {
  const entries: DeploymentEntry[] = [];
  for (const [service, placements] of Object.entries(sdl.deployment)) {
    if (!sdl.services[service]) errors.push({ path: `deployment.${service}`, message: `service "${service}" is not defined under services` });
    for (const [placement, { profile, count }] of Object.entries(placements)) {
      const at = `deployment.${service}.${placement}`;
      if (!sdl.profiles.placement[placement]) errors.push({ path: at, message: `placement "${placement}" is not defined under profiles.placement` });
      if (!sdl.profiles.compute[profile]) errors.push({ path: `${at}.profile`, message: `compute profile "${profile}" is not defined under profiles.compute` });
      else if (sdl.profiles.placement[placement] && !sdl.profiles.placement[placement].pricing[profile]) {
        errors.push({ path: `profiles.placement.${placement}.pricing`, message: `no pricing for profile "${profile}"` });
      }
      entries.push({ service, placement, profile, count });
    }
  }
  for (const service of Object.keys(sdl.services)) {
    if (!sdl.deployment[service]) errors.push({ path: `services.${service}`, message: `service "${service}" is not deployed (missing under deployment)` });
  }
  return entries;
}

/** The whole deployment's resources: every deployed service × its count (GPUs, CPU, memory, disk). */
function wholeDeployment(
  sdl: SdlDocument,
  entries: DeploymentEntry[],
  warnings: string[],
): JobSpec['resources'] & { cpu: number; memoryGb: number; diskGb: number } {
  let gpus = 0;
  let cpu = new Decimal(0);
  let memory = new Decimal(0);
  let disk = new Decimal(0);
  const modelLists: string[][] = [];
  for (const entry of entries) {
    const one = entryResources(sdl.profiles.compute[entry.profile], entry, warnings);
    gpus += one.gpus * entry.count;
    cpu = cpu.plus(new Decimal(one.cpu).times(entry.count));
    memory = memory.plus(one.memoryBytes.times(entry.count));
    disk = disk.plus(one.diskBytes.times(entry.count));
    if (one.gpus > 0) modelLists.push(one.models);
  }
  const models = [...new Set(modelLists.flat())];
  if (new Set(modelLists.map((m) => m.join('|'))).size > 1) {
    warnings.push(
      `GPU services ask for different models (${modelLists.map((m) => m.join(' or ') || 'any').join('; ')}); routing accepts any of them, Akash holds each service to its own`,
    );
  }
  const gpu: JobSpec['resources']['gpu'] = { count: gpus };
  if (models.length > 0 && !modelLists.some((m) => m.length === 0)) gpu.models = models;
  return { gpu, cpu: cpu.toNumber(), memoryGb: bytesToGb(memory), diskGb: bytesToGb(disk) };
}

/**
 * One compute profile as Akash reads it. GPU models become catalog labels naming exactly what Akash matches:
 * `ram` is that memory variant, not a minimum (`a100` + `80Gi` → "a100 80gb"), `interface` that interface;
 * a vendor with no model list is any GPU of that vendor ("nvidia"), never another vendor's.
 */
function entryResources(profile: SdlComputeProfile, entry: DeploymentEntry, warnings: string[]) {
  const { cpu, memory, storage, gpu } = profile.resources;
  const at = `profiles.compute.${entry.profile}.resources`;
  const volumes = Array.isArray(storage) ? storage : [storage];
  let diskBytes = new Decimal(0);
  volumes.forEach((v, i) => {
    diskBytes = diskBytes.plus(parseQuantityBytes(v.size)!);
    const persistent = v.attributes?.persistent === true || v.attributes?.persistent === 'true';
    if (persistent) {
      warnings.push(
        `${at}.storage.${i}: persistent volume "${v.name ?? 'default'}" (${v.size}${v.attributes?.class ? `, class ${v.attributes.class}` : ''}) is counted in diskGb; its persistence and mount are Akash-only`,
      );
    } else if (v.attributes?.class) {
      warnings.push(`${at}.storage.${i}: storage class "${v.attributes.class}" is Akash-only`);
    }
  });

  const models: string[] = [];
  for (const [vendor, list] of Object.entries(gpu?.attributes?.vendor ?? {})) {
    if (!list || list.length === 0) {
      models.push(vendor);
      warnings.push(`${at}.gpu.attributes.vendor.${vendor}: no model list, so any ${vendor} GPU will do`);
      continue;
    }
    for (const m of list) {
      const ram = m.ram === undefined ? undefined : quantityToGb(m.ram);
      models.push([m.model.toLowerCase(), ram === undefined ? undefined : `${ram}gb`, m.interface].filter(Boolean).join(' '));
    }
  }
  return { gpus: gpu?.units ?? 0, models, cpu: cpu.units, memoryBytes: parseQuantityBytes(memory.size)!, diskBytes };
}

function carryServiceFields(spec: JobSpec, service: SdlService, name: string, warnings: string[]): void {
  const at = `services.${name}`;
  if (service.command?.length) spec.command = [...service.command];
  if (service.args?.length) spec.args = [...service.args];
  if (service.env?.length) {
    spec.env = {};
    for (const line of service.env) {
      // A provider reads an entry without `=` as the variable with an empty value.
      const i = line.indexOf('=');
      const key = i < 0 ? line : line.slice(0, i);
      if (key in spec.env) warnings.push(`${at}.env: ${key} is set twice; the last value wins`);
      spec.env[key] = i < 0 ? '' : line.slice(i + 1);
    }
  }
  const ports: number[] = [];
  (service.expose ?? []).forEach((e, i) => {
    const global = (e.to ?? []).some((t) => t.global === true);
    if (!global) {
      const targets = (e.to ?? []).map((t) => t.service).filter(Boolean);
      warnings.push(`${at}.expose.${i}: port ${e.port} is not exposed globally${targets.length ? ` (only to ${targets.join(', ')})` : ''}; not carried over`);
      return;
    }
    if (!ports.includes(e.port)) ports.push(e.port);
    if (e.as !== undefined && e.as !== e.port) warnings.push(`${at}.expose.${i}: Akash publishes port ${e.port} as ${e.as}; other networks publish ${e.port}`);
    if (e.proto && e.proto.toLowerCase() === 'udp') warnings.push(`${at}.expose.${i}: UDP is Akash-only; other networks may expose TCP only`);
    if (e.accept?.length) warnings.push(`${at}.expose.${i}: accepted hostnames (${e.accept.join(', ')}) are Akash-only`);
    for (const key of Object.keys(e)) {
      if (!['port', 'as', 'proto', 'to', 'accept'].includes(key)) warnings.push(`${at}.expose.${i}.${key} is Akash-only and not carried over`);
    }
  });
  if (ports.length > 0) spec.ports = ports;
  if (service.params) {
    for (const [volume, p] of Object.entries(service.params.storage ?? {})) {
      warnings.push(`${at}.params.storage.${volume}: mounted at ${p.mount ?? '(unmounted)'}${p.readOnly ? ' read-only' : ''} on Akash only`);
    }
    for (const key of Object.keys(service.params)) if (key !== 'storage') warnings.push(`${at}.params.${key} is Akash-only and not carried over`);
  }
  for (const key of Object.keys(service)) if (!KNOWN_SERVICE_KEYS.has(key)) warnings.push(`${at}.${key} is not carried over`);
}

function carryPlacement(spec: JobSpec, sdl: SdlDocument, entry: DeploymentEntry, entries: DeploymentEntry[], gpus: number, warnings: string[]): void {
  const at = `profiles.placement.${entry.placement}`;
  const placement = sdl.profiles.placement[entry.placement];
  for (const [key, value] of Object.entries(placement.attributes ?? {})) {
    if (key === 'region') spec.placement = { regions: [String(value)] };
    else warnings.push(`${at}.attributes.${key}=${String(value)} is an Akash provider attribute; not carried over`);
  }
  if (placement.signedBy) warnings.push(`${at}.signedBy (auditor requirements) is Akash-only; not carried over`);
  // The Console rewrites every price to uact before broadcasting (console sdl.service.ts), so a uakt amount
  // is read as that many uact. The cap covers the whole deployment: Σ amount × count per block over all GPUs.
  let perBlock = new Decimal(0);
  for (const e of entries) {
    const pricing = sdl.profiles.placement[e.placement].pricing[e.profile];
    if (pricing.denom === 'uakt')
      warnings.push(
        `profiles.placement.${e.placement}.pricing.${e.profile}: the Akash Console rewrites uakt to uact, so ${pricing.amount} is read as ${pricing.amount} uact/block`,
      );
    perBlock = perBlock.plus(new Decimal(String(pricing.amount)).times(e.count));
  }
  if (gpus > 0 && perBlock.gt(0)) {
    spec.maxUsdPerGpuHour = uactPerBlockToUsdPerHour(perBlock).div(gpus).toDecimalPlaces(4, Decimal.ROUND_DOWN).toFixed();
    warnings.push(`${at}.pricing: ${perBlock.toFixed()} uact/block for the deployment taken as a cap of $${spec.maxUsdPerGpuHour}/GPU-hour`);
  }
}
