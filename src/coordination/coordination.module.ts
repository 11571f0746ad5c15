import { Global, Module } from '@nestjs/common';
import { ChangeFeed } from './change-feed';
import { LeaderLock } from './leader-lock';

@Global()
@Module({ providers: [ChangeFeed, LeaderLock], exports: [ChangeFeed, LeaderLock] })
export class CoordinationModule {}
