import { Body, Controller, Get, Headers, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiContract } from '../common/api-contract';
import { notFoundProblem } from '../common/problem';
import { parseOrProblem } from '../common/zod-body';
import { isSolanaAddress } from './protocol/node-keys';
import { NodeRegistryService } from './node-registry.service';
import { enrolmentCodeSchema, nodeListSchema, nodeViewSchema } from './nodes.schemas';

const issueCodeSchema = z.object({ note: z.string().max(200).optional() }).default({});

@ApiTags('nodes')
@Controller('v1/nodes')
export class NodesController {
  constructor(private readonly registry: NodeRegistryService) {}

  @Get()
  @ApiOperation({ summary: 'Native nodes with state, inventory, price and health score parts.' })
  @ApiContract({ responses: { 200: { description: 'Every registered node, oldest first.', schema: nodeListSchema } } })
  async list() {
    return { nodes: await this.registry.list() };
  }

  @Post('enrolment-codes')
  @ApiOperation({ summary: 'Operator: issue a single-use enrolment code (x-admin-token = NODES_ADMIN_TOKEN).' })
  @ApiContract({ responses: { 201: { description: 'The code, shown once.', schema: enrolmentCodeSchema } }, errors: [401, 403] })
  issueCode(@Headers('x-admin-token') token: string | undefined, @Body() body: unknown) {
    this.registry.checkAdminToken(token);
    return this.registry.issueEnrolmentCode(parseOrProblem(issueCodeSchema, body ?? {}).note);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One native node.' })
  @ApiContract({ responses: { 200: { description: 'The node.', schema: nodeViewSchema } } })
  get(@Param('id') id: string) {
    // A node id is its Ed25519 public key in base58; anything else (NUL included) names no node.
    if (!isSolanaAddress(id)) throw notFoundProblem('Node', id);
    return this.registry.get(id);
  }
}
