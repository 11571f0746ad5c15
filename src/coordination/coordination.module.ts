import { Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from '../common/clock';
import { ChangeFeed } from './change-feed';
import { LeaderLock } from './leader-lock';

/** What the replicas share (change feed, leader lock) and the clock their worker loops read (CLOCK). */
@Global()
@Module({ providers: [ChangeFeed, LeaderLock, { provide: CLOCK, useValue: systemClock }], exports: [ChangeFeed, LeaderLock, CLOCK] })
export class CoordinationModule {}
