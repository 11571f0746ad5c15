import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ApiContract } from '../common/api-contract';
import { liveSchema, readySchema } from './networks.schemas';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up.' })
  @ApiContract({ responses: { 200: { description: 'Up.', schema: liveSchema } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ready to serve: the database answers and every migration is applied.' })
  @ApiContract({ responses: { 200: { description: 'Ready.', schema: readySchema } }, errors: [503] })
  async ready() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (err) {
      throw new ServiceUnavailableException(`database unreachable: ${(err as Error).message}`);
    }
    if (await this.dataSource.showMigrations()) throw new ServiceUnavailableException('migrations pending');
    return { status: 'ready', database: 'ok', migrations: 'applied' };
  }
}
