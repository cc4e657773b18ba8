/**
 * What `npm start` and `npm test` install before they run (scripts/setup.mjs, their prestart and pretest):
 * the decisions from given facts, then the script itself as a process on a temporary checkout, for the paths
 * that must stop or hold back before anything is installed. The install itself (npm ci, apt-get) is not run
 * here; a fresh clone's `npm test` does it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chromiumDecision,
  chromiumPath,
  DEBIAN_CHROMIUM,
  installDecision,
  type Lock,
  lockDifference,
  npmTooOld,
  syncthingDecision,
} from '../../scripts/setup-decisions.mjs';
import { REPO_ROOT, tempDir } from '../helpers/collections';

type Packages = NonNullable<Lock['packages']>;

const lockText = readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8');
const lock = JSON.parse(lockText) as Lock & { packages: Packages };

/** The lock's packages as npm records an install of them: no root entry, and no optional package it skipped. */
function installedPackages(): Packages {
  return Object.fromEntries(Object.entries(lock.packages).filter(([path, entry]) => path !== '' && !entry.optional));
}

const asInstalled = (packages: Packages): Lock => ({ lockfileVersion: 3, packages }) as Lock;
const SQLITE = 'node_modules/better-sqlite3';
const sqliteVersion = lock.packages[SQLITE].version;

describe('node_modules against package-lock.json', () => {
  it('matches an install that skipped the optional packages of other platforms', () => {
    expect(Object.keys(installedPackages()).length).toBeGreaterThan(100);
    expect(lockDifference(lock, asInstalled(installedPackages()))).toBeUndefined();
  });

  it('names a package installed at another version, or with other contents at the same version', () => {
    const older = installedPackages();
    older[SQLITE] = { ...older[SQLITE], version: '0.0.1' };
    expect(lockDifference(lock, asInstalled(older))).toBe(
      `better-sqlite3 is 0.0.1 where package-lock.json has ${sqliteVersion}`,
    );
    const tampered = installedPackages();
    tampered[SQLITE] = { ...tampered[SQLITE], integrity: 'sha512-other' };
    expect(lockDifference(lock, asInstalled(tampered))).toContain('better-sqlite3');
  });

  it('names a locked package that is not installed, and an installed one the lock does not have', () => {
    const missing = installedPackages();
    delete missing[SQLITE];
    expect(lockDifference(lock, asInstalled(missing))).toBe(`better-sqlite3 ${sqliteVersion} is not installed`);
    const extra = { ...installedPackages(), 'node_modules/left-pad': { version: '1.3.0' } };
    expect(lockDifference(lock, asInstalled(extra))).toBe('left-pad is installed but not in package-lock.json');
  });

  it('sees a lock changed after the install (a dependency added or upgraded)', () => {
    const upgraded = JSON.parse(lockText) as typeof lock;
    upgraded.packages[SQLITE].version = '99.0.0';
    expect(lockDifference(upgraded, asInstalled(installedPackages()))).toBe(
      `better-sqlite3 is ${sqliteVersion} where package-lock.json has 99.0.0`,
    );
    upgraded.packages['node_modules/left-pad'] = { version: '1.3.0' };
    delete upgraded.packages[SQLITE];
    expect(lockDifference(upgraded, asInstalled(installedPackages()))).toBe('left-pad 1.3.0 is not installed');
  });
});

