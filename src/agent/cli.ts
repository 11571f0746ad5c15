#!/usr/bin/env node
// switchyard-agent: init | register | run | id. Keeps its key (and a small state file) in one directory.
//   switchyard-agent init     [--key ~/.switchyard/node.json]
//   switchyard-agent register --coordinator URL --price 0.45 [--asset USD] --wallet <solana address>
//                             [--code <enrolment code>] [--name NAME] [--gpus "NVIDIA RTX 4090:24:2"] [--executor docker|process]
//   switchyard-agent run      --coordinator URL [--gpus ...] [--executor docker|process] [--prover torch|cpu-demo|none]
//   switchyard-agent id       prints the node id (the base58 public key)
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AGENT_VERSION, registerNode, startAgent } from './agent';
import { defaultStatePath } from './agent-state';
import { DockerExecutor } from './executors/docker-executor';
import type { Executor } from './executors/executor';
import { ProcessExecutor } from './executors/process-executor';
import { parseGpuOverride, readNvidiaSmi } from './gpu-inventory';
import { createKeypairFile, readKeypairFile } from './keypair-file';
import { CpuDemoProver } from './provers/cpu-demo-prover';
import type { ChallengeProver } from './provers/prover';
import { TorchProver } from './provers/torch-prover';

const USAGE = `usage: switchyard-agent <init|register|run|id> [options]
  --key PATH            key file (default ~/.switchyard/node.json, or SWITCHYARD_AGENT_KEY)
  --coordinator URL     coordinator base URL (or SWITCHYARD_COORDINATOR_URL)
  --gpus SPEC           "model:vramGb:count[,...]" instead of nvidia-smi
  --executor KIND       docker (default) or process (runs job commands on this host, unisolated)
  --prover KIND         proof-of-GPU prover (run): torch (default; python3 with PyTorch and CUDA, or SWITCHYARD_PYTHON),
                        cpu-demo (passes only a simulated network's CPU-sized challenges), none (cannot be verified)
  --price AMOUNT        asking price per GPU-hour (register)
  --asset ASSET         USD (default) or a token such as USDC (register)
  --wallet ADDRESS      Solana payout wallet (register)
  --code CODE           enrolment code from the coordinator's operator (register)
  --name NAME           a name for this node (register)`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      key: { type: 'string' },
      coordinator: { type: 'string' },
      gpus: { type: 'string' },
      executor: { type: 'string', default: 'docker' },
      prover: { type: 'string', default: 'torch' },
      price: { type: 'string' },
      asset: { type: 'string', default: 'USD' },
      wallet: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const keyFile = path.resolve(values.key ?? process.env.SWITCHYARD_AGENT_KEY ?? path.join(os.homedir(), '.switchyard', 'node.json'));
  const coordinator = values.coordinator ?? process.env.SWITCHYARD_COORDINATOR_URL;
  const executorKind = values.executor === 'process' ? 'process' : values.executor === 'docker' ? 'docker' : undefined;
  if (!executorKind) throw new Error(`--executor must be docker or process, not ${values.executor}`);
  const inventory = async () => (values.gpus ? parseGpuOverride(values.gpus) : readNvidiaSmi());

  switch (command) {
    case 'init': {
      const kp = await createKeypairFile(keyFile);
      console.log(`node id ${kp.nodeId}\nkey written to ${keyFile} (mode 0600; back it up: it is this node's identity)`);
      return 0;
    }
    case 'id': {
      console.log((await readKeypairFile(keyFile)).nodeId);
      return 0;
    }
    case 'register': {
      if (!coordinator || !values.price || !values.wallet) throw new Error('register needs --coordinator, --price and --wallet');
      const result = await registerNode({
        coordinatorUrl: coordinator,
        keypair: await readKeypairFile(keyFile),
        gpus: await inventory(),
        executor: executorKind,
        price: { amount: values.price, asset: values.asset ?? 'USD' },
        payoutWallet: values.wallet,
        enrolmentCode: values.code,
        name: values.name,
      });
      console.log(`${result.created ? 'registered' : 'already registered'}: node ${result.nodeId} (${result.state}); now run \`switchyard-agent run\``);
      return 0;
    }
    case 'run': {
      if (!coordinator) throw new Error('run needs --coordinator');
      const executor: Executor = executorKind === 'process' ? new ProcessExecutor() : new DockerExecutor();
      if (executorKind === 'process') console.warn('warning: the process executor runs job commands directly on this host, without isolation');
      const prover = await startProver(values.prover ?? 'torch');
      const agent = await startAgent({
        coordinatorUrl: coordinator,
        keypair: await readKeypairFile(keyFile),
        inventory,
        executor,
        prover,
        stateFile: defaultStatePath(keyFile),
        agentVersion: AGENT_VERSION,
      });
      console.log(
        `switchyard-agent ${AGENT_VERSION} running as node ${agent.nodeId} against ${coordinator}; prover: ${prover?.description ?? 'none (this node cannot pass a challenge)'}`,
      );
      await new Promise<void>((resolve) => {
        const stop = () =>
          void agent
            .stop()
            .then(() => prover?.close())
            .then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

/** The prover is chosen once, at start; a torch prover that cannot start (no CUDA, no PyTorch) stops the agent. */
async function startProver(kind: string): Promise<ChallengeProver | undefined> {
  switch (kind) {
    case 'torch':
      return TorchProver.start().catch((err: Error) => {
        throw new Error(`the GPU prover did not start (${err.message}); it needs python3 with PyTorch and CUDA (SWITCHYARD_PYTHON names another interpreter)`);
      });
    case 'cpu-demo':
      console.warn('warning: the CPU demo prover passes only the CPU-sized challenges of a simulated network; a real coordinator will time it out');
      return new CpuDemoProver();
    case 'none':
      console.warn('warning: no prover: this node cannot pass a verification challenge, so it will never get work');
      return undefined;
    default:
      throw new Error(`--prover must be torch, cpu-demo or none, not ${kind}`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`switchyard-agent: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}

export { main as runAgentCli };
