// The node key on disk, in the Solana CLI format (a JSON array of the 64 secret-key bytes), mode 0600.
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { generateKeypair, keypairFromSecretKey, NodeKeypair } from '../nodes/protocol/node-keys';

/** Creates a new key file; refuses to overwrite an existing one (a node's identity is its key). */
export async function createKeypairFile(file: string): Promise<NodeKeypair> {
  const keypair = generateKeypair();
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  let handle;
  try {
    handle = await fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${file} already exists: refusing to overwrite a node key`, { cause: err });
    throw err;
  }
  try {
    await handle.writeFile(JSON.stringify(Array.from(keypair.secretKey)));
  } finally {
    await handle.close();
  }
  return keypair;
}

export async function readKeypairFile(file: string): Promise<NodeKeypair> {
  const stat = await fs.stat(file);
  if ((stat.mode & 0o077) !== 0) throw new Error(`${file} is readable by others (mode ${(stat.mode & 0o777).toString(8)}): chmod 600 it`);
  let bytes: unknown;
  try {
    bytes = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    // JSON.parse quotes the text around the fault, which here is the secret key itself.
    throw new Error(`${file} is not a Solana keypair file (not valid JSON)`);
  }
  if (!Array.isArray(bytes) || !bytes.every((b) => Number.isInteger(b) && b >= 0 && b < 256)) throw new Error(`${file} is not a Solana keypair file`);
  return keypairFromSecretKey(Uint8Array.from(bytes as number[]));
}
