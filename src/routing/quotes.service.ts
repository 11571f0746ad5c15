import { Injectable } from '@nestjs/common';
import { AnswerCache } from '../common/answer-cache';
import { jsonBodyText } from '../common/json-body';
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
  private readonly answers = new AnswerCache();

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

  /**
   * A dry run, as the JSON bytes of the ranked candidates, the explanation and the estimated cost. A quote is kept
   * (AnswerCache) per exact request text while the decision's stamp stays the same and no live offer has expired,
   * so a kept quote is byte for byte the one this request would have computed. Refusals are never kept.
   */
  quote(body: unknown, contentType?: string): Buffer {
    const nowMs = Date.now();
    const key = requestKey(body, contentType);
    const stamp = this.quotes.stamp();
    const kept = key === undefined ? undefined : this.answers.get(key, stamp, nowMs);
    if (kept) return kept;
    const job = this.understand(body, contentType);
    const decision = this.quotes.decide(job, { limit: 10, nowMs });
    if (!decision.candidates.length) throw unsatisfiable(decision, job.warnings);
    const text = JSON.stringify({
      spec: publicSpec(job.spec),
      warnings: job.warnings,
      format: job.format,
      decision,
      estimate: QuoteService.estimate(decision),
    });
    return key === undefined ? Buffer.from(text, 'utf8') : this.answers.set(key, stamp, this.quotes.liveUntilMs(nowMs), text);
  }
}

/** The request as text: a JSON body's exact text, or a job document with its media type; undefined when neither. */
function requestKey(body: unknown, contentType: string | undefined): string | undefined {
  if (typeof body === 'string') return `document ${(contentType ?? '').split(';')[0].trim().toLowerCase()}\n${body}`;
  const text = jsonBodyText(body);
  return text === undefined ? undefined : `json\n${text}`;
}

/** 422 with the routing's reasons and the spec's warnings (an SDL's among them), so the user sees both. */
export function unsatisfiable(decision: RoutingDecision, warnings: string[]): ProblemException {
  return new ProblemException(422, 'unsatisfiable', 'Nothing can run this job', decision.explanation, {
    dropped: decision.dropped,
    considered: decision.considered,
    ...(warnings.length ? { warnings } : {}),
  });
}
