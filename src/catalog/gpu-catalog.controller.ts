import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { GpuCatalogEntryDto, toGpuCatalogEntry } from './gpu-catalog.dto';
import { GpuCatalogService } from './gpu-catalog.service';

export class GpuCatalogListDto {
  @ApiProperty({ type: [GpuCatalogEntryDto] })
  items!: GpuCatalogEntryDto[];
}

@ApiTags('catalog')
@Controller('v1/gpus')
export class GpuCatalogController {
  constructor(private readonly catalog: GpuCatalogService) {}

  @Get()
  @ApiOperation({ summary: 'Every canonical GPU Switchyard knows, with the ids and families a job spec accepts.' })
  @ApiOkResponse({ type: GpuCatalogListDto })
  list(): GpuCatalogListDto {
    return { items: this.catalog.all().map(toGpuCatalogEntry) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One canonical GPU by id.' })
  @ApiOkResponse({ type: GpuCatalogEntryDto })
  @ApiNotFoundResponse({ description: 'No GPU with that canonical id; the detail suggests the closest ids.' })
  get(@Param('id') id: string): GpuCatalogEntryDto {
    const gpu = this.catalog.byId(id);
    if (!gpu) throw new NotFoundException(this.notFoundDetail(id));
    return toGpuCatalogEntry(gpu);
  }

  // Not a redirect: ids are exact. The detail says what the input would have meant as a label.
  private notFoundDetail(id: string): string {
    const r = this.catalog.resolveLabel({ label: id });
    const near = r.status === 'resolved' ? [r.gpu.id] : r.status === 'ambiguous' ? r.candidates.map((g) => g.id) : this.catalog.idsFor(r.suggestions);
    const hint = near.length ? ` Did you mean ${near.join(', ')}?` : '';
    return `No GPU "${id}" in the catalog.${hint}`;
  }
}
