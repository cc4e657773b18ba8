// Whether dist/ is older than what it is built from, so `npm start` rebuilds after a change (as make would:
// by modification times). Node built-ins only.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build writes: the renderer (vite) and the main-process bundles (scripts/build-main.mjs). */
export const BUILD_OUTPUTS = [
  'dist/renderer/index.html',
  'dist/electron/main.cjs',
  'dist/electron/preload.cjs',
  'dist/electron/cli.cjs',
];

/** What the build reads: every source folder it bundles, its configuration, and the installed packages' lock. */
export const BUILD_INPUTS = [
  'electron',
  'renderer',
  'shared',
  'vite.config.ts',
  'tsconfig.json',
  'scripts/build-main.mjs',
  'package-lock.json',
];

/** The newest file under `path` (a file or a folder), as [mtime, path]. */
function newestFile(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return [0, path];
  if (!stat.isDirectory()) return [stat.mtimeMs, path];
  let newest = [0, path];
  for (const entry of readdirSync(path)) {
    const candidate = newestFile(join(path, entry));
    if (candidate[0] > newest[0]) newest = candidate;
  }
  return newest;
}

/** Why the build in `root` must run again, or undefined when it is newer than everything it reads. */
export function staleBuildReason(root) {
  let oldestOutput = Number.POSITIVE_INFINITY;
  for (const output of BUILD_OUTPUTS) {
    const at = statSync(join(root, output), { throwIfNoEntry: false })?.mtimeMs;
    if (at === undefined) return `${output} is missing`;
    oldestOutput = Math.min(oldestOutput, at);
  }
  for (const input of BUILD_INPUTS) {
    const [at, path] = newestFile(join(root, input));
    if (at > oldestOutput) return `${path.slice(root.length + 1)} changed since the last build`;
  }
  return undefined;
}
