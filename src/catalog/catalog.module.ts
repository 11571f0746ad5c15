import { Module } from '@nestjs/common';
import { GpuCatalogController } from './gpu-catalog.controller';
import { GpuCatalogService } from './gpu-catalog.service';

@Module({
  controllers: [GpuCatalogController],
  providers: [GpuCatalogService],
  exports: [GpuCatalogService],
})
export class CatalogModule {}
