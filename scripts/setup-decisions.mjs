// What `npm start` and `npm test` must install before they run, decided from facts gathered elsewhere
// (scripts/setup.mjs), so each decision can be tested without touching the machine. Node built-ins only:
// this runs before node_modules exists.

/** Where the end-to-end tests find Chromium: CUE_CHROMIUM, or Debian's package. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath(env) {
  return env.CUE_CHROMIUM || DEBIAN_CHROMIUM;
}

/** npm 11 honours package.json "allowScripts", which keeps Electron's binary download out of the install. */
export const NPM_MAJOR = 11;

/** Why this npm cannot install Cue, or undefined when it can. */
export function npmTooOld(version) {
  const major = Number(/^(\d+)\./.exec(version ?? '')?.[1]);
  if (major >= NPM_MAJOR) return undefined;
  return [
    `Cue's install needs npm ${NPM_MAJOR} or newer, which honours "allowScripts" in package.json (it keeps`,
    `Electron's binary download out of the install); this is npm ${version ?? 'of an unknown version'}.`,
    `Upgrade npm with:  npm install -g npm@${NPM_MAJOR}`,
  ].join('\n');
}

const packageName = (path) => path.replace(/^node_modules\//, '');
const sameEntry = (a, b) => a.version === b.version && a.integrity === b.integrity && a.link === b.link;

/**
 * The first way the installed packages differ from package-lock.json, or undefined when they match. `installed`
 * is node_modules/.package-lock.json, which npm writes after every install: the same entries as the lock file,
 * less the optional packages it skipped (other platforms' binaries) and the root package.
 */
export function lockDifference(lock, installed) {
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === '') continue;
    const present = installed.packages?.[path];
    if (!present) {
      if (entry.optional) continue;
      return `${packageName(path)} ${entry.version} is not installed`;
    }
    if (!sameEntry(entry, present)) {
      return `${packageName(path)} is ${present.version ?? 'a link'} where package-lock.json has ${entry.version}`;
    }
  }
  const extra = Object.keys(installed.packages ?? {}).find((path) => path !== '' && !lock.packages?.[path]);
  return extra && `${packageName(extra)} is installed but not in package-lock.json`;
}

/**
 * Whether node_modules needs `npm ci`. Facts: `lock` and `installed` (parsed, or undefined when absent),
 * `nodeModules` ('missing' | 'folder' | 'link'), and `addonError` (why better-sqlite3 does not load under
 * this Node, or undefined; only asked for when the rest matches). A node_modules that is a link to another
 * checkout's install is never reinstalled through the link: that would change the other checkout.
 */
export function installDecision({ lock, installed, nodeModules, addonError }) {
  let reason;
  if (nodeModules === 'missing') reason = 'node_modules is missing';
  else if (!installed) reason = 'node_modules holds no record of an npm install (node_modules/.package-lock.json)';
  else reason = lockDifference(lock, installed) ?? addonError?.();
  if (reason === undefined) return { action: 'none' };
  if (nodeModules === 'link') return { action: 'warn', reason };
  return { action: 'install', reason };
}

/**
 * Whether Chromium must be installed for the end-to-end tests. Facts: `env` (CUE_CHROMIUM), `isExecutable(path)`,
 * `isRoot`, `hasAptGet`. The actions: 'none'; 'install' with the commands to run; 'refuse' with what to do.
 */
export function chromiumDecision({ env, isExecutable, isRoot, hasAptGet }) {
  const chosen = env.CUE_CHROMIUM;
  if (chosen) {
    if (isExecutable(chosen)) return { action: 'none', path: chosen };
    return {
      action: 'refuse',
      message: [
        `CUE_CHROMIUM is ${chosen}, which is not an executable file. The end-to-end tests drive Chromium:`,
        `point CUE_CHROMIUM at a Chromium or Chrome executable, or unset it to use ${DEBIAN_CHROMIUM}.`,
      ].join('\n'),
    };
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return { action: 'none', path: DEBIAN_CHROMIUM };
  if (isRoot && hasAptGet) {
    return {
      action: 'install',
      path: DEBIAN_CHROMIUM,
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'chromium'],
      ],
    };
  }
  const install = hasAptGet
    ? `install Debian's Chromium:\n  sudo apt-get update && sudo apt-get install -y chromium`
    : `install Chromium with your system's package manager`;
  return {
    action: 'refuse',
    message: [
      `The end-to-end tests drive Chromium, and there is none at ${DEBIAN_CHROMIUM}. Either ${install}`,
      `or point CUE_CHROMIUM at a Chromium or Chrome executable:\n  CUE_CHROMIUM=/path/to/chromium npm test`,
    ].join('\n'),
  };
}

const SYNCTHING_INSTALL = ['apt-get', 'install', '-y', 'syncthing'];

/**
 * Whether Syncthing must be installed for the tests that sync through a real pair of Syncthing instances
 * (test/helpers/syncthing.ts, which runs SYNCTHING_BIN, else the syncthing on PATH). Facts:
 * `env` (SYNCTHING_BIN), `isExecutable(path)`, `findOnPath(command)` (its path, or undefined), `isRoot`,
 * `hasAptGet`. The actions: 'none'; 'install' with the commands to run; 'skip' with what to do. Nothing here
 * stops `npm test`: without Syncthing those tests skip, saying why.
 */
export function syncthingDecision({ env, isExecutable, findOnPath, isRoot, hasAptGet }) {
  const chosen = env.SYNCTHING_BIN;
  if (chosen) {
    if (isExecutable(chosen)) return { action: 'none', path: chosen };
    return {
      action: 'skip',
      message: [
        `SYNCTHING_BIN is ${chosen}, which is not an executable file, so the Syncthing tests will skip.`,
        'Point SYNCTHING_BIN at a syncthing executable, or unset it to use the syncthing on PATH.',
      ].join('\n'),
    };
  }
  const found = findOnPath('syncthing');
  if (found) return { action: 'none', path: found };
  if (isRoot && hasAptGet) return { action: 'install', commands: [['apt-get', 'update'], SYNCTHING_INSTALL] };
  const install = hasAptGet
    ? `install Debian's package:\n  sudo apt-get update && sudo ${SYNCTHING_INSTALL.join(' ')}`
    : "install Syncthing with your system's package manager";
  return {
    action: 'skip',
    message: [
      `There is no syncthing on PATH, so the Syncthing tests will skip. To run them, ${install}`,
      'or point SYNCTHING_BIN at a syncthing executable:\n  SYNCTHING_BIN=/path/to/syncthing npm test',
    ].join('\n'),
  };
}
