// RFC 9457 problem details: the one error shape of the API.
export interface FieldError {
  /** JSON path of the offending field, e.g. `resources.gpu.count`. */
  field: string;
  reason: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE = 'https://switchyard.dev/problems/';

/** Thrown by services and controllers when a request cannot be honoured; mapped 1:1 to problem+json. */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> & { errors?: FieldError[] } = {},
  ) {
    super(detail ?? title);
    this.name = 'ProblemException';
  }

  toProblem(instance?: string): ProblemDetails {
    return { type: PROBLEM_BASE + this.slug, title: this.title, status: this.status, detail: this.detail, instance, ...this.extensions };
  }
}

export function validationProblem(errors: FieldError[], detail = 'The request is not valid.'): ProblemException {
  return new ProblemException(400, 'validation', 'Invalid request', detail, { errors });
}

export function notFoundProblem(what: string, id: string): ProblemException {
  return new ProblemException(404, 'not-found', 'Not found', `${what} ${id} does not exist.`);
}

export function problemFromStatus(status: number, detail?: string): ProblemDetails {
  const titles: Record<number, [string, string]> = {
    400: ['bad-request', 'Bad request'],
    401: ['unauthorized', 'Unauthorized'],
    403: ['forbidden', 'Forbidden'],
    404: ['not-found', 'Not found'],
    405: ['method-not-allowed', 'Method not allowed'],
    409: ['conflict', 'Conflict'],
    413: ['payload-too-large', 'Payload too large'],
    414: ['uri-too-long', 'URI too long'],
    415: ['unsupported-media-type', 'Unsupported media type'],
    422: ['unprocessable', 'Unprocessable request'],
    429: ['rate-limited', 'Too many requests'],
    503: ['unavailable', 'Service unavailable'],
  };
  const [slug, title] = titles[status] ?? (status >= 500 ? ['internal', 'Internal error'] : ['error', 'Request failed']);
  return { type: PROBLEM_BASE + slug, title, status, detail };
}
