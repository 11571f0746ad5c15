import { Injectable } from '@nestjs/common';
import { ProblemException } from '../common/problem';
import { NetworkRegistry } from '../plugins/network-registry';
import { parseJobRequest } from './job-request.parser';
import { publicSpec } from './job-spec.schema';
import { understandJob, UnderstoodJob } from './job-spec.resolver';
import { QuoteService } from './quote.service';
import type { RoutingDecision } from './routing.types';

/** Job requests as Switchyard understands them, and the dry run of routing one (POST /v1/quotes). */
@Injectable()
export class QuotesService {
  constructor(
    private readonly registry: NetworkRegistry,
    private readonly quotes: QuoteService,
  ) {}

  /** Reads a spec (JSON or a network's job document) into the job as Switchyard understands it. */
  understand(body: unknown, contentType?: string): UnderstoodJob & { format: string } {
    const request = parseJobRequest(body, contentType, this.registry.jobFormats());
    const understood = understandJob(request.spec, {
      document: request.document,
      onlyNetwork: request.onlyNetwork,
      warnings: request.warnings,
      keepKnownModels: request.format !== 'json',
    });
    return { ...understood, format: request.format };
  }

  /** A dry run: ranked candidates, the explanation and the estimated cost. */
  quote(body: unknown, contentType?: string) {
    const job = this.understand(body, contentType);
    const decision = this.quotes.decide(job, { limit: 10 });
    if (!decision.candidates.length) throw unsatisfiable(decision, job.warnings);
    return { spec: publicSpec(job.spec), warnings: job.warnings, format: job.format, decision, estimate: QuoteService.estimate(decision) };
  }
}

/** 422 with the routing's reasons and the spec's warnings (an SDL's among them), so the user sees both. */
export function unsatisfiable(decision: RoutingDecision, warnings: string[]): ProblemException {
  return new ProblemException(422, 'unsatisfiable', 'Nothing can run this job', decision.explanation, {
    dropped: decision.dropped,
    considered: decision.considered,
    ...(warnings.length ? { warnings } : {}),
  });
}
