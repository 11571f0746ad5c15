// `npm run pricing:refresh-references [-- --aws <url|path> --gcp <url|path> --azure <url|path>
//   --commit-aws <sha> --commit-gcp <sha> --commit-azure <sha> --path-<cloud> <catalog path>
//   --out <path> --date YYYY-MM-DD]`
// Rewrites src/pricing/hyperscaler-reference.snapshot.ts from SkyPilot's public catalog. With no
// provider named, all three are read from raw.githubusercontent.com (needs the internet); a provider may
// instead be read from a local file (a checkout of skypilot-org/skypilot-catalog). Providers not read
// keep their rows. `--path-<cloud>` records the file's path in the catalog when a local copy comes from
// another catalog version than catalogs/v8 (e.g. catalogs/v6/azure/vms.csv). Review the diff before committing it: every price a user sees comes from this file.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import axios from 'axios';
import { HYPERSCALER_SNAPSHOT, type Hyperscaler } from './hyperscaler-reference.data';
import { renderSnapshotModule } from './hyperscaler-refresh';
import { refreshSnapshot, RefreshInput, skypilotUrl } from './hyperscaler-refresh';

const PROVIDERS: Hyperscaler[] = ['aws', 'gcp', 'azure'];

async function readText(from: string): Promise<string> {
  if (!/^https?:\/\//.test(from)) return readFile(from, 'utf8');
  const res = await axios.get<string>(from, { responseType: 'text', timeout: 120_000, maxContentLength: 200 * 1024 * 1024 });
  return res.data;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      aws: { type: 'string' },
      gcp: { type: 'string' },
      azure: { type: 'string' },
      'commit-aws': { type: 'string' },
      'commit-gcp': { type: 'string' },
      'commit-azure': { type: 'string' },
      'path-aws': { type: 'string' },
      'path-gcp': { type: 'string' },
      'path-azure': { type: 'string' },
      out: { type: 'string', default: join(process.cwd(), 'src/pricing/hyperscaler-reference.snapshot.ts') },
      date: { type: 'string', default: new Date().toISOString().slice(0, 10) },
    },
  });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date!)) throw new Error('--date must be YYYY-MM-DD');
  const named = PROVIDERS.filter((p) => values[p]);
  const wanted = named.length ? named : PROVIDERS;
  const inputs: RefreshInput[] = [];
  for (const provider of wanted) {
    const from = values[provider] ?? skypilotUrl(provider);
    process.stderr.write(`reading ${provider} from ${from}\n`);
    inputs.push({ provider, from, csv: await readText(from), commit: values[`commit-${provider}`], path: values[`path-${provider}`] });
  }
  const next = refreshSnapshot(HYPERSCALER_SNAPSHOT, inputs, values.date!);
  await writeFile(values.out!, renderSnapshotModule(next));
  process.stderr.write(`wrote ${next.rows.length} rows to ${values.out}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`pricing:refresh-references failed: ${err.message}\n`);
  process.exit(1);
});