describe('whether npm ci runs', () => {
  const fresh = { lock, installed: asInstalled(installedPackages()), nodeModules: 'folder' as const };
  const withoutVitest = () => {
    const packages = installedPackages();
    delete packages['node_modules/vitest'];
    return asInstalled(packages);
  };

  it('does nothing for a matching install whose SQLite addon loads', () => {
    expect(installDecision({ ...fresh, addonError: () => undefined })).toEqual({ action: 'none' });
  });

  it('installs when node_modules is missing, holds no record of an install, or differs', () => {
    expect(installDecision({ lock, installed: undefined, nodeModules: 'missing' })).toEqual({
      action: 'install',
      reason: 'node_modules is missing',
    });
    expect(installDecision({ lock, installed: undefined, nodeModules: 'folder' })).toMatchObject({
      action: 'install',
      reason: expect.stringContaining('node_modules/.package-lock.json'),
    });
    expect(installDecision({ lock, installed: withoutVitest(), nodeModules: 'folder' })).toMatchObject({
      action: 'install',
      reason: expect.stringMatching(/^vitest .* is not installed$/),
    });
  });

  it('installs when the addon was built for another Node, and asks about it only when the rest matches', () => {
    const reason = 'better-sqlite3 does not load under Node v22.0.0 (NODE_MODULE_VERSION 115)';
    expect(installDecision({ ...fresh, addonError: () => reason })).toEqual({ action: 'install', reason });
    let asked = false;
    const addonError = () => {
      asked = true;
      return reason;
    };
    installDecision({ lock, installed: undefined, nodeModules: 'folder', addonError });
    expect(asked).toBe(false);
  });

  it('never reinstalls through a link to another checkout’s node_modules, but says it differs', () => {
    expect(installDecision({ lock, installed: withoutVitest(), nodeModules: 'link' })).toMatchObject({
      action: 'warn',
      reason: expect.stringMatching(/^vitest .* is not installed$/),
    });
    expect(installDecision({ ...fresh, nodeModules: 'link', addonError: () => undefined })).toEqual({
      action: 'none',
    });
  });
});

describe('the npm that installs', () => {
  it('must be npm 11 or newer, and an older one is told the upgrade command', () => {
    expect(npmTooOld('11.0.0')).toBeUndefined();
    expect(npmTooOld('12.3.1')).toBeUndefined();
    for (const version of ['10.9.2', '9.8.1', undefined]) {
      expect(npmTooOld(version)).toContain('npm install -g npm@11');
    }
    expect(npmTooOld('10.9.2')).toContain('this is npm 10.9.2');
  });
});

describe('Chromium for the end-to-end tests', () => {
  const present =
    (...paths: string[]) =>
    (path: string) =>
      paths.includes(path);

  it('is CUE_CHROMIUM when set (and not empty), else Debian’s', () => {
    expect(chromiumPath({ CUE_CHROMIUM: '/opt/chrome/chrome' })).toBe('/opt/chrome/chrome');
    expect(chromiumPath({ CUE_CHROMIUM: '' })).toBe(DEBIAN_CHROMIUM);
    expect(chromiumPath({})).toBe(DEBIAN_CHROMIUM);
  });

  it('installs nothing when the browser the tests will use is there', () => {
    const facts = { isRoot: true, hasAptGet: true };
    expect(chromiumDecision({ ...facts, env: {}, isExecutable: present(DEBIAN_CHROMIUM) })).toEqual({
      action: 'none',
      path: DEBIAN_CHROMIUM,
    });
    const env = { CUE_CHROMIUM: '/opt/chrome/chrome' };
    expect(chromiumDecision({ ...facts, env, isExecutable: present('/opt/chrome/chrome') })).toEqual({
      action: 'none',
      path: '/opt/chrome/chrome',
    });
  });

  it('installs Debian’s Chromium when it is absent and this is root with apt-get', () => {
    expect(chromiumDecision({ env: {}, isExecutable: present(), isRoot: true, hasAptGet: true })).toEqual({
      action: 'install',
      path: DEBIAN_CHROMIUM,
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'chromium'],
      ],
    });
  });

  it('tells anyone else the exact command, or CUE_CHROMIUM, and installs nothing', () => {
    const user = chromiumDecision({ env: {}, isExecutable: present(), isRoot: false, hasAptGet: true });
    expect(user.action).toBe('refuse');
    const message = user.action === 'refuse' ? user.message : '';
    expect(message).toContain('sudo apt-get update && sudo apt-get install -y chromium');
    expect(message).toContain('CUE_CHROMIUM=/path/to/chromium npm test');
    const elsewhere = chromiumDecision({ env: {}, isExecutable: present(), isRoot: true, hasAptGet: false });
    expect(elsewhere).toMatchObject({ action: 'refuse', message: expect.stringContaining('CUE_CHROMIUM=') });
    expect(elsewhere).toMatchObject({ message: expect.not.stringContaining('apt-get') });
  });

  it('refuses a CUE_CHROMIUM that names no executable, even as root: installing Debian’s would not be used', () => {
    const decision = chromiumDecision({
      env: { CUE_CHROMIUM: '/nowhere/chromium' },
      isExecutable: present(DEBIAN_CHROMIUM),
      isRoot: true,
      hasAptGet: true,
    });
    expect(decision).toMatchObject({ action: 'refuse', message: expect.stringContaining('/nowhere/chromium') });
  });
});

