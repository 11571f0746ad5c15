// The native node coordinator: device registry, signed requests, heartbeats, challenges, work leases and
// the market API the native adapter calls.
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config';
import { AgentController } from './agent.controller';
import { ChallengeRepository } from './challenge.repository';
import { ChallengeService } from './challenge.service';
import { EnrolmentCodeRepository } from './enrolment-code.repository';
import { NODE_ENTITIES } from './entities';
import { LeaseRepository } from './lease.repository';
import { LeaseService } from './lease.service';
import { MarketService } from './market.service';
import { NativeMarketController } from './native-market.controller';
import { NodeAuthService } from './node-auth.service';
import { NodeRepository } from './node.repository';
import { NodeRegistryService } from './node-registry.service';
import { NodeSignatureGuard } from './node-signature.guard';
import { NodesClock } from './nodes.clock';
import { loadNodesConfig, NODES_CONFIG } from './nodes.config';
import { NodesController } from './nodes.controller';
import { NodesSweeper } from './nodes.sweeper';
import { ProtocolController } from './protocol.controller';
import { RawBodyCapture } from './raw-body.capture';

@Module({})
export class NodesModule {
  static forRoot(config: Pick<AppConfig, 'env'>): DynamicModule {
    return {
      module: NodesModule,
      imports: [TypeOrmModule.forFeature(NODE_ENTITIES)],
      controllers: [ProtocolController, AgentController, NodesController, NativeMarketController],
      providers: [
        { provide: NODES_CONFIG, useValue: loadNodesConfig(config.env) },
        NodesClock,
        RawBodyCapture,
        NodeRepository,
        EnrolmentCodeRepository,
        ChallengeRepository,
        LeaseRepository,
        NodeAuthService,
        NodeSignatureGuard,
        ChallengeService,
        NodeRegistryService,
        LeaseService,
        MarketService,
        NodesSweeper,
      ],
      exports: [LeaseService, MarketService, NodeRegistryService],
    };
  }
}
