// Housekeeping on every replica (each step is one conditional UPDATE/DELETE, so replicas never conflict):
// expire overdue leases, time out unanswered challenges, forget nonces older than the window.
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ChallengeService } from './challenge.service';
import { LeaseService } from './lease.service';
import { NodeAuthService } from './node-auth.service';
import { NODES_CONFIG, NodesConfig } from './nodes.config';

@Injectable()
export class NodesSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('nodes');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly leases: LeaseService,
    private readonly challenges: ChallengeService,
    private readonly auth: NodeAuthService,
    @Inject(NODES_CONFIG) private readonly config: NodesConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.sweep().finally(() => (this.running = undefined));
    }, this.config.sweepIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<void> {
    try {
      await this.leases.sweepExpired();
      await this.challenges.sweepTimeouts();
      await this.auth.pruneNonces();
    } catch (err) {
      this.logger.warn(`node sweep failed: ${(err as Error).message}`);
    }
  }
}
