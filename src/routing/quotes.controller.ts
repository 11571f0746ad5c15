import { Body, Controller, Header, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiContract } from '../common/api-contract';
import { JOB_SPEC_EXAMPLE, jobSpecSchema } from './job-spec.schema';
import { quoteSchema } from './quote.schema';
import { QuotesService } from './quotes.service';

@ApiTags('routing')
@Controller('v1/quotes')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Dry run: the ranked candidates for a job spec, why each ranks where it does, what was dropped and why, and the estimated cost.' })
  @ApiContract({
    body: jobSpecSchema,
    bodyExample: JOB_SPEC_EXAMPLE,
    yamlBody: true,
    responses: { 200: { description: 'The ranked candidates and the estimate.', schema: quoteSchema } },
    errors: [422],
  })
  @Header('Content-Type', 'application/json; charset=utf-8')
  quote(@Body() body: unknown, @Headers('content-type') contentType: string | undefined) {
    return this.quotes.quote(body, contentType);
  }
}
