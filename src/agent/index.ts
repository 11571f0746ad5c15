// The worker agent's programmatic API (the CLI is cli.ts).
export { AGENT_VERSION, registerNode, startAgent } from './agent';
export type { AgentHandle, AgentLogger, AgentOptions, RegisterOptions } from './agent';
export { ProcessExecutor } from './executors/process-executor';
export { DockerExecutor, buildDockerRunArgs } from './executors/docker-executor';
export type { Executor, RunningJob } from './executors/executor';
export { parseGpuOverride, parseNvidiaSmi, readNvidiaSmi } from './gpu-inventory';
export { createKeypairFile, readKeypairFile } from './keypair-file';
export type { ChallengeProver } from './provers/prover';
export { CpuDemoProver } from './provers/cpu-demo-prover';
export { TorchProver, gpuProverScript } from './provers/torch-prover';
