import axios from 'axios';
import type { FaultPlan, FaultPlanInput } from './fault-plan';

export interface SimStats {
  simulator: string;
  requests: Record<string, number>;
  submissions: Record<string, number>;
}

/** Talks to a running simulator's control API (`/__sim/*`) over HTTP, as tests and the demo do. */
export class SimulatorControl {
  constructor(readonly controlUrl: string) {}

  async setFaults(plan: FaultPlanInput): Promise<FaultPlan> {
    return (await axios.put<FaultPlan>(`${this.controlUrl}/__sim/faults`, plan)).data;
  }

  async clearFaults(): Promise<void> {
    await this.setFaults({});
  }

  async stats(): Promise<SimStats> {
    return (await axios.get<SimStats>(`${this.controlUrl}/__sim/stats`)).data;
  }

  async submissionsFor(key: string): Promise<number> {
    return (await this.stats()).submissions[key] ?? 0;
  }
}
