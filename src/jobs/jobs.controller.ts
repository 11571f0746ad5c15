import { Body, Controller, Get, Headers, HttpCode, MessageEvent, Param, Post, Query, Req, Res, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiContract } from '../common/api-contract';
import { JOB_SPEC_EXAMPLE, jobSpecSchema } from '../routing/job-spec.schema';
import { jobIdParams, jobListSchema, jobLogsSchema, jobViewSchema } from './job-view.schema';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { RequireScope } from '../accounts/access.decorators';
import { parseOrProblem } from '../common/zod-body';
import { accountOf } from './request-account';
import { jobsQuerySchema } from './jobs.query-schema';
import { JobEventStream } from './job-event.stream';
import { JobsService } from './jobs.service';
import { JobLogFollow, jobLogsQuerySchema } from './job-log-follow';

@ApiTags('jobs')
@ApiBearerAuth('apiKey')
@RequireScope('jobs')
@Controller('v1/jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly stream: JobEventStream,
    private readonly logFollow: JobLogFollow,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Submit a job (JSON job spec, or an Akash SDL as application/yaml). Persisted and answered 202 at once.' })
  @ApiContract({
    body: jobSpecSchema,
    bodyExample: JOB_SPEC_EXAMPLE,
    yamlBody: true,
    requestHeaders: { 'Idempotency-Key': 'Same key + same body returns the same job (200); a different body gets 409.' },
    responses: {
      202: { description: 'Accepted: stored and waiting to be placed.', schema: jobViewSchema },
      200: { description: 'The job an earlier request with the same Idempotency-Key created.', schema: jobViewSchema },
    },
    headers: { 202: { location: 'The job: /v1/jobs/{id}' } },
    errors: [402, 409, 422],
  })
  async create(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.jobs.accept({ body, contentType, idempotencyKey: key, accountId: accountOf(req) });
    void reply.status(result.status).header('location', result.job.links.self);
    return result.job;
  }

  @Get()
  @ApiOperation({ summary: "The account's jobs, newest first, with cursor pagination." })
  @ApiContract({ query: jobsQuerySchema, responses: { 200: { description: 'A page of jobs.', schema: jobListSchema } } })
  list(@Query() query: Record<string, string>, @Req() req: FastifyRequest) {
    return this.jobs.list(accountOf(req), parseOrProblem(jobsQuerySchema, query, 'query'));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A job: spec as understood, state, attempts with their routing decisions, cost so far.' })
  @ApiContract({ params: jobIdParams, responses: { 200: { description: 'The job.', schema: jobViewSchema } } })
  get(@Param('id') id: string, @Req() req: FastifyRequest) {
    return this.jobs.get(id, accountOf(req));
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask for a job to be cancelled (idempotent); the placement is closed by the worker.' })
  @ApiContract({
    params: jobIdParams,
    responses: { 202: { description: 'Accepted: the job with cancelRequested (unchanged when it had already finished).', schema: jobViewSchema } },
  })
  cancel(@Param('id') id: string, @Req() req: FastifyRequest) {
    return this.jobs.cancel(id, accountOf(req));
  }

  @Get(':id/logs')
  @ApiOperation({
    summary:
      "The current placement's logs, from its network; with follow=true, Server-Sent Events (text/event-stream: attempt, log, note and end events) across attempts until the job ends.",
  })
  @ApiContract({
    params: jobIdParams,
    query: jobLogsQuerySchema,
    responses: { 200: { description: 'Log lines (empty with a note before placement); with follow=true, an event stream.', schema: jobLogsSchema } },
    errors: [502],
  })
  logs(@Param('id') id: string, @Query() query: Record<string, string>, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    if (parseOrProblem(jobLogsQuerySchema, query, 'query').follow === 'true') return this.logFollow.stream(id, accountOf(req), req, reply);
    return this.jobs.logs(id, accountOf(req));
  }

  @Sse(':id/events')
  @ApiOperation({ summary: 'The job timeline as Server-Sent Events; the stream ends when the job does.' })
  @ApiContract({
    params: jobIdParams,
    requestHeaders: { 'Last-Event-ID': 'Resume after this event id.' },
    responses: { 200: { description: 'Server-sent events: one per state change, attempt and log line.', mediaType: 'text/event-stream' } },
  })
  events(@Param('id') id: string, @Req() req: FastifyRequest, @Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    // A reconnecting EventSource sends the id of the last event it saw; anything but an event id starts over.
    const after = lastEventId && /^\d{1,18}$/.test(lastEventId) ? lastEventId : '0';
    return this.stream.follow(id, accountOf(req), after);
  }
}
