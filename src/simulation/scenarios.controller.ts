import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireScope } from '../accounts/access.decorators';
import { ApiContract } from '../common/api-contract';
import { parseOrProblem } from '../common/zod-body';
import { scenarioListSchema, scenarioSetSchema } from './scenarios.schemas';
import { ScenarioService } from './scenario.service';

const scenarioBody = z
  .object({
    network: z.string().min(1).max(64),
    scenario: z.string().min(1).max(64),
    state: z.enum(['on', 'off']).default('on'),
  })
  .strict();

/** Only in deployments that simulate at least one network (404 otherwise). */
@ApiTags('simulation')
@ApiBearerAuth('apiKey')
@RequireScope('admin')
@Controller('v1/sim')
export class ScenariosController {
  constructor(private readonly scenarios: ScenarioService) {}

  @Get('scenarios')
  @ApiOperation({ summary: 'SIMULATED networks only: the scenarios that can be switched on, and which are on per network (admin).' })
  @ApiContract({ responses: { 200: { description: 'Scenarios and, per loaded network, which are on.', schema: scenarioListSchema } }, errors: [404] })
  list() {
    return this.scenarios.list();
  }

  @Post('scenarios')
  @HttpCode(200)
  @ApiOperation({
    summary: 'SIMULATED networks only: switch a scenario (outage, slow, rate-limited, garbage, price-spike, lose-jobs) on or off for a network (admin).',
  })
  @ApiContract({
    body: scenarioBody,
    responses: { 200: { description: 'The scenario switched; what is active now and the fault plan.', schema: scenarioSetSchema } },
    errors: [404],
  })
  set(@Body() body: unknown) {
    return this.scenarios.set(parseOrProblem(scenarioBody, body));
  }
}
