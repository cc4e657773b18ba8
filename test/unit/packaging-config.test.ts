/**
 * electron-builder.yml against the JSON schema electron-builder ships (node_modules/app-builder-lib/
 * scheme.json), checked with ajv, so the packaging config cannot rot where `npm run dist` cannot run; and
 * what the schema cannot know: the native code is unpacked from the asar, the file associations offer
 * what Cue imports without claiming other programs' types, and every icon named exists at its size.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { Configuration } from 'app-builder-lib';
import { getConfig as readConfigFile } from 'app-builder-lib/out/util/config/load';
import { Minimatch } from 'minimatch';
import { beforeAll, describe, expect, it } from 'vitest';
import { DECK_FILE_EXTENSIONS } from '../../electron/deck-file-open';
import { REPO_ROOT } from '../helpers/collections';

let config: Configuration;
let validate: (value: unknown) => boolean;
let errors: () => string;

beforeAll(async () => {
  // the file as written, read by electron-builder's own reader (before it normalises `files` and the rest)
  const read = await readConfigFile<Configuration>(
    { packageKey: 'build', configFilename: 'electron-builder', projectDir: REPO_ROOT, packageMetadata: null },
    join(REPO_ROOT, 'electron-builder.yml'),
  );
  if (!read) throw new Error('electron-builder.yml was not found');
  config = read.result;
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));
  // the schema is draft-07 with electron-builder's own keywords; strict mode would refuse those
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(schema);
  validate = (value) => check(value) as boolean;
  errors = () => ajv.errorsText(check.errors);
});

/** A file electron-builder packs, as its own asarUnpack matching sees it (minimatch, dot files too). */
function unpacked(path: string): boolean {
  return (config.asarUnpack as string[]).some((pattern) => new Minimatch(pattern, { dot: true }).match(path));
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

type Associations = { ext: string | string[]; role?: string; rank?: string; mimeType?: string | null }[];
const associations = (platform: 'mac' | 'win' | 'linux') =>
  ((config[platform]?.fileAssociations ?? []) as Associations).map((a) => ({ ...a, ext: String(a.ext) }));

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s JSON schema', () => {
    expect(validate(config), errors()).toBe(true);
  });

  it('the check bites: a misspelt key, a wrong type and an unknown target fail it', () => {
    expect(validate({ ...config, fileAssociation: [] })).toBe(false);
    expect(errors()).toContain('must NOT have additional properties');
    expect(validate({ ...config, asar: 'yes' })).toBe(false);
    expect(validate({ ...config, mac: { ...config.mac, fileAssociations: [{ name: 'no ext' }] } })).toBe(false);
    expect(errors()).toContain("must have required property 'ext'");
  });

  it('names the app, its id and categories, and builds AppImage and deb, NSIS, and dmg', () => {
    expect(config.appId).toBe('app.cue.flashcards');
    expect(config.productName).toBe('Cue');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Education');
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.mac?.category).toBe('public.app-category.education');
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('unpacks better-sqlite3’s addon and the FSRS binding from the asar, and nothing of Cue’s own code', () => {
    expect(config.npmRebuild).toBe(true); // better-sqlite3 rebuilt for Electron's ABI
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(unpacked('node_modules/@open-spaced-repetition/binding/index.js')).toBe(true);
    expect(unpacked('node_modules/@open-spaced-repetition/binding-linux-x64-gnu/fsrs.linux-x64-gnu.node')).toBe(true);
    expect(unpacked('dist/electron/main.cjs')).toBe(false);
    expect(unpacked('node_modules/better-sqlite3/lib/database.js')).toBe(false);
  });

  it('packs the tray icon the running app loads', () => {
    expect(config.files).toContain('assets/**/*');
    expect(pngSize(join(REPO_ROOT, 'assets', 'tray.png'))).toEqual({ width: 22, height: 22 });
    expect(pngSize(join(REPO_ROOT, 'assets', 'tray@2x.png'))).toEqual({ width: 44, height: 44 });
  });
});

describe('file associations', () => {
  it('macOS: every deck format but .txt, Anki packages by default, the others only as an alternative', () => {
    const mac = associations('mac');
    expect(mac.map((a) => a.ext)).toEqual(['apkg', 'colpkg', 'csv', 'tsv', 'md']);
    for (const a of mac) expect(a.role).toBe('Viewer');
    expect(mac.filter((a) => a.rank === 'Default').map((a) => a.ext)).toEqual(['apkg', 'colpkg']);
    expect(mac.filter((a) => a.rank === 'Alternate').map((a) => a.ext)).toEqual(['csv', 'tsv', 'md']);
  });

  it('Windows: only Anki packages (NSIS makes Cue the default for what it associates), installed per machine', () => {
    expect(associations('win').map((a) => a.ext)).toEqual(['apkg', 'colpkg']);
    expect(config.nsis?.perMachine).toBe(true);
  });

  it('Linux: every deck format but .txt, each with its MIME type', () => {
    expect(associations('linux').map((a) => [a.ext, a.mimeType])).toEqual([
      ['apkg', 'application/x-apkg'],
      ['colpkg', 'application/x-colpkg'],
      ['csv', 'text/csv'],
      ['tsv', 'text/tab-separated-values'],
      ['md', 'text/markdown'],
    ]);
  });

  it('associates only what Cue opens, and leaves out only .txt', () => {
    const associated = new Set(
      ['mac', 'win', 'linux'].flatMap((p) => associations(p as 'mac').map((a) => `.${a.ext}`)),
    );
    for (const ext of associated) expect(DECK_FILE_EXTENSIONS).toContain(ext);
    expect(DECK_FILE_EXTENSIONS.filter((ext) => !associated.has(ext))).toEqual(['.txt']);
  });
});

describe('icons', () => {
  it('the SVG source and the 1024 px PNG macOS and Windows icons are made from', () => {
    expect(readFileSync(join(REPO_ROOT, 'build', 'icon.svg'), 'utf8')).toContain('viewBox="0 0 1024 1024"');
    expect(config.mac?.icon).toBe('build/icon.png');
    expect(config.win?.icon).toBe('build/icon.png');
    expect(pngSize(join(REPO_ROOT, 'build', 'icon.png'))).toEqual({ width: 1024, height: 1024 });
  });

  it('Linux: every size from 16 to 1024, each as large as its name says', () => {
    expect(config.linux?.icon).toBe('build/icons');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const path = join(REPO_ROOT, 'build', 'icons', `${size}x${size}.png`);
      expect(existsSync(path), path).toBe(true);
      expect(pngSize(path)).toEqual({ width: size, height: size });
    }
  });
});
