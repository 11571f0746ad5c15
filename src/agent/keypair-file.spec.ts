import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Keypair } from '@solana/web3.js';
import { createKeypairFile, readKeypairFile } from './keypair-file';

describe('keypair file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sy-agent-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes a Solana CLI keypair with mode 0600 and reads it back', async () => {
    const file = path.join(dir, 'node.json');
    const kp = await createKeypairFile(file);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await readKeypairFile(file)).nodeId).toBe(kp.nodeId);
    // The file is what solana-keygen writes: web3.js reads it as the same address.
    const bytes = JSON.parse(await fs.readFile(file, 'utf8')) as number[];
    expect(Keypair.fromSecretKey(Uint8Array.from(bytes)).publicKey.toBase58()).toBe(kp.nodeId);
  });

  it('refuses to overwrite an existing key', async () => {
    const file = path.join(dir, 'node.json');
    const first = await createKeypairFile(file);
    await expect(createKeypairFile(file)).rejects.toThrow(/refusing to overwrite/);
    expect((await readKeypairFile(file)).nodeId).toBe(first.nodeId);
  });

  it('refuses a key file others can read', async () => {
    const file = path.join(dir, 'node.json');
    await createKeypairFile(file);
    await fs.chmod(file, 0o644);
    await expect(readKeypairFile(file)).rejects.toThrow(/chmod 600/);
  });

  it('says a damaged key file is damaged without quoting the secret key in it', async () => {
    const file = path.join(dir, 'node.json');
    await fs.writeFile(file, '[17,234,99,208,41,x]', { mode: 0o600 });
    const error = (await readKeypairFile(file).catch((e: Error) => e)) as Error;
    expect(error.message).toBe(`${file} is not a Solana keypair file (not valid JSON)`);
    expect(error.message).not.toMatch(/234|208/);
  });
});
