// Demo mode's native supply: a few agents started in process with simulated GPU inventories. They are real
// agents (ed25519 identity, signed and nonce-stamped requests, heartbeats, challenges, work leases) that
// enrol with a code this service issues to itself; only their GPUs and their jobs are make-believe (see
// demo-executor.ts). Their keys derive from SIM_SEED, so a restart brings back the same nodes.
import { createHash } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { AgentHandle, registerNode, startAgent } from '../agent/agent';
import { parseGpuOverride } from '../agent/gpu-inventory';
import { CpuDemoProver } from '../agent/provers/cpu-demo-prover';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MarketService } from '../nodes/market.service';
import { NodeRegistryService } from '../nodes/node-registry.service';
import { keypairFromSeed } from '../nodes/protocol/node-keys';
import { OfferSyncService } from '../pool/offer-sync.service';
import { DemoExecutor } from './demo-executor';
import { DEMO_FLEET, DemoMachine } from './demo-fleet';
import { SIMULATION_CONFIG, SimulationConfig } from './simulation.config';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export function demoKeypair(seed: number, name: string) {
  return keypairFromSeed(createHash('sha256').update(`switchyard demo agent ${seed} ${name}`).digest());
}

@Injectable()
export class DemoAgentsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('demo-agents');
  private readonly agents: AgentHandle[] = [];
  private starting?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SIMULATION_CONFIG) private readonly sim: SimulationConfig,
    private readonly sync: OfferSyncService,
    private readonly registry: NodeRegistryService,
    private readonly market: MarketService,
  ) {}

  /** The fleet this deployment runs: DEMO_AGENTS machines in demo mode, none otherwise. */
  fleet(): DemoMachine[] {
    if (!this.sim.nativeDemo || this.config.role === 'api') return [];
    return Array.from({ length: this.sim.demoAgents }, (_, i) => DEMO_FLEET[i % DEMO_FLEET.length]!);
  }

  /** Starts the fleet in the background once this service listens at `selfUrl`; never fails the boot. */
  start(selfUrl: string): void {
    const fleet = this.fleet();
    if (fleet.length === 0) return;
    this.starting = this.startFleet(selfUrl, fleet).catch((err) => this.logger.error(`demo agents did not start: ${(err as Error).message}`));
  }

  /** Resolves when the fleet has started (or failed to); for tests and the CLI. */
  ready(): Promise<void> {
    return this.starting ?? Promise.resolve();
  }

  nodeIds(): string[] {
    return this.agents.map((a) => a.nodeId);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.starting;
    const all = this.agents.splice(0).map((a) => a.stop());
    await Promise.race([Promise.allSettled(all), new Promise((r) => setTimeout(r, STOP_TIMEOUT_MS).unref())]);
  }

  private async startFleet(selfUrl: string, fleet: DemoMachine[]): Promise<void> {
    const executor = new DemoExecutor({ secondsPerHour: this.sim.secondsPerHour, maxJobSeconds: this.sim.maxJobSeconds, failRate: this.sim.failRate });
    // DEMO ONLY: a CPU prover. It passes only because these nodes are enrolled as simulated (CPU-sized challenges).
    const prover = new CpuDemoProver();
    for (const machine of fleet) {
      if (this.stopped) return;
      const keypair = demoKeypair(this.config.simulation.seed, machine.name);
      const gpus = parseGpuOverride(machine.gpus);
      // A code only for a node this coordinator does not know yet (a restart on the same data reuses the node).
      const known = await this.registry.get(keypair.nodeId).then(
        () => true,
        () => false,
      );
      // A simulated code: the coordinator gives the node CPU-sized challenges, which the CPU demo prover passes.
      const code = known ? undefined : (await this.registry.issueEnrolmentCode(`built-in demo agent ${machine.name}`, { simulated: true })).code;
      await registerNode({
        coordinatorUrl: selfUrl,
        keypair,
        gpus,
        executor: 'process',
        price: { amount: machine.price, asset: 'USD' },
        payoutWallet: demoKeypair(this.config.simulation.seed, `${machine.name} payout`).nodeId,
        enrolmentCode: code,
        name: machine.name,
      });
      const agent = await startAgent({
        coordinatorUrl: selfUrl,
        keypair,
        inventory: () => gpus,
        executor,
        prover,
        pollWaitSeconds: 10,
        logFlushMs: 500,
        backoff: { initialMs: 250, maxMs: 5_000 },
        logger: this.agentLogger(machine.name),
      });
      this.agents.push(agent);
      this.logger.warn(
        `DEMO agent (simulated GPUs) ${machine.name} (${keypair.nodeId}): ${gpus.length}× ${gpus[0]!.model} at $${machine.price}/GPU-hour; its jobs run a harmless placeholder, not your command`,
      );
    }
    await this.publishWhenVerified();
  }

  /** Waits until the agents have passed their challenge and are rentable, then syncs the native network at once. */
  private async publishWhenVerified(): Promise<void> {
    const ids = new Set(this.nodeIds());
    const until = Date.now() + READY_TIMEOUT_MS;
    while (!this.stopped && Date.now() < until) {
      const listed = new Set((await this.market.offers()).offers.map((o) => o.nodeId));
      if ([...ids].every((id) => listed.has(id))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (this.stopped || this.config.role === 'api' || !this.config.workers.sync) return;
    const outcome = await this.sync.syncNow('native');
    this.logger.log(
      `demo agents are rentable; native offers synced (${outcome.ok ? `${outcome.offers ?? 0} offers` : `failed: ${outcome.error ?? 'not run'}`})`,
    );
  }

  private agentLogger(name: string) {
    const logger = new Logger(`demo-agent:${name}`);
    const fmt = (m: string, f?: Record<string, unknown>) => `DEMO agent (simulated GPUs): ${m}${f ? ` ${JSON.stringify(f)}` : ''}`;
    return {
      info: (m: string, f?: Record<string, unknown>) => logger.log(fmt(m, f)),
      warn: (m: string, f?: Record<string, unknown>) => logger.warn(fmt(m, f)),
      error: (m: string, f?: Record<string, unknown>) => logger.error(fmt(m, f)),
    };
  }
}
