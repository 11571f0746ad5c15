/** An RFC 9457 problem document as Switchyard answers errors (application/problem+json). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  /** Field errors of a 400: where in the request, and why. */
  errors?: Array<{ field?: string; path?: string; reason?: string; message?: string; code?: string }>;
  [extension: string]: unknown;
}

/** A non-2xx answer, carrying the problem document the service sent (or what could be read of it). */
export class SwitchyardProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problemText(problem, status));
    this.name = 'SwitchyardProblemError';
  }
}

/** "title (status): detail", then one line per field error. */
export function problemText(problem: Problem, status = problem.status): string {
  const head = `${problem.title ?? 'Request failed'}${status ? ` (${status})` : ''}${problem.detail ? `: ${problem.detail}` : ''}`;
  const fields = (problem.errors ?? []).map((e) => `  - ${e.field ?? e.path ?? '(request)'}: ${e.reason ?? e.message ?? e.code ?? 'invalid'}`);
  return [head, ...fields].join('\n');
}

/** The body of a failed response as a problem, whatever the body was. */
export function asProblem(status: number, body: unknown): Problem {
  if (body && typeof body === 'object' && !Array.isArray(body)) return body as Problem;
  return { title: `HTTP ${status}`, status, detail: typeof body === 'string' && body ? body.slice(0, 500) : undefined };
}
