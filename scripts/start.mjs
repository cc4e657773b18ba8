// `npm start`: opens the Cue desktop app, once scripts/setup.mjs (its prestart) has installed what is
// missing; it builds first when the build is missing or older than its sources. Where no Electron binary
// is installed it first tries Electron's own install script; where that cannot work (no network,
// unsupported platform) it serves the same UI from the loopback web host instead and says why.
// `npm start -- --web` skips Electron.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleBuildReason } from './build-state.mjs';
import { electronBinary, electronSqliteBinding } from './electron-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const wantsWeb = args.includes('--web');
const passThrough = args.filter((arg) => arg !== '--web');

function run(command, commandArgs, options = {}) {
  return spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options }).status === 0;
}

function ensureBuilt() {
  const reason = staleBuildReason(root);
  if (reason === undefined) return;
  console.log(`Building Cue (${reason})…`);
  if (!run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']))
    process.exit(1);
  if (!run(process.execPath, [join(root, 'scripts/build-main.mjs')])) process.exit(1);
}

function installElectron() {
  console.log('No Electron binary yet; fetching one with Electron’s install script…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron/install.js')], {
    cwd: join(root, 'node_modules/electron'),
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status === 0) return electronBinary();
  // The first line that is not a stack frame says what went wrong ("RequestError: getaddrinfo ENOTFOUND …").
  const detail = `${result.stderr ?? ''}${result.stdout ?? ''}`
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line && !line.startsWith('at '));
  return { reason: `the download failed (${detail ?? `exit ${result.status}`})` };
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
      binding = electronSqliteBinding(root);
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