describe('Syncthing for the sync tests', () => {
  const present =
    (...paths: string[]) =>
    (path: string) =>
      paths.includes(path);
  const nowhere = () => undefined;
  const onPath = (command: string) => `/usr/bin/${command}`;

  it('installs nothing when SYNCTHING_BIN names an executable, or syncthing is on PATH', () => {
    const facts = { isRoot: true, hasAptGet: true };
    const env = { SYNCTHING_BIN: '/opt/syncthing/syncthing' };
    expect(
      syncthingDecision({ ...facts, env, isExecutable: present('/opt/syncthing/syncthing'), findOnPath: nowhere }),
    ).toEqual({ action: 'none', path: '/opt/syncthing/syncthing' });
    expect(syncthingDecision({ ...facts, env: {}, isExecutable: present(), findOnPath: onPath })).toEqual({
      action: 'none',
      path: '/usr/bin/syncthing',
    });
  });

  it('installs Debian’s Syncthing when it is absent and this is root with apt-get', () => {
    const facts = { env: {}, isExecutable: present(), findOnPath: nowhere, isRoot: true, hasAptGet: true };
    expect(syncthingDecision(facts)).toEqual({
      action: 'install',
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'syncthing'],
      ],
    });
  });

  it('tells anyone else the exact command and goes on (the tests skip), installing nothing', () => {
    const user = syncthingDecision({
      env: {},
      isExecutable: present(),
      findOnPath: nowhere,
      isRoot: false,
      hasAptGet: true,
    });
    expect(user.action).toBe('skip');
    const message = user.action === 'skip' ? user.message : '';
    expect(message).toContain('sudo apt-get update && sudo apt-get install -y syncthing');
    expect(message).toContain('SYNCTHING_BIN=/path/to/syncthing npm test');
    expect(message).toContain('the Syncthing tests will skip');
    const elsewhere = syncthingDecision({
      env: {},
      isExecutable: present(),
      findOnPath: nowhere,
      isRoot: true,
      hasAptGet: false,
    });
    expect(elsewhere).toMatchObject({ action: 'skip', message: expect.stringContaining('SYNCTHING_BIN=') });
    expect(elsewhere).toMatchObject({ message: expect.not.stringContaining('apt-get') });
  });

  it('skips, naming it, a SYNCTHING_BIN that is no executable, even as root with one on PATH', () => {
    const decision = syncthingDecision({
      env: { SYNCTHING_BIN: '/nowhere/syncthing' },
      isExecutable: present('/usr/bin/syncthing'),
      findOnPath: onPath,
      isRoot: true,
      hasAptGet: true,
    });
    expect(decision).toMatchObject({ action: 'skip', message: expect.stringContaining('/nowhere/syncthing') });
  });
});

