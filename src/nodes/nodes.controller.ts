import { Body, Controller, Get, Headers, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { notFoundProblem } from '../common/problem';
import { parseOrProblem } from '../common/zod-body';
import { isSolanaAddress } from './protocol/node-keys';
import { NodeRegistryService } from './node-registry.service';

const issueCodeSchema = z.object({ note: z.string().max(200).optional() }).default({});

@ApiTags('nodes')
@Controller('v1/nodes')
export class NodesController {
  constructor(private readonly registry: NodeRegistryService) {}

  @Get()
  @ApiOperation({ summary: 'Native nodes with state, inventory, price and health score parts.' })
  async list() {
    return { nodes: await this.registry.list() };
  }

  @Post('enrolment-codes')
  @ApiOperation({ summary: 'Operator: issue a single-use enrolment code (x-admin-token = NODES_ADMIN_TOKEN).' })
  issueCode(@Headers('x-admin-token') token: string | undefined, @Body() body: unknown) {
    this.registry.checkAdminToken(token);
    return this.registry.issueEnrolmentCode(parseOrProblem(issueCodeSchema, body ?? {}).note);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One native node.' })
  get(@Param('id') id: string) {
    // A node id is its Ed25519 public key in base58; anything else (NUL included) names no node.
    if (!isSolanaAddress(id)) throw notFoundProblem('Node', id);
    return this.registry.get(id);
  }
}
