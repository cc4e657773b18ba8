/**
 * The Electron fuses of the packaged app, read from electron-builder.yml the way `npm run dist` reads
 * it: electron-builder's own config loader and schema check, then its translation into the bits
 * @electron/fuses flips in the binary. No Electron binary is needed for any of it.
 */
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { PlatformPackager } from 'app-builder-lib';
import type { Configuration, FuseOptionsV1 } from 'app-builder-lib/out/configuration';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/collections';

type FuseBits = Partial<Record<FuseV1Options, boolean>> & { version: FuseVersion };
/** electron-builder's private step from the config's fuse names to @electron/fuses' numbered bits. */
const toFuseBits = (
  PlatformPackager.prototype as unknown as { generateFuseConfig(f: FuseOptionsV1): Promise<FuseBits> }
).generateFuseConfig;

let config: Configuration;
let bits: FuseBits;

beforeAll(async () => {
  config = await getConfig(REPO_ROOT, null, null);
  bits = await toFuseBits.call(null, config.electronFuses ?? {});
});

describe('the packaged app’s fuses', () => {
  it('are in a configuration electron-builder accepts as valid', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // the schema check is real: a misspelt key fails it
    await expect(
      validateConfiguration({ ...config, electronFuse: {} } as Configuration, new DebugLogger(false)),
    ).rejects.toThrow(/unknown property 'electronFuse'/);
  });

  const expected: [string, FuseV1Options, boolean][] = [
    ['RunAsNode off', FuseV1Options.RunAsNode, false],
    ['NodeOptions off', FuseV1Options.EnableNodeOptionsEnvironmentVariable, false],
    ['Node CLI inspect arguments off', FuseV1Options.EnableNodeCliInspectArguments, false],
    ['cookie encryption on', FuseV1Options.EnableCookieEncryption, true],
    ['ASAR integrity validation on', FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true],
    ['only load the app from ASAR on', FuseV1Options.OnlyLoadAppFromAsar, true],
    ['extra file:// privileges off', FuseV1Options.GrantFileProtocolExtraPrivileges, false],
  ];
  for (const [what, fuse, value] of expected) {
    it(`flips ${what}`, () => {
      expect(bits.version).toBe(FuseVersion.V1);
      expect(bits[fuse]).toBe(value);
    });
  }

  it('packs the app into app.asar, which the ASAR fuses need', () => {
    expect(config.asar).not.toBe(false);
    // only native code beside it: the addons, and the FSRS binding the optimiser's worker loads
    expect(config.asarUnpack).toEqual(['**/*.node', '**/node_modules/@open-spaced-repetition/**']);
  });
});
