// The documented shapes of /v1/sim/scenarios (the OpenAPI document is generated from these), written from
// ScenarioService. A simulator's fault plan is its own (adapters/*/simulator), shown as it answers.
import { z } from 'zod';

const faultPlan = z.unknown().describe("The simulator's current fault plan as it reports it ({ error } when it could not be read).");

export const scenarioListSchema = z.object({
  scenarios: z.array(z.object({ name: z.string(), description: z.string() })),
  networks: z.array(
    z.object({
      network: z.string(),
      simulated: z.boolean(),
      active: z.array(z.string()).describe('Scenarios switched on (always empty for a real network).'),
      faults: faultPlan.nullable(),
    }),
  ),
});

export const scenarioSetSchema = z.object({
  network: z.string(),
  scenario: z.string(),
  state: z.enum(['on', 'off']),
  active: z.array(z.string()),
  faults: faultPlan,
});
