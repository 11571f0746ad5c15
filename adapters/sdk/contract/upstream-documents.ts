// Finds the networks' published API documents for contract tests. They live beside the repository in
// ../shared/upstream (CI has them); the project never reads them at run time. When a document is absent the
// contract test skips and says why, rather than failing a checkout that has no copy.
import fs from 'node:fs';
import path from 'node:path';

export type UpstreamDocumentLookup = { available: true; file: string; document: unknown } | { available: false; file: string; reason: string };

/** The folder holding the upstream documents: UPSTREAM_DOCS_DIR, else ../shared/upstream from the repository root. */
export function upstreamDocumentsDir(repoRoot = process.cwd()): string {
  return process.env.UPSTREAM_DOCS_DIR ?? path.resolve(repoRoot, '../shared/upstream');
}

/** Reads `name` (e.g. "bacalhau-swagger.json") from the upstream documents folder, or says why it cannot. */
export function loadUpstreamDocument(name: string, repoRoot?: string): UpstreamDocumentLookup {
  const file = path.join(upstreamDocumentsDir(repoRoot), name);
  if (!fs.existsSync(file)) {
    return {
      available: false,
      file,
      reason: `upstream document ${file} is absent (the contract tests read the networks' own API documents from ../shared/upstream, which CI provides; set UPSTREAM_DOCS_DIR to point elsewhere)`,
    };
  }
  return { available: true, file, document: JSON.parse(fs.readFileSync(file, 'utf8')) };
}

/**
 * Loads every named document; when any is absent, prints the reason once (so a skipped contract suite is never
 * silent) and returns undefined. Use: `const docs = upstreamDocumentsOrSkip([...]); (docs ? describe : describe.skip)(…)`.
 */
export function upstreamDocumentsOrSkip(names: string[], repoRoot?: string): Record<string, unknown> | undefined {
  const found: Record<string, unknown> = {};
  for (const name of names) {
    const lookup = loadUpstreamDocument(name, repoRoot);
    if (!lookup.available) {
      process.stderr.write(`contract test SKIPPED: ${lookup.reason}\n`);
      return undefined;
    }
    found[name] = lookup.document;
  }
  return found;
}