describe('scripts/setup.mjs as a process', () => {
  /** A checkout with the set-up scripts and this repository's lock file, and no node_modules. */
  function checkout(): string {
    const dir = tempDir('cue-setup-');
    mkdirSync(join(dir, 'scripts'));
    for (const file of ['setup.mjs', 'setup-decisions.mjs']) {
      copyFileSync(join(REPO_ROOT, 'scripts', file), join(dir, 'scripts', file));
    }
    copyFileSync(join(REPO_ROOT, 'package-lock.json'), join(dir, 'package-lock.json'));
    return dir;
  }

  /** As `npm test` runs it. npm_execpath names no file: were npm run, it would fail and say "npm ci failed". */
  function setup(dir: string, args: string[], env: Record<string, string>) {
    const result = spawnSync(process.execPath, [join(dir, 'scripts', 'setup.mjs'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        npm_config_user_agent: 'npm/11.6.0 node/v20.19.0 linux x64 workspaces/false',
        npm_execpath: join(dir, 'no-npm-here', 'npm-cli.js'),
        ...env,
      },
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it('stops before installing anything when CUE_CHROMIUM names nothing', () => {
    const dir = checkout();
    const result = setup(dir, ['--chromium'], { CUE_CHROMIUM: join(dir, 'missing-chromium') });
    expect(result.status).toBe(1);
    expect(result.output).toContain(`CUE_CHROMIUM is ${join(dir, 'missing-chromium')}, which is not an executable`);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  });

  it('tells npm 10 to upgrade instead of installing with it', () => {
    const dir = checkout();
    const result = setup(dir, [], { npm_config_user_agent: 'npm/10.9.2 node/v20.19.0 linux x64 workspaces/false' });
    expect(result.status).toBe(1);
    expect(result.output).toContain('node_modules is missing');
    expect(result.output).toContain('this is npm 10.9.2');
    expect(result.output).toContain('npm install -g npm@11');
    expect(result.output).not.toContain('npm ci failed');
  });

  /** Links the checkout's node_modules to another's, whose install differs; returns that install's record. */
  function linkedNodeModules(dir: string): string {
    const shared = tempDir('cue-shared-');
    mkdirSync(join(shared, 'node_modules'));
    const record = join(shared, 'node_modules', '.package-lock.json');
    writeFileSync(record, JSON.stringify({ lockfileVersion: 3, packages: {} }));
    symlinkSync(join(shared, 'node_modules'), join(dir, 'node_modules'));
    return record;
  }

  it('leaves a linked node_modules that differs as it is, says so, and goes on', () => {
    const dir = checkout();
    const record = linkedNodeModules(dir);
    const result = setup(dir, ['--chromium'], { CUE_CHROMIUM: process.execPath });
    expect(result.status).toBe(0);
    expect(result.output).toContain(`node_modules is a link to ${join(record, '..')}`);
    expect(result.output).toContain('is not installed');
    expect(result.output).not.toContain('npm ci failed');
    expect(readFileSync(record, 'utf8')).toBe(JSON.stringify({ lockfileVersion: 3, packages: {} }));
  });

  it('goes on, saying why the Syncthing tests will skip, when SYNCTHING_BIN names nothing', () => {
    const dir = checkout();
    linkedNodeModules(dir);
    const missing = join(dir, 'missing-syncthing');
    const result = setup(dir, ['--chromium', '--syncthing'], {
      CUE_CHROMIUM: process.execPath,
      SYNCTHING_BIN: missing,
    });
    expect(result.status).toBe(0);
    expect(result.output).toContain(`SYNCTHING_BIN is ${missing}, which is not an executable file`);
    expect(result.output).toContain('the Syncthing tests will skip');
    expect(result.output).not.toContain('Installing it');
  });

  it('names --syncthing among the flags it knows', () => {
    const result = setup(checkout(), ['--syncthink'], {});
    expect(result.status).toBe(1);
    expect(result.output).toContain('usage: node scripts/setup.mjs [--chromium] [--syncthing] (unknown: --syncthink)');
  });
});
