import { Body, Controller, Get, Headers, MessageEvent, Param, Post, Query, Req, Res, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { RequireScope } from '../accounts/access.decorators';
import { parseOrProblem } from '../common/zod-body';
import { accountOf } from './request-account';
import { jobsQuerySchema } from './jobs.query-schema';
import { JobEventStream } from './job-event.stream';
import { JobsService } from './jobs.service';
import { JobLogFollow } from './job-log-follow';

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
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key + same body returns the same job; a different body gets 409.' })
  @ApiBody({ description: 'The public job spec (v1); see the README.', schema: { type: 'object' } })
  async create(@Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Headers('idempotency-key') key: string | undefined, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.jobs.accept({ body, contentType, idempotencyKey: key, accountId: accountOf(req) });
    void reply.status(result.status).header('location', result.job.links.self);
    return result.job;
  }

  @Get()
  @ApiOperation({ summary: "The account's jobs, newest first, with cursor pagination." })
  list(@Query() query: Record<string, string>, @Req() req: FastifyRequest) {
    return this.jobs.list(accountOf(req), parseOrProblem(jobsQuerySchema, query, 'query'));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A job: spec as understood, state, attempts with their routing decisions, cost so far.' })
  get(@Param('id') id: string, @Req() req: FastifyRequest) {
    return this.jobs.get(id, accountOf(req));
  }

  @Post(':id/cancel')
  @ApiOperation({ summary: 'Ask for a job to be cancelled (idempotent); the placement is closed by the worker.' })
  cancel(@Param('id') id: string, @Req() req: FastifyRequest) {
    return this.jobs.cancel(id, accountOf(req));
  }

  @Get(':id/logs')
  @ApiOperation({ summary: "The current placement's logs, from its network; with follow=true, Server-Sent Events across attempts until the job ends." })
  @ApiQuery({ name: 'follow', required: false, enum: ['true', 'false'], description: 'true: text/event-stream of attempt, log, note and end events until the job ends.' })
  logs(@Param('id') id: string, @Req() req: FastifyRequest, @Query('follow') follow?: string, @Res({ passthrough: true }) reply?: FastifyReply) {
    if (follow === 'true') return this.logFollow.stream(id, accountOf(req), req, reply!);
    return this.jobs.logs(id, accountOf(req));
  }

  @Sse(':id/events')
  @ApiOperation({ summary: 'The job timeline as Server-Sent Events; the stream ends when the job does.' })
  events(@Param('id') id: string, @Req() req: FastifyRequest, @Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    // A reconnecting EventSource sends the id of the last event it saw; anything but an event id starts over.
    const after = lastEventId && /^\d{1,18}$/.test(lastEventId) ? lastEventId : '0';
    return this.stream.follow(id, accountOf(req), after);
  }
}
