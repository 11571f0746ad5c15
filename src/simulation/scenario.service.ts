// Switches scenarios on and off for simulated networks while the service runs, by setting the merged
// fault plan on the network's simulator. State lives in this process and in the simulators (which also
// live in this process), so it is lost on restart, as the simulated world itself is.
import { Injectable, Logger } from '@nestjs/common';
import axios from 'axios';
import { SimulatorControl } from '../../adapters/sdk';
import { ProblemException, validationProblem } from '../common/problem';
import { NetworkHandle, NetworkRegistry } from '../plugins/network-registry';
import { isScenarioName, mergedPlan, SCENARIO_NAMES, ScenarioName, SCENARIOS } from './scenarios';

@Injectable()
export class ScenarioService {
  private readonly logger = new Logger('scenarios');
  private readonly active = new Map<string, Set<ScenarioName>>();

  constructor(private readonly registry: NetworkRegistry) {}

  /** The admin API exists only in a deployment that simulates at least one network. */
  available(): boolean {
    return this.simulated().length > 0;
  }

  async list() {
    this.requireAvailable();
    return {
      scenarios: SCENARIO_NAMES.map((name) => ({ name, description: SCENARIOS[name].description })),
      networks: await Promise.all(
        this.registry.list().map(async (h) => ({
          network: h.id,
          simulated: h.simulated,
          active: h.simulated ? [...(this.active.get(h.id) ?? [])] : [],
          faults: h.simulated && h.simulatorControlUrl ? await this.currentFaults(h.simulatorControlUrl) : null,
        })),
      ),
    };
  }

  async set(input: { network: string; scenario: string; state: 'on' | 'off' }) {
    this.requireAvailable();
    const handle = this.registry.get(input.network);
    if (!handle) throw new ProblemException(404, 'not-found', 'Not found', `Network ${input.network} is not loaded (see NETWORKS).`);
    if (!handle.simulated || !handle.simulatorControlUrl) {
      throw new ProblemException(
        409,
        'network-not-simulated',
        'Network not simulated',
        `${input.network} talks to a real endpoint; scenarios apply only to simulated networks (${this.simulated()
          .map((h) => h.id)
          .join(', ')}).`,
      );
    }
    if (!isScenarioName(input.scenario)) throw validationProblem([{ field: 'scenario', reason: `must be one of ${SCENARIO_NAMES.join(', ')}` }]);
    const set = this.active.get(handle.id) ?? new Set<ScenarioName>();
    if (input.state === 'on') set.add(input.scenario);
    else set.delete(input.scenario);
    this.active.set(handle.id, set);
    const faults = await new SimulatorControl(handle.simulatorControlUrl).setFaults(mergedPlan(handle.id, set));
    this.logger.warn(`SIMULATED scenario ${input.scenario} ${input.state} for ${handle.id}; active now: ${[...set].join(', ') || 'none'}`);
    return { network: handle.id, scenario: input.scenario, state: input.state, active: [...set], faults };
  }

  private simulated(): NetworkHandle[] {
    return this.registry.list().filter((h) => h.simulated);
  }

  private requireAvailable(): void {
    if (!this.available())
      throw new ProblemException(404, 'not-found', 'Not found', 'No network is simulated in this deployment, so there are no simulation scenarios.');
  }

  private async currentFaults(controlUrl: string): Promise<unknown> {
    try {
      return (await axios.get(`${controlUrl}/__sim/faults`, { timeout: 5_000 })).data;
    } catch (err) {
      return { error: (err as Error).message };
    }
  }
}
