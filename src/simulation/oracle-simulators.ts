// The simulation wiring for FX: the built-in oracle simulators (Solana RPC, Hermes, EVM RPC on loopback) that the
// FX runtime starts when no oracle endpoint is configured. Handed to PricingModule.forRoot by the app module, so
// that pricing itself never imports a simulator (ARCHITECTURE.md, "simulators-only-through-simulation-wiring").
export { startOracleSimulators } from '../pricing/fx/simulators';
