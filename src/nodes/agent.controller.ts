import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { parseOrProblem } from '../common/zod-body';
import { ChallengeService } from './challenge.service';
import { LeaseService } from './lease.service';
import { NodeRegistryService } from './node-registry.service';
import { AllowUnregisteredKey, NodeSignatureGuard, SignedNode } from './node-signature.guard';
import {
  heartbeatBodySchema,
  leaseFinishBodySchema,
  leaseLogsBodySchema,
  leaseStatusBodySchema,
  registerBodySchema,
  settingsBodySchema,
} from './protocol/agent-wire';
import { challengeCommitSchema, challengeOpeningSchema } from './protocol/challenge';

const waitSchema = z.coerce.number().int().min(0).max(60).default(25);

/** The API agents call; every request is signed by the node's own key (see protocol/request-signature.ts). */
@ApiTags('agent')
@Controller('v1/agent')
@UseGuards(NodeSignatureGuard)
export class AgentController {
  constructor(
    private readonly registry: NodeRegistryService,
    private readonly leases: LeaseService,
    private readonly challenges: ChallengeService,
  ) {}

  @Post('register')
  @AllowUnregisteredKey()
  @ApiOperation({ summary: 'Register this key as a node (enrolment code, price, payout wallet, GPU inventory).' })
  register(@SignedNode() nodeId: string, @Body() body: unknown) {
    return this.registry.register(nodeId, parseOrProblem(registerBodySchema, body));
  }

  @Post('heartbeat')
  @HttpCode(200)
  @ApiOperation({ summary: 'Heartbeat with GPU inventory; answers with the node state and any challenge.' })
  heartbeat(@SignedNode() nodeId: string, @Body() body: unknown) {
    return this.registry.heartbeat(nodeId, parseOrProblem(heartbeatBodySchema, body));
  }

  @Put('settings')
  @ApiOperation({ summary: 'Operator settings: asking price per GPU-hour, payout wallet, name.' })
  settings(@SignedNode() nodeId: string, @Body() body: unknown) {
    return this.registry.updateSettings(nodeId, parseOrProblem(settingsBodySchema, body));
  }

  @Get('work')
  @ApiOperation({ summary: 'Long poll for the next lease (wait seconds, default 25).' })
  async work(@SignedNode() nodeId: string, @Query('wait') wait: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    // The agent is gone when the connection closes before we answer. (Not `req.raw.destroyed`: the raw request
    // is read to its end for the signature check, after which it reports destroyed and the poll would spin.)
    let gone = false;
    reply.raw.once('close', () => (gone = true));
    const lease = await this.leases.nextWork(nodeId, parseOrProblem(waitSchema, wait, 'wait') * 1000, () => gone);
    if (!lease && this.leases.shuttingDown) return { lease: null, challenge: null };
    const open = await this.challenges.openFor(nodeId);
    return { lease, challenge: open ? this.challenges.toWire(open) : null };
  }

  @Post('leases/:id/ack')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge a lease before its ack deadline.' })
  ack(@SignedNode() nodeId: string, @Param('id') id: string) {
    return this.leases.acknowledge(nodeId, id);
  }

  @Post('leases/:id/status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report the job running.' })
  status(@SignedNode() nodeId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.leases.markRunning(nodeId, id, parseOrProblem(leaseStatusBodySchema, body).message);
  }

  @Post('leases/:id/logs')
  @HttpCode(200)
  @ApiOperation({ summary: 'Append log lines.' })
  logs(@SignedNode() nodeId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.leases.appendLogs(nodeId, id, parseOrProblem(leaseLogsBodySchema, body).lines);
  }

  @Post('leases/:id/renew')
  @HttpCode(200)
  @ApiOperation({ summary: 'Renew a lease; the answer says whether to stop (cancelled or expired).' })
  renew(@SignedNode() nodeId: string, @Param('id') id: string) {
    return this.leases.renew(nodeId, id);
  }

  @Post('leases/:id/finish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Finish a lease with the exit code.' })
  finish(@SignedNode() nodeId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.leases.finish(nodeId, id, parseOrProblem(leaseFinishBodySchema, body));
  }

  @Post('challenges/:id/commit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Proof of GPU, step 1: the Merkle roots of the products, before the commit deadline; answers with the rows to open.' })
  commit(@SignedNode() nodeId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.challenges.commit(nodeId, id, parseOrProblem(challengeCommitSchema, body));
  }

  @Post('challenges/:id/open')
  @HttpCode(200)
  @ApiOperation({ summary: 'Proof of GPU, step 2: the asked rows with their Merkle paths; answers with the verdict.' })
  open(@SignedNode() nodeId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.challenges.open(nodeId, id, parseOrProblem(challengeOpeningSchema, body));
  }
}
