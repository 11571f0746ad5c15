// The dashboard's size budget: the build fails when what a first visit downloads (gzip) grows past it.
// Budget: 50 KiB gzip for all JS + CSS + HTML together (Preact ≈ 5 KiB, uPlot ≈ 21 KiB, the app the rest).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const BUDGET_GZIP_BYTES = 50 * 1024;
const dist = path.resolve(import.meta.dirname, '..', 'dist');

export function measure(dir = dist) {
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|css|html)$/.test(e.name)) {
        const raw = fs.readFileSync(p);
        files.push({ file: path.relative(dir, p), bytes: raw.length, gzip: zlib.gzipSync(raw, { level: 9 }).length });
      }
    }
  };
  walk(dir);
  return { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}

if (process.argv[1] === import.meta.filename) {
  const m = measure();
  for (const f of m.files) console.log(`  ${f.file}: ${f.bytes} B, ${f.gzip} B gzip`);
  console.log(`dashboard: ${m.bytes} B, ${m.gzip} B gzip (budget ${BUDGET_GZIP_BYTES} B gzip)`);
  if (m.gzip > BUDGET_GZIP_BYTES) {
    console.error(`dashboard bundle is over its size budget: ${m.gzip} B gzip > ${BUDGET_GZIP_BYTES} B`);
    process.exit(1);
  }
}
