// Reads a job request body: the JSON job spec (v1), or a network's own job document (e.g. an Akash SDL
// sent as application/yaml), converted to the JSON spec by that network's plugin.
import type { JobDocumentFormat } from '../../adapters/sdk';
import { ProblemException, validationProblem } from '../common/problem';
import { parseOrProblem } from '../common/zod-body';
import { jobSpecSchema, PublicJobSpec } from './job-spec.schema';

export interface JobRequest {
  spec: PublicJobSpec;
  /** The original document, kept when only its own network can run it as written. */
  document?: string;
  /** Set when only this network can run the job as written (e.g. a multi-service SDL → akash). */
  onlyNetwork?: string;
  warnings: string[];
  format: string;
}

export interface JobFormatEntry {
  network: string;
  format: JobDocumentFormat;
}

export function parseJobRequest(body: unknown, contentType: string | undefined, formats: JobFormatEntry[]): JobRequest {
  if (typeof body === 'string') return fromDocument(body, mediaType(contentType), formats);
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationProblem([{ field: '(body)', reason: 'must be a JSON job spec object, or a job document such as an Akash SDL (application/yaml)' }]);
  }
  return { spec: parseOrProblem(jobSpecSchema, body), warnings: [], format: 'json' };
}

function fromDocument(text: string, type: string, formats: JobFormatEntry[]): JobRequest {
  const entry = formats.find((f) => f.format.mediaTypes.includes(type));
  if (!entry) {
    const accepted = ['application/json', ...formats.flatMap((f) => f.format.mediaTypes)];
    throw new ProblemException(415, 'unsupported-media-type', 'Unsupported media type', `Jobs are accepted as ${accepted.join(', ')}.`);
  }
  let parsed: ReturnType<JobDocumentFormat['parse']>;
  try {
    parsed = entry.format.parse(text);
  } catch (err) {
    // A parser that throws (instead of answering its errors) is still the document's fault, never a 500.
    throw new ProblemException(
      400,
      'invalid-job-document',
      `Invalid ${entry.format.name} document`,
      `The ${entry.format.name} document could not be read: ${(err as Error).message}`,
      {
        errors: [{ field: '(body)', reason: 'could not be read' }],
      },
    );
  }
  if (!parsed.ok) {
    throw new ProblemException(400, 'invalid-job-document', `Invalid ${entry.format.name} document`, `The ${entry.format.name} document is not valid.`, {
      errors: parsed.errors.map((e) => ({ field: e.path, reason: e.message })),
    });
  }
  const { sdl: _document, ...rest } = parsed.spec;
  const spec = parseOrProblem(jobSpecSchema, JSON.parse(JSON.stringify(rest)), entry.format.name);
  return {
    spec,
    document: parsed.networkOnly ? text : undefined,
    onlyNetwork: parsed.networkOnly ? entry.network : undefined,
    warnings: parsed.warnings.map((w) => `${entry.format.name}: ${w}`),
    format: entry.format.name,
  };
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}
