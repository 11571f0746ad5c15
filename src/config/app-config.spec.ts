import { ConfigError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('starts with no configuration at all', () => {
    const config = loadAppConfig({});
    expect(config.http.port).toBe(8080);
    expect(config.role).toBe('all');
    expect(config.database.url).toBeUndefined();
    expect(config.networks).toEqual(['akash', 'render', 'filecoin', 'native', '@switchyard/plugin-ionet']);
  });

  it('names every bad variable and why in one error', () => {
    let error: unknown;
    try {
      loadAppConfig({ PORT: 'abc', DATABASE_URL: 'mysql://nope', ROLE: 'boss' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT="abc"');
    expect(message).toContain('DATABASE_URL="mysql://nope"');
    expect(message).toContain('postgres://');
    expect(message).toContain('ROLE="boss"');
    expect((error as ConfigError).problems).toHaveLength(3);
  });

  it('never repeats a database password in its error', () => {
    let message = '';
    try {
      loadAppConfig({ DATABASE_URL: 'mysql://app:hunter2@db.internal/switchyard' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('DATABASE_URL="mysql://db.internal/…"');
    expect(message).not.toContain('hunter2');
  });

  it('takes a simulated job failure rate between 0 and 1', () => {
    expect(loadAppConfig({ SIM_JOB_FAILURE_RATE: '0' }).simulation.jobFailureRate).toBe(0);
    expect(loadAppConfig({}).simulation.jobFailureRate).toBeUndefined();
    expect(() => loadAppConfig({ SIM_JOB_FAILURE_RATE: '1.5' })).toThrow('SIM_JOB_FAILURE_RATE="1.5": must be between 0 and 1');
  });

  it('takes a whole-number supply scale for the simulated networks, 1 unless told', () => {
    expect(loadAppConfig({}).simulation.supplyScale).toBe(1);
    expect(loadAppConfig({ SIM_SUPPLY_SCALE: '16' }).simulation.supplyScale).toBe(16);
    expect(() => loadAppConfig({ SIM_SUPPLY_SCALE: '0' })).toThrow('SIM_SUPPLY_SCALE="0": must be at least 1');
    expect(() => loadAppConfig({ SIM_SUPPLY_SCALE: '2.5' })).toThrow('SIM_SUPPLY_SCALE="2.5": must be a whole number');
  });

  it('parses lists and booleans', () => {
    const config = loadAppConfig({ NETWORKS: 'akash, ./plugins/x.js', MIGRATIONS_RUN: 'false', DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' });
    expect(config.networks).toEqual(['akash', './plugins/x.js']);
    expect(config.database.migrationsRun).toBe(false);
    expect(config.database.url).toBe('postgres://u@127.0.0.1:5432/db');
  });
});
