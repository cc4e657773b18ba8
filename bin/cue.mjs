#!/usr/bin/env node
// The `cue` command: runs the bundled CLI (built by `npm run build`, which `npm install` runs).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/electron/cli.cjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('cue: Cue is not built yet. Run "npm run build" in its folder first.\n');
  process.exit(1);
}
createRequire(import.meta.url)(cli);
