import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FxService } from './fx.service';

@ApiTags('pricing')
@Controller('v1/fx')
export class FxController {
  constructor(private readonly fx: FxService) {}

  @Get()
  @ApiOperation({ summary: 'Current token→USD quotes with their sources, publish times, confidence, spread and staleness.' })
  current() {
    return { simulated: this.fx.simulated, ...this.fx.details() };
  }
}
