// A small state file next to the key: which leases this agent had started, so that after a crash or
// restart it can tell the coordinator they are gone instead of leaving them to time out silently.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface AgentStateFile {
  nodeId: string;
  coordinatorUrl: string;
  leases: Array<{ leaseId: string; startedAt: string; pid?: number }>;
}

export const defaultStatePath = (keyFile: string) => path.join(path.dirname(keyFile), 'switchyard-agent.state.json');

export async function readAgentState(file: string): Promise<AgentStateFile | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as AgentStateFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a file. */
export async function writeAgentState(file: string, state: AgentStateFile): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(state, null, 2), { mode: 0o600 });
  await fs.rename(tmp, file);
}
