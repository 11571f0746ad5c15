import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JobsService } from '../jobs/jobs.service';

@ApiTags('routing')
@Controller('v1/quotes')
export class QuotesController {
  constructor(private readonly jobs: JobsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Dry run: the ranked candidates for a job spec, why each ranks where it does, what was dropped and why, and the estimated cost.' })
  @ApiBody({ description: 'The public job spec (v1), or an Akash SDL as application/yaml.', schema: { type: 'object' } })
  quote(@Body() body: unknown, @Headers('content-type') contentType: string | undefined) {
    return this.jobs.quote(body, contentType);
  }
}
