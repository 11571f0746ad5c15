import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireScope } from '../accounts/access.decorators';
import { parseOrProblem } from '../common/zod-body';
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
  list() {
    return this.scenarios.list();
  }

  @Post('scenarios')
  @HttpCode(200)
  @ApiOperation({ summary: 'SIMULATED networks only: switch a scenario (outage, slow, rate-limited, garbage, price-spike, lose-jobs) on or off for a network (admin).' })
  set(@Body() body: unknown) {
    return this.scenarios.set(parseOrProblem(scenarioBody, body));
  }
}
