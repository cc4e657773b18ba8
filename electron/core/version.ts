/** Cue's version, as `cue --version` and collection.info report it. */
export const CUE_VERSION = '0.1.0';
