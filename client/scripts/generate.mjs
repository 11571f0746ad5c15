// Regenerates src/schema.d.ts from a running service's /docs/json (SWITCHYARD_URL, default
// http://127.0.0.1:3000) or from a saved document given as the first argument.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { typesFromDocument } = require('./types-from-document.cjs');
const here = path.dirname(fileURLToPath(import.meta.url));

const source = process.argv[2];
let document;
if (source && !/^https?:/.test(source)) document = JSON.parse(fs.readFileSync(source, 'utf8'));
else {
  const url = source ?? `${(process.env.SWITCHYARD_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '')}/docs/json`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  document = await res.json();
}
const out = path.join(here, '..', 'src', 'schema.d.ts');
fs.writeFileSync(out, await typesFromDocument(document));
console.log(`wrote ${path.relative(process.cwd(), out)}`);
