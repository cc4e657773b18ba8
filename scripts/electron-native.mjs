// Electron for Cue: finding its binary, and building better-sqlite3 for Electron's ABI.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The Electron binary's path, or the reason there is none. */
export function electronBinary() {
  try {
    return { path: require('electron') };
  } catch (error) {
    return { reason: String(error.message ?? error).split('\n')[0] };
  }
}

/**
 * better-sqlite3 is a native addon: Node and Electron need their own builds. The Electron copy is built
 * once into .cache/electron-native and handed to the main process through CUE_SQLITE_BINDING.
 */
export function electronSqliteBinding(root) {
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const outDir = join(root, '.cache/electron-native');
  const binding = join(outDir, 'better_sqlite3.node');
  const stamp = join(outDir, 'electron-version');
  if (existsSync(binding) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) return binding;
  console.log(`Building the SQLite addon for Electron ${electronVersion} (once, about a minute)…`);
  const work = join(root, '.cache/electron-sqlite');
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'node_modules/better-sqlite3'), work, {
    recursive: true,
    filter: (src) => !src.includes('/build/'),
  });
  const nodeGyp = findNodeGyp(root);
  const ok =
    nodeGyp !== undefined &&
    spawnSync(
      process.execPath,
      [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
      { cwd: work, stdio: 'inherit' },
    ).status === 0;
  if (!ok) return undefined;
  mkdirSync(outDir, { recursive: true });
  cpSync(join(work, 'build/Release/better_sqlite3.node'), binding);
  writeFileSync(stamp, electronVersion);
  return binding;
}

/** node-gyp ships with npm; use npm's copy (or a local one) rather than adding a dependency. */
function findNodeGyp(root) {
  const npmDir = process.env.npm_execpath ? dirname(dirname(process.env.npm_execpath)) : undefined;
  const candidates = [npmDir && join(npmDir, 'node_modules/node-gyp/bin/node-gyp.js')];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js', { paths: [root] }));
  } catch {
    // not installed locally
  }
  return candidates.find((path) => path && existsSync(path));
}
