import { Injectable } from '@nestjs/common';
import { resolveGpuRequirement } from '../catalog/gpu-requirement';
import { GPU_CATALOG } from '../catalog/gpu-catalog.data';
import { ProblemException, validationProblem } from '../common/problem';
import { FxService } from './fx.service';
import { unconfirmedFeedsFor } from './fx/feed-registry';
import { estimateRenderCost, RenderEstimateInputError } from './render-estimate/index';

/** The OctaneBench-hour estimator with the current RENDER/USD quote and the catalog's OctaneBench scores. */
@Injectable()
export class RenderEstimateService {
  constructor(private readonly fx: FxService) {}

  estimate(q: { obh?: string; gpu?: string; hours?: string; tier: 2 | 3 }) {
    if ((q.obh === undefined) === (q.gpu === undefined)) {
      throw validationProblem([{ field: 'obh', reason: 'give either obh, or gpu with hours (not both)' }]);
    }
    if (q.gpu !== undefined && q.hours === undefined) throw validationProblem([{ field: 'hours', reason: 'is required with gpu' }]);
    let gpu: { octaneBench: number; hours: string } | undefined;
    let gpuId: string | undefined;
    if (q.gpu !== undefined) {
      const resolved = resolveGpuRequirement([q.gpu]);
      if (!resolved.ok)
        throw new ProblemException(422, 'unknown-gpu', 'Unknown GPU', `unknown GPU "${q.gpu}"`, {
          errors: [{ field: 'gpu', reason: `did you mean ${resolved.unknown[0].suggestions.join(', ') || 'a GPU from GET /v1/gpus'}?` }],
        });
      const scored = resolved.ids.map((id) => GPU_CATALOG.find((g) => g.id === id)).find((g) => g?.octaneBench !== undefined);
      if (!scored?.octaneBench) {
        throw new ProblemException(
          422,
          'no-octanebench-score',
          'No OctaneBench score',
          `The catalog has no OctaneBench score for ${q.gpu}; give the work in obh instead.`,
          { errors: [{ field: 'gpu', reason: 'no OctaneBench score in the catalog' }] },
        );
      }
      gpu = { octaneBench: scored.octaneBench, hours: q.hours! };
      gpuId = scored.id;
    }
    const quote = this.fx.current('RENDER');
    if (!quote) throw new ProblemException(503, 'fx-unavailable', 'No RENDER price', 'No RENDER/USD quote is available right now; try again shortly.');
    try {
      const estimate = estimateRenderCost({
        obh: q.obh,
        gpu,
        tier: q.tier,
        renderUsd: { price: quote.usd, source: quote.source, publishTime: quote.publishTime },
      });
      // The RENDER quote may rest on oracle ids Pyth's own list does not confirm (GET /v1/fx `feeds`).
      return { ...estimate, gpu: gpuId ?? null, fxStale: quote.stale, fxUnconfirmedFeeds: unconfirmedFeedsFor('RENDER', quote.source) };
    } catch (err) {
      if (err instanceof RenderEstimateInputError) throw validationProblem([{ field: err.field, reason: err.reason }]);
      throw err;
    }
  }
}
