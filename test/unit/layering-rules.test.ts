/**
 * The layering rules in biome.json, shown to bite: a small tree with one file breaking each rule
 * (and files that keep to them) is linted with the project's own configuration, and exactly the
 * breaking files are reported, each by the rule it breaks.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/collections';

const CYCLE = 'lint/suspicious/noImportCycles';
const RESTRICTED = 'lint/style/noRestrictedImports';

/** Path → source; the expected rule for each file that breaks one, null for files that keep to them. */
const TREE: Record<string, { source: string; breaks: string | null }> = {
  'renderer/app/app.ts': {
    source: "import { home } from '../screens/home/home';\nexport const app = home;\n",
    breaks: null,
  },
  'renderer/screens/home/home.ts': {
    source: "import { ok } from '../../lib/ok';\nexport const home = ok;\n",
    breaks: null,
  },
  'renderer/screens/study/own.ts': { source: 'export const own = 1;\n', breaks: null },
  'renderer/screens/study/fine.ts': {
    source:
      "import { ok } from '../../lib/ok';\nimport { own } from './own';\nimport { chart } from '../../charts/chart';\nexport const fine = ok + own + chart;\n",
    breaks: null,
  },
  'renderer/lib/ok.ts': { source: 'export const ok = 1;\n', breaks: null },
  'renderer/charts/chart.ts': { source: "import { ok } from '../lib/ok';\nexport const chart = ok;\n", breaks: null },
  'renderer/screens/study/sibling-screen.ts': {
    source: "import { home } from '../home/home';\nexport const s = home;\n",
    breaks: RESTRICTED,
  },
  'renderer/screens/study/app-shell.ts': {
    source: "import { app } from '../../app/app';\nexport const s = app;\n",
    breaks: RESTRICTED,
  },
  'renderer/lib/imports-screen.ts': {
    source: "import { home } from '../screens/home/home';\nexport const l = home;\n",
    breaks: RESTRICTED,
  },
  'renderer/charts/imports-screen.ts': {
    source: "import { home } from '../screens/home/home';\nexport const c = home;\n",
    breaks: RESTRICTED,
  },
  'renderer/lib/imports-core.ts': {
    source: "import { Collection } from '../../electron/core/collection';\nexport const l = Collection;\n",
    breaks: RESTRICTED,
  },
  'renderer/lib/imports-node.ts': {
    source: "import { readFileSync } from 'node:fs';\nexport const l = readFileSync;\n",
    breaks: RESTRICTED,
  },
  'renderer/lib/imports-electron.ts': {
    source: "import { app } from 'electron';\nexport const l = app;\n",
    breaks: RESTRICTED,
  },
  'electron/core/imports-web-host.ts': {
    source: "import { startWebHost } from '../web/web-host';\nexport const c = startWebHost;\n",
    breaks: RESTRICTED,
  },
  'electron/core/imports-electron.ts': {
    source: "import { app } from 'electron';\nexport const c = app;\n",
    breaks: RESTRICTED,
  },
  'electron/web/web-host.ts': { source: 'export const startWebHost = 1;\n', breaks: null },
  'electron/core/collection.ts': { source: 'export const Collection = 1;\n', breaks: null },
  'electron/main.ts': { source: "import { app } from 'electron';\nexport const main = app;\n", breaks: null },
  'shared/imports-renderer.ts': {
    source: "import { ok } from '../renderer/lib/ok';\nexport const s = ok;\n",
    breaks: RESTRICTED,
  },
  // a cycle of type-only imports is a cycle too: the layers stay readable whatever the compiler drops
  'renderer/lib/cycle-a.ts': {
    source: "import type { B } from './cycle-b';\nexport type A = { b?: B };\n",
    breaks: CYCLE,
  },
  'renderer/lib/cycle-b.ts': {
    source: "import type { A } from './cycle-a';\nexport type B = { a?: A };\n",
    breaks: CYCLE,
  },
};

interface Diagnostic {
  category: string;
  location: { path: string };
}

function lintTree(): Map<string, Set<string>> {
  const dir = tempDir('cue-layering-');
  for (const [path, { source }] of Object.entries(TREE)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  // the project's configuration as it is, but for what this tree lacks: a git repository and test fixtures
  const config = JSON.parse(readFileSync(join(REPO_ROOT, 'biome.json'), 'utf8'));
  config.$schema = undefined;
  config.vcs = { enabled: false };
  config.files = { includes: ['**'] };
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  const biome = join(REPO_ROOT, 'node_modules', '.bin', 'biome');
  const run = spawnSync(biome, ['lint', '--reporter=json', '--max-diagnostics=none', '.'], {
    cwd: dir,
    encoding: 'utf8',
  });
  const report = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
  const found = new Map<string, Set<string>>();
  for (const diagnostic of report.diagnostics) {
    const file = diagnostic.location.path.replace(/^\.\//, '');
    if (!found.has(file)) found.set(file, new Set());
    found.get(file)?.add(diagnostic.category);
  }
  return found;
}

describe('the layering rules', () => {
  const found = lintTree();

  for (const [path, { breaks }] of Object.entries(TREE)) {
    it(breaks ? `report ${path} (${breaks.split('/').pop()})` : `let ${path} be`, () => {
      if (breaks) expect([...(found.get(path) ?? [])]).toContain(breaks);
      else expect([...(found.get(path) ?? [])]).toEqual([]);
    });
  }
});
