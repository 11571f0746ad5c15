import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiContract } from '../common/api-contract';
import { fxCurrentSchema } from './fx.schemas';
import { FxService } from './fx.service';

@ApiTags('pricing')
@Controller('v1/fx')
export class FxController {
  constructor(private readonly fx: FxService) {}

  @Get()
  @ApiOperation({ summary: 'Current token→USD quotes with their sources, publish times, confidence, spread and staleness.' })
  @ApiContract({
    responses: { 200: { description: 'Quotes per asset, the assets without one, and the oracle feeds with their evidence.', schema: fxCurrentSchema } },
  })
  current() {
    return { simulated: this.fx.simulated, ...this.fx.details() };
  }
}
