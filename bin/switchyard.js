#!/usr/bin/env node
// Launcher for the `switchyard` CLI (src/cli). It exists before `npm run build` does, so npm can link it;
// the CLI itself is the compiled dist/src/cli/main.js.
const path = require('node:path');
const fs = require('node:fs');

const main = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('switchyard: the CLI is not built yet; run `npm run build` in ' + path.resolve(__dirname, '..') + '\n');
  process.exit(1);
}
require(main)
  .buildProgram()
  .parseAsync(process.argv)
  .catch((err) => {
    process.stderr.write('Error: ' + err.message + '\n');
    process.exitCode = 1;
  });
