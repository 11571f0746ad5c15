// What the networks view needs to know about the built-in demo agents, owned here so that health does not import
// the simulation: SimulationModule binds DEMO_FLEET to its demo agents; without it there is no demo fleet.
export interface DemoFleet {
  /** Node ids of the demo agents running in this process (empty: none). */
  nodeIds(): string[];
}

export const DEMO_FLEET = Symbol('DEMO_FLEET');
