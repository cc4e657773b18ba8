export const DEBIAN_CHROMIUM: string;
export function chromiumPath(env: Record<string, string | undefined>): string;

export const NPM_MAJOR: number;
export function npmTooOld(version: string | undefined): string | undefined;

interface LockEntry {
  version?: string;
  integrity?: string;
  link?: boolean;
  optional?: boolean;
}
export interface Lock {
  packages?: Record<string, LockEntry>;
}
export function lockDifference(lock: Lock, installed: Lock): string | undefined;

export type InstallDecision = { action: 'none' } | { action: 'install' | 'warn'; reason: string };
export function installDecision(facts: {
  lock: Lock;
  installed: Lock | undefined;
  nodeModules: 'missing' | 'folder' | 'link';
  addonError?: () => string | undefined;
}): InstallDecision;

export type ChromiumDecision =
  | { action: 'none'; path: string }
  | { action: 'install'; path: string; commands: string[][] }
  | { action: 'refuse'; message: string };
export function chromiumDecision(facts: {
  env: Record<string, string | undefined>;
  isExecutable: (path: string) => boolean;
  isRoot: boolean;
  hasAptGet: boolean;
}): ChromiumDecision;

export type SyncthingDecision =
  | { action: 'none'; path: string }
  | { action: 'install'; commands: string[][] }
  | { action: 'skip'; message: string };
export function syncthingDecision(facts: {
  env: Record<string, string | undefined>;
  isExecutable: (path: string) => boolean;
  findOnPath: (command: string) => string | undefined;
  isRoot: boolean;
  hasAptGet: boolean;
}): SyncthingDecision;
