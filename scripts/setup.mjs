// Runs before `npm start` and `npm test` (prestart, pretest) and installs what is missing, so a fresh clone
// needs no other command: `npm ci` when node_modules is missing or differs from package-lock.json, and with
// --chromium Debian's Chromium for the end-to-end tests when it is absent and this is root (otherwise it says
// the command, and stops before any test runs), and with --syncthing Debian's Syncthing for the sync tests
// likewise (otherwise it says the command and goes on: those tests skip). Silent when nothing is missing. Node
// built-ins only: it runs before node_modules exists. The decisions are in setup-decisions.mjs.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumDecision, installDecision, npmTooOld, syncthingDecision } from './setup-decisions.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const findOnPath = (command) =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, command))
    .find(isExecutable);
const onPath = (command) => findOnPath(command) !== undefined;

/** A JSON file, or undefined when it is absent or unreadable (a half-written record counts as none). */
function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function nodeModulesKind() {
  const stat = lstatSync(join(root, 'node_modules'), { throwIfNoEntry: false });
  if (!stat) return 'missing';
  return stat.isSymbolicLink() ? 'link' : 'folder';
}

/** A native addon built for another Node (after switching Node versions) is as stale as a changed lock. */
function addonError() {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: root,
    encoding: 'utf8',
  });
  if (probe.status === 0) return undefined;
  const detail = (probe.stderr ?? '').split('\n').find((line) => /Error/.test(line)) ?? `exit ${probe.status}`;
  return `better-sqlite3 does not load under Node ${process.version} (${detail.trim()})`;
}

/** The npm that runs this script (npm start/test), or the one on PATH, with its version. */
function npm() {
  const agent = /^npm\/(\S+)/.exec(process.env.npm_config_user_agent ?? '');
  if (agent && process.env.npm_execpath) {
    return { command: process.execPath, args: [process.env.npm_execpath], version: agent[1] };
  }
  const shell = process.platform === 'win32';
  const version = spawnSync('npm', ['--version'], { encoding: 'utf8', shell }).stdout?.trim() || undefined;
  return { command: 'npm', args: [], version, shell };
}

function ensureChromium() {
  const decision = chromiumDecision({
    env: process.env,
    isExecutable,
    isRoot: process.getuid?.() === 0,
    hasAptGet: onPath('apt-get'),
  });
  if (decision.action === 'refuse') fail(decision.message);
  if (decision.action !== 'install') return;
  const commandLine = decision.commands.map((command) => command.join(' ')).join(' && ');
  console.log(
    `The end-to-end tests need Chromium, and there is none at ${decision.path}. Installing it: ${commandLine}`,
  );
  for (const [command, ...args] of decision.commands) {
    const result = spawnSync(command, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0)
      fail(`"${command} ${args.join(' ')}" failed (exit ${result.status}). Chromium is not installed.`);
  }
  if (!isExecutable(decision.path)) fail(`apt-get installed chromium, but there is still nothing at ${decision.path}.`);
}

/** Like ensureChromium, but nothing here stops the tests: without Syncthing the sync tests skip, saying why. */
function ensureSyncthing() {
  const decision = syncthingDecision({
    env: process.env,
    isExecutable,
    findOnPath,
    isRoot: process.getuid?.() === 0,
    hasAptGet: onPath('apt-get'),
  });
  if (decision.action === 'skip') console.warn(`\n${decision.message}\n`);
  if (decision.action !== 'install') return;
  const commandLine = decision.commands.map((command) => command.join(' ')).join(' && ');
  console.log(`The sync tests need Syncthing, and there is none on PATH. Installing it: ${commandLine}`);
  for (const [command, ...args] of decision.commands) {
    const result = spawnSync(command, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      console.warn(`\n"${command} ${args.join(' ')}" failed (exit ${result.status}): the Syncthing tests will skip.\n`);
      return;
    }
  }
  if (!onPath('syncthing'))
    console.warn('\napt-get installed syncthing, but it is not on PATH: the Syncthing tests will skip.\n');
}

function ensureNodeModules() {
  const lock = readJson(join(root, 'package-lock.json'));
  if (!lock) fail('package-lock.json is missing or not valid JSON: it says what to install.');
  const nodeModules = nodeModulesKind();
  const installed = nodeModules === 'missing' ? undefined : readJson(join(root, 'node_modules/.package-lock.json'));
  const decision = installDecision({ lock, installed, nodeModules, addonError });
  if (decision.action === 'warn') {
    const target = realpathSync(join(root, 'node_modules'));
    console.warn(
      `node_modules is a link to ${target}, and ${decision.reason}. It is left as it is: reinstalling through ` +
        `the link would change the install it points to (run "npm ci" in ${dirname(target)} if needed).`,
    );
  }
  if (decision.action !== 'install') return;
  const { command, args, version, shell } = npm();
  const tooOld = npmTooOld(version);
  if (tooOld) fail(`Cue's packages need installing (${decision.reason}).\n${tooOld}`);
  console.log(`Installing Cue's packages with npm ci: ${decision.reason}.`);
  const result = spawnSync(command, [...args, 'ci', '--no-fund', '--no-audit'], { cwd: root, stdio: 'inherit', shell });
  if (result.status !== 0) fail(`npm ci failed (exit ${result.status}); its output above says why.`);
}

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--chromium' && arg !== '--syncthing');
if (unknown.length > 0) {
  fail(`usage: node scripts/setup.mjs [--chromium] [--syncthing] (unknown: ${unknown.join(' ')})`);
}
// Chromium first: a missing browser that only the user can install is said before a minute of npm ci.
if (args.includes('--chromium')) ensureChromium();
ensureNodeModules();
// Syncthing last: what to do without it is said just before the tests run, not above npm ci's output.
if (args.includes('--syncthing')) ensureSyncthing();
