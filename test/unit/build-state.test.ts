/**
 * When `npm start` builds again (scripts/build-state.mjs): a build is stale when an output is missing or
 * anything it is built from changed after it, down to a file deep in a source folder. Real files in a
 * temporary checkout, their modification times set by hand.
 */
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_INPUTS, BUILD_OUTPUTS, staleBuildReason } from '../../scripts/build-state.mjs';
import { tempDir } from '../helpers/collections';

const BUILT_AT = new Date('2026-03-02T10:00:00Z');
const EARLIER = new Date('2026-03-01T10:00:00Z');
const LATER = new Date('2026-03-02T10:00:01Z');

function write(root: string, path: string, at: Date): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, path);
  utimesSync(file, at, at);
}

/** A checkout whose sources were all written before its build. */
const SOURCES = ['electron/core/collection.ts', 'renderer/app.tsx', 'shared/api.ts'];
const CONFIG = ['vite.config.ts', 'scripts/build-main.mjs', 'package-lock.json', 'tsconfig.json'];

function builtCheckout(): string {
  const root = tempDir('cue-build-');
  for (const input of [...SOURCES, ...CONFIG]) write(root, input, EARLIER);
  for (const output of BUILD_OUTPUTS) write(root, output, BUILT_AT);
  return root;
}

describe('the build npm start runs', () => {
  it('is fresh when it is newer than every source, config and the lock file', () => {
    expect(staleBuildReason(builtCheckout())).toBeUndefined();
  });

  it('is stale when an output is missing', () => {
    for (const output of BUILD_OUTPUTS) {
      const root = builtCheckout();
      rmSync(join(root, output));
      expect(staleBuildReason(root)).toBe(`${output} is missing`);
    }
  });

  it('is stale when a source changed after it, naming the file', () => {
    for (const source of [...SOURCES, 'renderer/new/view.tsx']) {
      const root = builtCheckout();
      write(root, source, LATER);
      expect(staleBuildReason(root)).toBe(`${source} changed since the last build`);
    }
  });

  it('is stale when the build configuration or the installed packages changed', () => {
    expect(BUILD_INPUTS).toEqual(expect.arrayContaining(CONFIG));
    for (const input of CONFIG) {
      const root = builtCheckout();
      write(root, input, LATER);
      expect(staleBuildReason(root)).toBe(`${input} changed since the last build`);
    }
  });

  it('is stale when one output is older than a source, however new the others (a build stopped half way)', () => {
    const root = builtCheckout();
    write(root, 'renderer/app.tsx', LATER);
    for (const output of BUILD_OUTPUTS.slice(1)) write(root, output, new Date('2026-03-03T10:00:00Z'));
    expect(staleBuildReason(root)).toBe('renderer/app.tsx changed since the last build');
  });
});
