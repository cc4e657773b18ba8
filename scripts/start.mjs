// `npm start`: opens the Cue desktop app. Where no Electron binary is installed it first tries
// Electron's own install script; where that cannot work (no network, unsupported platform) it serves
// the same UI from the loopback web host instead and says why. `npm start -- --web` skips Electron.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const wantsWeb = args.includes('--web');
const passThrough = args.filter((arg) => arg !== '--web');

function run(command, commandArgs, options = {}) {
  return spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options }).status === 0;
}

function ensureBuilt() {
  const built = ['dist/renderer/index.html', 'dist/electron/main.cjs', 'dist/electron/cli.cjs'];
  if (built.every((file) => existsSync(join(root, file)))) return;
  console.log('Building Cue…');
  if (!run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']))
    process.exit(1);
  if (!run(process.execPath, [join(root, 'scripts/build-main.mjs')])) process.exit(1);
}

/** The Electron binary's path, or the reason there is none. */
function electronBinary() {
  try {
    return { path: require('electron') };
  } catch (error) {
    return { reason: String(error.message ?? error).split('\n')[0] };
  }
}

function installElectron() {
  console.log('No Electron binary yet; fetching one with Electron’s install script…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron/install.js')], {
    cwd: join(root, 'node_modules/electron'),
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status === 0) return electronBinary();
  const detail = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n').filter(Boolean).at(-1);
  return { reason: `the download failed (${detail ?? `exit ${result.status}`})` };
}

/**
 * better-sqlite3 is a native addon: Node and Electron need their own builds. The Electron copy is built
 * once into .cache/electron-native and handed to the main process through CUE_SQLITE_BINDING.
 */
function electronSqliteBinding() {
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
  const npmDir = process.env.npm_execpath ? dirname(dirname(process.env.npm_execpath)) : '';
  const nodeGyp = [
    join(npmDir, 'node_modules/node-gyp/bin/node-gyp.js'),
    require.resolve('node-gyp/bin/node-gyp.js', { paths: [npmDir, root] }),
  ].find((path) => path && existsSync(path));
  const ok =
    nodeGyp &&
    run(
      process.execPath,
      [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
      {
        cwd: work,
      },
    );
  if (!ok) return undefined;
  mkdirSync(outDir, { recursive: true });
  cpSync(join(work, 'build/Release/better_sqlite3.node'), binding);
  writeFileSync(stamp, electronVersion);
  return binding;
}

function serveInBrowser(reason) {
  console.log(`Cue opens in your browser instead of its own window: ${reason}.`);
  const child = spawn(process.execPath, [join(root, 'bin/cue.mjs'), 'serve', ...passThrough], {
    cwd: root,
    stdio: 'inherit',
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

ensureBuilt();
if (wantsWeb) {
  serveInBrowser('--web was given');
} else {
  let electron = electronBinary();
  if (!electron.path) electron = installElectron();
  if (!electron.path) {
    serveInBrowser(`no Electron binary is installed and ${electron.reason}`);
  } else {
    let binding;
    try {
      binding = electronSqliteBinding();
    } catch (error) {
      binding = undefined;
      console.log(`Building the SQLite addon for Electron failed: ${error.message}`);
    }
    if (!binding) {
      serveInBrowser('the SQLite addon could not be built for Electron');
    } else {
      const child = spawn(electron.path, [root, ...passThrough], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, CUE_SQLITE_BINDING: binding },
      });
      child.on('exit', (code) => process.exit(code ?? 0));
    }
  }
}
