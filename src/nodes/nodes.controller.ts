import { Body, Controller, Get, Headers, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { parseOrProblem } from '../common/zod-body';
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
    return this.registry.get(id);
  }
}
