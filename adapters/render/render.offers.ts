// Render Compute offers → Switchyard offers. One offer is a fixed bundle of identical GPUs in one region
// with one firm USD price per hour for the whole bundle.
import { Decimal } from 'decimal.js';
import { Offer, checkUpstream } from '../sdk';
import { RenderOffer, renderOfferSchema } from './render.wire';

export type OfferCheck = { ok: true; offer: Offer } | { ok: false; reason: string };

/** Turns one upstream record into an Offer, or says why it cannot be one (the caller quarantines it). */
export function toRenderOffer(raw: unknown, fallbackObservedAt: string): OfferCheck {
  const checked = checkUpstream(renderOfferSchema, raw);
  if (!checked.ok) return checked;
  const o = checked.value;
  const names = [...new Set(o.hardware_summary.gpu_models.map((m) => m.name))];
  // Our Offer has one GPU label; a mixed bundle cannot be priced per GPU model honestly.
  if (names.length > 1) return { ok: false, reason: `hardware_summary.gpu_models: mixed GPU models in one offer (${names.join(', ')})` };
  const observedAt = o.pricing.quoted_at && !Number.isNaN(Date.parse(o.pricing.quoted_at)) ? new Date(o.pricing.quoted_at).toISOString() : fallbackObservedAt;
  return { ok: true, offer: mapOffer(o, raw, observedAt) };
}

function mapOffer(o: RenderOffer, raw: unknown, observedAt: string): Offer {
  const hw = o.hardware_summary;
  const model = hw.gpu_models[0];
  const vram = model.min_vram_gib ?? hw.min_gpu_vram_gib;
  return {
    network: 'render',
    offerId: o.offer_id,
    // The API aggregates node supply and hides the operators; a region is the narrowest scope it exposes.
    provider: { id: `render-compute:${o.region_code}`, name: `Render Compute Network (${o.region_code})`, region: o.region_code },
    gpu: {
      label: model.name,
      vendor: /nvidia/i.test(model.name) ? 'nvidia' : /amd|radeon|instinct/i.test(model.name) ? 'amd' : undefined,
      vramGb: vram,
      count: hw.gpu_count,
      fixedCount: true,
    },
    cpu: hw.cpu_cores,
    memoryGb: hw.ram_gib,
    diskGb: hw.storage_gib,
    price: {
      // Decimal from the JSON number's shortest representation: 0.69 stays "0.69", never 0.68999….
      amount: new Decimal(String(o.pricing.hourly_rate_usd)).toFixed(),
      asset: 'USD',
      unit: 'hour',
      per: 'offer',
      kind: 'firm',
      source: 'render compute GET /v1/compute/offers pricing.hourly_rate_usd',
    },
    observedAt,
    raw,
  };
}
