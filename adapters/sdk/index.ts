// @switchyard/adapter-sdk: the contract, errors, HTTP helpers and simulator kit for network adapters.
export * from './contract';
export * from './errors';
export * from './http-client';
export * from './upstream-schema';
export * from './simulator/fault-plan';
export * from './simulator/seeded-random';
export * from './simulator/sim-server';
export * from './simulator/sim-control';
export * from './simulator/supply-scale';
export * from './contract/index';
