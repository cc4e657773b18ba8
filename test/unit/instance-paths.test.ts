/**
 * One Cue per data folder (electron/instance-paths.ts): Electron's single-instance lock lives in userData,
 * so the data folder becomes userData. Launches on the same folder share the lock (the second focuses
 * the first and hands it its files); launches on two folders run side by side; Chromium's files stay
 * out of the collection's folder.
 */
import { describe, expect, it } from 'vitest';
import { dataDirFromArgv, instancePaths, isForThisInstance, SESSION_FOLDER } from '../../electron/instance-paths';

const DEFAULT = '/home/me/.config/Cue';

describe('the single-instance lock is the data folder’s', () => {
  it('the default folder: userData stays as Electron has it, so the lock and session are where they were', () => {
    expect(instancePaths(undefined, DEFAULT, '/anywhere')).toEqual({
      dataDir: DEFAULT,
      userData: DEFAULT,
      sessionData: DEFAULT,
    });
  });

  it('two launches on one folder, however it is written, get one lock', () => {
    const first = instancePaths('/data/cue', DEFAULT, '/');
    const second = instancePaths('../cue/', DEFAULT, '/data/other');
    const third = instancePaths('/data/./cue', DEFAULT, '/');
    expect(second.userData).toBe(first.userData);
    expect(third.userData).toBe(first.userData);
    expect(first.userData).toBe('/data/cue');
  });

  it('launches on two folders get two locks, and the default folder named explicitly is the default', () => {
    expect(instancePaths('/data/a', DEFAULT, '/').userData).not.toBe(instancePaths('/data/b', DEFAULT, '/').userData);
    expect(instancePaths('/data/a', DEFAULT, '/').userData).not.toBe(instancePaths(undefined, DEFAULT, '/').userData);
    expect(instancePaths(`${DEFAULT}/`, DEFAULT, '/')).toEqual(instancePaths(undefined, DEFAULT, '/'));
  });

  it("another folder keeps Chromium's session files in a folder of their own inside it", () => {
    expect(instancePaths('/data/cue', DEFAULT, '/').sessionData).toBe(`/data/cue/${SESSION_FOLDER}`);
  });

  it('reads --data-dir in both spellings, and an empty CUE_DATA_DIR is no choice', () => {
    expect(dataDirFromArgv(['cue', '--data-dir', '/d'])).toBe('/d');
    expect(dataDirFromArgv(['cue', '--data-dir=/e', 'x.apkg'])).toBe('/e');
    expect(dataDirFromArgv(['cue', 'x.apkg'])).toBeUndefined();
    expect(instancePaths('', DEFAULT, '/').dataDir).toBe(DEFAULT);
  });

  it('a second launch is acted on only when it is for this folder', () => {
    expect(isForThisInstance({ dataDir: '/data/cue/' }, '/data/cue')).toBe(true);
    expect(isForThisInstance({ dataDir: '/data/other' }, '/data/cue')).toBe(false);
    // an older Cue sends nothing: the lock already says it is this folder's
    expect(isForThisInstance(null, '/data/cue')).toBe(true);
  });
});
