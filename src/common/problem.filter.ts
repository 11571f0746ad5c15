import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { redactQueryValues } from './redact';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemException, problemFromStatus } from './problem';

/** Maps every error that reaches the HTTP edge to application/problem+json; nothing leaks a stack trace. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) this.logger.error(`${request.method} ${redactQueryValues(request.url)} failed: ${(exception as Error)?.stack ?? exception}`);
    const headers = (exception as { headers?: Record<string, string> })?.headers;
    if (headers) for (const [k, v] of Object.entries(headers)) reply.header(k, v);
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(exception: unknown, request: FastifyRequest): ProblemDetails {
    const instance = request.url;
    if (exception instanceof ProblemException) return exception.toProblem(instance);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : (response as { message?: string | string[] }).message;
      const detail = Array.isArray(message) ? message.join('; ') : message;
      if (status === 404 && detail?.startsWith('Cannot ')) {
        return { ...problemFromStatus(404, `No route ${request.method} ${request.url.split('?')[0]}.`), instance };
      }
      return { ...problemFromStatus(status, detail), instance };
    }
    // Fastify's own errors (malformed JSON, body too large, unsupported media type) carry a statusCode.
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return { ...problemFromStatus(fastifyError.statusCode, this.describeFastifyError(fastifyError)), instance };
    }
    return { ...problemFromStatus(500, 'An unexpected error occurred; it has been logged with the request id.'), instance };
  }

  private describeFastifyError(err: { code?: string; message?: string }): string | undefined {
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return `The request body is not valid JSON: ${err.message}`;
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return 'The request body is larger than the limit (BODY_LIMIT_BYTES).';
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return `Unsupported content type: ${err.message}`;
      default:
        return err.message;
    }
  }
}
