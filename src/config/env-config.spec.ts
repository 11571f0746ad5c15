import { z } from 'zod';
import { loadAccountsConfig } from '../accounts/accounts.config';
import { loadNodesConfig } from '../nodes/nodes.config';
import { resolvePricingConfig } from '../pricing/pricing.config';
import { hyperscalerReferenceConfig } from '../pricing/hyperscaler-reference.config';
import { loadSimulationConfig } from '../simulation/simulation.config';
import { ConfigError, loadAppConfig } from './app-config';
import { declaredBy, EnvProblem, parseEnv } from './env-config';

// What an operator sees from each feature's settings parser: empty strings count as unset, foreign variables are
// ignored, and every problem names its variable under a title that names the feature.
describe('the settings parsers', () => {
  const sim = (env: Record<string, string>) => loadSimulationConfig({ env, networks: [], simulation: { seed: 1, simulators: 'auto' } });

  it('treat an empty variable as unset (its default applies)', () => {
    expect(loadAppConfig({ PORT: '' }).http.port).toBe(loadAppConfig({}).http.port);
    expect(loadNodesConfig({ NODES_LEASE_TTL_MS: '' }).leaseTtlMs).toBe(60_000);
    expect(loadAccountsConfig({ RATE_LIMIT_PER_MINUTE: '' }).rateLimitPerMinute).toBe(600);
    expect(sim({ DEMO_AGENTS: '' }).demoAgents).toBe(3);
    expect(resolvePricingConfig({ FX_REFRESH_S: '' }).refreshS).toBe(resolvePricingConfig({}).refreshS);
  });

  it('name each bad variable under the feature title', () => {
    expect(() => loadNodesConfig({ NODES_LEASE_TTL_MS: '-1', NODES_ENROLMENT: 'maybe' })).toThrow(
      /^Invalid node coordinator configuration:\n {2}- NODES_ENROLMENT: .+\n {2}- NODES_LEASE_TTL_MS: .+$/,
    );
    expect(() => loadAccountsConfig({ RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/^Invalid accounts configuration:\n {2}- RATE_LIMIT_PER_MINUTE: .+$/);
    expect(() => sim({ DEMO_AGENTS: '99' })).toThrow(/^Invalid demo configuration:\n {2}- DEMO_AGENTS: .+$/);
    expect(() => resolvePricingConfig({ FX_REFRESH_S: 'soon', FX_TIMEOUT_MS: 'later' })).toThrow(
      /^Invalid pricing configuration: FX_REFRESH_S: .+; FX_TIMEOUT_MS: .+$/,
    );
    expect(() => hyperscalerReferenceConfig({ HYPERSCALER_REFERENCE_MAX_AGE_DAYS: '' })).toThrow(
      /^Invalid configuration: HYPERSCALER_REFERENCE_MAX_AGE_DAYS .+$/,
    );
    let error: unknown;
    try {
      loadAppConfig({ PORT: 'eighty', ROLE: 'boss' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^PORT="eighty": /), expect.stringMatching(/^ROLE="boss": /)]);
  });

  it('read only their own variables', () => {
    expect(() => loadNodesConfig({ DEMO_AGENTS: '99', RATE_LIMIT_PER_MINUTE: '0' })).not.toThrow();
    expect(() => loadAccountsConfig({ NODES_LEASE_TTL_MS: '-1' })).not.toThrow();
    expect(() => sim({ NODES_LEASE_TTL_MS: '-1' })).not.toThrow();
  });
});

describe('parseEnv', () => {
  const schema = z.object({ A_PORT: z.coerce.number().int().min(1).default(80), A_NAME: z.string().min(2).optional() });
  const fail = (problems: EnvProblem[]) => new Error(JSON.stringify(problems));

  it('reads owned, non-empty variables and reports each bad one with its value', () => {
    expect(parseEnv(schema, { A_PORT: '', A_NAME: 'ok', B: 'x' }, { owns: declaredBy(schema), fail })).toEqual({ A_PORT: 80, A_NAME: 'ok' });
    expect(() => parseEnv(schema, { A_PORT: '0', A_NAME: 'x' }, { fail })).toThrow(
      JSON.stringify([
        { key: 'A_PORT', value: '0', message: 'Too small: expected number to be >=1' },
        { key: 'A_NAME', value: 'x', message: 'Too small: expected string to have >=2 characters' },
      ]),
    );
    expect(() => parseEnv(schema, { A_PORT: '' }, { keepEmpty: true, fail })).toThrow(/"key":"A_PORT","value":""/);
  });
});
