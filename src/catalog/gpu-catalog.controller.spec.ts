import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { ProblemFilter } from '../common/problem.filter';
import { CatalogModule } from './catalog.module';
import { GPU_CATALOG } from './gpu-catalog.data';
import { GpuCatalogService } from './gpu-catalog.service';

describe('GET /v1/gpus', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [CatalogModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    app.useGlobalFilters(new ProblemFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('lists the whole catalog with the public fields', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/gpus' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: Array<Record<string, unknown>> };
    expect(body.items).toHaveLength(GPU_CATALOG.length);
    const h100 = body.items.find((g) => g.id === 'nvidia-h100-sxm-80gb');
    expect(h100).toEqual({
      id: 'nvidia-h100-sxm-80gb',
      vendor: 'nvidia',
      family: 'h100',
      name: 'NVIDIA H100 SXM 80GB',
      vramGb: 80,
      memoryType: 'hbm3',
      interface: 'sxm',
      architecture: 'hopper',
      tier: 'datacenter',
      fp16Tflops: 989,
      bf16Tflops: 989,
      aliases: ['NVIDIA H100 80GB HBM3', 'H100 SXM', 'H100 SXM5'], // not "H100": that names the family
    });
    const rtx4090 = body.items.find((g) => g.id === 'nvidia-rtx-4090-24gb');
    expect(rtx4090).toMatchObject({ octaneBench: expect.any(Number), aliases: ['RTX 4090', '4090'] });
  });

  it('returns one GPU by id', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/gpus/amd-mi300x-192gb' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'amd-mi300x-192gb', vendor: 'amd', interface: 'oam', vramGb: 192 });
    // A model added because a network sells it says where it was seen.
    const p40 = (await app.inject({ method: 'GET', url: '/v1/gpus/nvidia-p40-24gb' })).json();
    expect(p40).toMatchObject({ id: 'nvidia-p40-24gb', vramGb: 24, architecture: 'pascal' });
    expect(p40.seenIn).toEqual([expect.stringMatching(/^akash-network\/provider-configs@2d04f4fe/), expect.stringMatching(/^akash-network\/awesome-akash@/)]);
  });

  it('answers an unknown id with problem+json 404 that names the closest ids', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/gpus/nvidia-h100-80gb' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toBe('No GPU "nvidia-h100-80gb" in the catalog. Did you mean nvidia-h100-sxm-80gb, nvidia-h100-pcie-80gb?');
    const typo = await app.inject({ method: 'GET', url: '/v1/gpus/rtx-4900' });
    // `rtx4900` is one edit from `rtx4090` and from Akash's `rtx4000` (Quadro RTX 4000): both are offered.
    expect(typo.json().detail).toContain('Did you mean nvidia-rtx-4090-24gb, nvidia-quadro-rtx-4000-8gb?');
  });

  it('shows both routes under the catalog tag in the OpenAPI document', () => {
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    expect(doc.paths['/v1/gpus']?.get?.tags).toEqual(['catalog']);
    expect(doc.paths['/v1/gpus/{id}']?.get?.tags).toEqual(['catalog']);
    expect(doc.components?.schemas?.GpuCatalogEntryDto).toBeDefined();
  });

  it('exports the service for other modules', () => {
    const service = app.get(GpuCatalogService);
    expect(service.resolveRequirement(['h100'])).toMatchObject({ ok: true, families: ['h100'] });
    expect(service.idsFor(['rtx-4090', 'nvidia-h100-nvl-94gb', 'nope'])).toEqual(['nvidia-rtx-4090-24gb', 'nvidia-h100-nvl-94gb']);
  });
});
