/**
 * Two real Syncthing instances on 127.0.0.1 sharing one folder, for tests of sync through a folder. Each has its
 * own home (keys, config, database) and folder under a root the test owns; a reaches b at a static address, with
 * discovery, relays, NAT traversal, usage and crash reporting and upgrades all off, so nothing leaves the
 * machine. Every wait is bounded and polls Syncthing's REST API; a failure names the peer and quotes
 * the end of its log.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { delimiter, join } from 'node:path';

export interface Peer {
  /** 'a' or 'b', as errors name it. */
  name: string;
  home: string;
  folder: string;
  deviceId: string;
  apiUrl: string;
  apiKey: string;
}

export interface SyncthingPair {
  a: Peer;
  b: Peer;
  folderId: string;
  /** Pauses the connection on both sides and waits until neither is connected to the other. */
  pause(): Promise<void>;
  /** Resumes the connection on both sides and waits until each is connected to the other again. */
  resume(): Promise<void>;
  /** Scans the shared folder now (on both peers when none is named); resolves when the scan is done. */
  scan(peer?: Peer): Promise<void>;
  /** Scans both sides, then waits until each has the other's latest index and needs nothing from it. */
  waitInSync(timeoutMs?: number): Promise<void>;
  /** Stops both instances (SIGTERM, then SIGKILL) and waits for them to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface SyncthingPairOptions {
  folderId?: string;
  startTimeoutMs?: number;
}

const SYNCTHING = 'syncthing';
const POLL_MS = 50;
const REQUEST_TIMEOUT_MS = 10_000;
const TERM_WAIT_MS = 10_000;
const KILL_WAIT_MS = 5_000;
const LOG_LINES = 30;
/** Syncthing's --home holds the config version this file writes (1.19's is 36); older ones are migrated. */
const CONFIG_VERSION = 36;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The syncthing to run: SYNCTHING_BIN when set, else the first on PATH; null when there is none. */
export function syncthingBinary(): string | null {
  const chosen = process.env.SYNCTHING_BIN;
  if (chosen) return isExecutable(chosen) ? chosen : null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, SYNCTHING))) return join(dir, SYNCTHING);
  }
  return null;
}

/** The environment both the key generation and the instances run in. */
function syncthingEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    STNODEFAULTFOLDER: '1',
    STNOUPGRADE: '1',
    STNORESTART: '1',
    // 1.19's serve forks a monitor and runs the real instance as its child even with --no-restart; this (its own
    // hidden switch) runs the instance itself, so the pid this file signals is Syncthing's
    STMONITORED: 'yes',
    // names the SHA-256 code Syncthing would pick here, which skips the benchmark it picks it by (0.9 s a start)
    STHASHING: process.env.STHASHING || 'minio',
    // a developer's STTRACE would flood the log tail errors quote
    STTRACE: '',
  };
}

/** The last lines of a process's output, kept for error messages. */
class LogTail {
  private lines: string[] = [];
  private partial = '';

  add(chunk: Buffer): void {
    const text = this.partial + chunk.toString('utf8');
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > LOG_LINES) this.lines.splice(0, this.lines.length - LOG_LINES);
  }

  toString(): string {
    const lines = this.partial ? [...this.lines, this.partial] : this.lines;
    return lines.length ? lines.map((line) => `    ${line}`).join('\n') : '    (no output)';
  }
}

/** Free ports on 127.0.0.1, all held open together so they are distinct, then released for Syncthing. */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('a port-0 listener reported no port');
      ports.push(address.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

const DEVICE_ID = /Device ID: ([A-Z2-7]{7}(?:-[A-Z2-7]{7}){7})/;

/** Generates a home's key and certificate and returns its device id (1.19 prints it on stderr, logs on stdout). */
function generateKeys(binary: string, name: string, home: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      ['generate', `--home=${home}`, '--no-default-folder'],
      { env: syncthingEnv(), timeout: timeoutMs, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        const id = DEVICE_ID.exec(output)?.[1];
        if (error || !id) {
          const why = error ? error.message : 'it printed no device id';
          reject(new Error(`Syncthing ${name}: "syncthing generate --home=${home}" failed (${why}):\n${output}`));
        } else resolve(id);
      },
    );
  });
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface ConfigFacts {
  self: { name: string; deviceId: string; guiPort: number; listenPort: number; apiKey: string };
  /** Where this side dials the other: 'dynamic' (with discovery off, nowhere) for the side that only listens. */
  other: { name: string; deviceId: string; address: string };
}

/**
 * A whole config.xml with the two devices and no folder: Syncthing fills the options left out with their
 * defaults as it loads, but not a folder's (1.19 reads a <folder> without maxConflicts as 0, no conflict copies
 * at all), so the folder is added over REST once it runs, which starts from Syncthing's folder defaults.
 */
function configXml({ self, other }: ConfigFacts): string {
  const device = (name: string, id: string, address: string) =>
    [
      `  <device id="${id}" name="${name}" compression="metadata" introducer="false">`,
      `    <address>${escapeXml(address)}</address>`,
      '    <paused>false</paused>',
      '    <autoAcceptFolders>false</autoAcceptFolders>',
      '  </device>',
    ].join('\n');
  return [
    `<configuration version="${CONFIG_VERSION}">`,
    device(self.name, self.deviceId, 'dynamic'),
    device(other.name, other.deviceId, other.address),
    '  <gui enabled="true" tls="false" debugging="false">',
    `    <address>127.0.0.1:${self.guiPort}</address>`,
    `    <apikey>${self.apiKey}</apikey>`,
    '  </gui>',
    '  <options>',
    `    <listenAddress>tcp://127.0.0.1:${self.listenPort}</listenAddress>`,
    '    <globalAnnounceEnabled>false</globalAnnounceEnabled>',
    '    <localAnnounceEnabled>false</localAnnounceEnabled>',
    '    <relaysEnabled>false</relaysEnabled>',
    '    <natEnabled>false</natEnabled>',
    '    <startBrowser>false</startBrowser>',
    '    <urAccepted>-1</urAccepted>',
    '    <urSeen>3</urSeen>',
    '    <crashReportingEnabled>false</crashReportingEnabled>',
    '    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>',
    // STUN runs for the QUIC listener only, and there is none; 0 also switches its keep-alive off
    '    <stunKeepaliveStartS>0</stunKeepaliveStartS>',
    // a failed dial is retried sooner than the default minute (Syncthing raises anything below 5 to 5)
    '    <reconnectionIntervalS>5</reconnectionIntervalS>',
    // Syncthing lowers its own priority by default: on a loaded test machine that only slows the test
    '    <setLowPriority>false</setLowPriority>',
    '  </options>',
    '</configuration>',
    '',
  ].join('\n');
}

interface Running {
  peer: Peer;
  child: ChildProcess;
  log: LogTail;
  exited: Promise<void>;
  exit: string | undefined;
}

/** Instances still running, killed if the test process exits without stopping them (a test timed out). */
const live = new Set<Running>();
process.once('exit', () => {
  for (const running of live) signalGroup(running, 'SIGKILL');
});

function startInstance(binary: string, peer: Peer): Running {
  const log = new LogTail();
  const child = spawn(binary, ['serve', '--no-browser', '--no-restart', '--no-upgrade', `--home=${peer.home}`], {
    env: syncthingEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    // its own process group, signalled as a whole: a version that forks a monitor anyway leaves no orphan
    detached: true,
  });
  const running: Running = { peer, child, log, exit: undefined, exited: Promise.resolve() };
  running.exited = new Promise((resolve) => {
    child.once('error', (error) => {
      running.exit = `could not be started: ${error.message}`;
      resolve();
    });
    // 'close' comes after the last output, which the error messages quote
    child.once('close', (code, signal) => {
      running.exit = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      live.delete(running);
      resolve();
    });
  });
  live.add(running);
  child.stdout?.on('data', (chunk: Buffer) => log.add(chunk));
  child.stderr?.on('data', (chunk: Buffer) => log.add(chunk));
  return running;
}

/** A failed request or a stopped process: the message quotes the peer's log, `brief` leaves it out. */
class SyncthingError extends Error {
  constructor(
    readonly brief: string,
    log: string,
  ) {
    super(log ? `${brief}. Its last output:\n${log}` : brief);
  }
}

function failure(running: Running, what: string): SyncthingError {
  const state = running.exit ? ` (the process ${running.exit})` : '';
  return new SyncthingError(`Syncthing ${running.peer.name}: ${what}${state}`, String(running.log));
}

async function rest<T>(
  running: Running,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<T> {
  const { apiUrl, apiKey } = running.peer;
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { 'X-API-Key': apiKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw failure(running, `${method} ${path} failed: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) throw failure(running, `${method} ${path} answered HTTP ${response.status}: ${text.trim()}`);
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return text as T;
  }
}

/**
 * Polls `check` until it returns true, at most `timeoutMs`; anything else it returns says what is still missing,
 * for the timeout's message. A peer's process that exits ends the wait at once.
 */
async function waitUntil(
  what: string,
  timeoutMs: number,
  peers: Running[],
  check: () => Promise<true | string>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'not checked yet';
  for (;;) {
    const dead = peers.find((running) => running.exit !== undefined);
    if (dead) throw failure(dead, `stopped while waiting for ${what}`);
    try {
      const result = await check();
      if (result === true) return;
      last = result;
    } catch (error) {
      // a refused connection while the API starts is expected; a failure in the end is reported with the last one
      if (!(error instanceof SyncthingError)) throw error;
      last = error.brief;
    }
    if (Date.now() >= deadline) {
      const logs = peers.map((running) => `Syncthing ${running.peer.name}'s last output:\n${running.log}`).join('\n');
      throw new SyncthingError(`Timed out after ${timeoutMs} ms waiting for ${what}. Last seen: ${last}\n${logs}`, '');
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

interface Connections {
  connections: Record<string, { connected: boolean; paused: boolean }>;
}

interface FolderStatus {
  state: string;
  sequence: number;
  globalFiles: number;
  globalBytes: number;
  globalDeleted: number;
  localFiles: number;
  localBytes: number;
  localDeleted: number;
  needTotalItems: number;
  pullErrors: number;
  errors: number;
}

interface Completion {
  completion: number;
  needItems: number;
  needDeletes: number;
  /** The other device's index sequence as this one last received it. */
  sequence: number;
}

async function connection(running: Running, other: Peer) {
  const { connections } = await rest<Connections>(running, 'GET', '/rest/system/connections');
  return connections[other.deviceId] ?? { connected: false, paused: false };
}

function signalGroup(running: Running, signal: NodeJS.Signals): void {
  const pid = running.child.pid;
  if (pid === undefined || running.exit !== undefined) return;
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // the group is gone already: the exit event is on its way
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Ends a process: SIGTERM lets it close its database, SIGKILL follows when it has not exited in time. */
async function terminate(running: Running): Promise<void> {
  if (running.exit !== undefined) return;
  const within = (ms: number) =>
    Promise.race([running.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
  signalGroup(running, 'SIGTERM');
  if (await within(TERM_WAIT_MS)) return;
  signalGroup(running, 'SIGKILL');
  if (!(await within(KILL_WAIT_MS))) throw failure(running, `did not exit ${KILL_WAIT_MS} ms after SIGKILL`);
}

/** Starts two Syncthing instances sharing `folderId` between root/a-folder and root/b-folder; see SyncthingPair. */
export async function startSyncthingPair(root: string, options: SyncthingPairOptions = {}): Promise<SyncthingPair> {
  const folderId = options.folderId ?? 'cue-sync';
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const binary = syncthingBinary();
  if (!binary) throw new Error('No syncthing binary: set SYNCTHING_BIN or put syncthing on PATH.');

  const names = ['a', 'b'] as const;
  const homes = names.map((name) => join(root, `${name}-home`));
  const folders = names.map((name) => join(root, `${name}-folder`));
  for (const dir of [...homes, ...folders]) mkdirSync(dir, { recursive: true });
  // the marker Syncthing looks for before it trusts a folder's path (it refuses to sync a folder without it)
  for (const folder of folders) mkdirSync(join(folder, '.stfolder'), { recursive: true });

  const deviceIds = await Promise.all(names.map((name, i) => generateKeys(binary, name, homes[i], startTimeoutMs)));
  const [guiA, guiB, listenA, listenB] = await freePorts(4);
  const guiPorts = [guiA, guiB];
  const listenPorts = [listenA, listenB];
  const peers: Peer[] = names.map((name, i) => ({
    name,
    home: homes[i],
    folder: folders[i],
    deviceId: deviceIds[i],
    apiUrl: `http://127.0.0.1:${guiPorts[i]}`,
    apiKey: randomBytes(24).toString('hex'),
  }));
  // Only a dials, b listens. Syncthing 1.19 exchanges hellos one connection at a time, with a 20 s deadline: when
  // both sides dial at once, each waits on its own outgoing connection for a hello the other sends only after
  // finishing its own, and nothing connects for 20 s (seen at start, and after resume).
  const addressOfB = (dial: number) => `tcp://127.0.0.1:${listenB}/?dial=${dial}`;
  for (const [i, peer] of peers.entries()) {
    const o = 1 - i;
    const xml = configXml({
      self: { ...peer, guiPort: guiPorts[i], listenPort: listenPorts[i] },
      other: { name: names[o], deviceId: deviceIds[o], address: i === 0 ? addressOfB(0) : 'dynamic' },
    });
    writeFileSync(join(peer.home, 'config.xml'), xml, { mode: 0o600 });
  }

  const instances = peers.map((peer) => startInstance(binary, peer));
  const [ra, rb] = instances;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= Promise.allSettled(instances.map(terminate)).then((results) => {
      const rejected = results.find((result) => result.status === 'rejected');
      if (rejected) throw rejected.reason;
    });
    return stopping;
  };
  const otherOf = (running: Running) => (running === ra ? rb : ra);
  // Syncthing keeps the time of its next dial per address, and after three redials of a device in two minutes
  // it stops redialling it at once when asked (its cool-down), which left a resume waiting 5 to 25 s. An
  // address it has not dialled yet is dialled in the same loop, so each dial names b's anew (the query is
  // ignored), and unpauses b on a's side in the same change.
  let dials = 0;
  const dialB = () =>
    rest(ra, 'PATCH', `/rest/config/devices/${encodeURIComponent(rb.peer.deviceId)}`, {
      paused: false,
      addresses: [addressOfB(++dials)],
    });
  const connectedBoth = (wanted: boolean) => async (): Promise<true | string> => {
    const states = await Promise.all(instances.map((running) => connection(running, otherOf(running).peer)));
    if (states.every((state) => state.connected === wanted)) return true;
    return instances
      .map((running, i) => `${running.peer.name} ${states[i].connected ? 'is' : 'is not'} connected`)
      .join(', ');
  };

  try {
    await waitUntil('both REST APIs to answer', startTimeoutMs, instances, async () => {
      for (const running of instances) {
        const status = await rest<{ myID: string }>(running, 'GET', '/rest/system/status');
        if (status.myID !== running.peer.deviceId) {
          // not worth retrying: another instance answers on this port, or it made keys of its own
          const error = failure(running, `runs as ${status.myID}, not the generated ${running.peer.deviceId}`);
          throw new Error(error.message);
        }
      }
      return true;
    });
    // the watcher stays on (1 s delay) as a user's would; waitInSync scans itself, so it does not depend on it
    await Promise.all(
      instances.map((running) =>
        rest(running, 'PUT', `/rest/config/folders/${encodeURIComponent(folderId)}`, {
          id: folderId,
          label: folderId,
          path: running.peer.folder,
          type: 'sendreceive',
          devices: instances.map((instance) => ({ deviceID: instance.peer.deviceId })),
          rescanIntervalS: 3600,
          fsWatcherEnabled: true,
          fsWatcherDelayS: 1,
        }),
      ),
    );
    // a's first dial may have come before b listened, and its retry would wait 5 s
    await dialB();
    await waitUntil('a and b to connect to each other', startTimeoutMs, instances, connectedBoth(true));
    await waitUntil(`both to share folder ${folderId}`, startTimeoutMs, instances, async () => {
      for (const running of instances) {
        const folders = await rest<{ id: string }[]>(running, 'GET', '/rest/config/folders');
        if (!folders.some((folder) => folder.id === folderId)) return `${running.peer.name} lacks ${folderId}`;
      }
      return true;
    });
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }

  const pauseOther = (running: Running, paused: boolean) =>
    rest(running, 'PATCH', `/rest/config/devices/${encodeURIComponent(otherOf(running).peer.deviceId)}`, { paused });

  const setPaused = async (paused: boolean) => {
    if (paused) await Promise.all(instances.map((running) => pauseOther(running, true)));
    else {
      // b first, so that a's dial finds b accepting
      await pauseOther(rb, false);
      await dialB();
    }
    const what = paused ? 'a and b to disconnect after pause' : 'a and b to reconnect after resume';
    await waitUntil(what, startTimeoutMs, instances, connectedBoth(!paused));
  };

  const scanOne = (running: Running) => rest(running, 'POST', `/rest/db/scan?folder=${encodeURIComponent(folderId)}`);

  const inSync = async (): Promise<true | string> => {
    const folder = encodeURIComponent(folderId);
    const [statuses, completions, links] = await Promise.all([
      Promise.all(instances.map((running) => rest<FolderStatus>(running, 'GET', `/rest/db/status?folder=${folder}`))),
      Promise.all(
        instances.map((running) =>
          rest<Completion>(
            running,
            'GET',
            `/rest/db/completion?folder=${folder}&device=${encodeURIComponent(otherOf(running).peer.deviceId)}`,
          ),
        ),
      ),
      Promise.all(instances.map((running) => connection(running, otherOf(running).peer))),
    ]);
    const missing: string[] = [];
    for (const [i, running] of instances.entries()) {
      const name = running.peer.name;
      const other = 1 - i;
      const status = statuses[i];
      const completion = completions[i];
      if (!links[i].connected) missing.push(`${name} is not connected (paused?)`);
      if (status.state !== 'idle') missing.push(`${name} is ${status.state || 'in no state'}`);
      if (status.needTotalItems !== 0) missing.push(`${name} needs ${status.needTotalItems} items`);
      if (status.pullErrors !== 0 || status.errors !== 0) {
        missing.push(`${name} has ${status.pullErrors} pull errors, ${status.errors} errors`);
      }
      if (status.localFiles !== status.globalFiles || status.localBytes !== status.globalBytes) {
        missing.push(`${name} has ${status.localFiles} of ${status.globalFiles} files locally`);
      }
      // what this side knows of the other's index is the other's latest: nothing it scanned is still in flight
      if (completion.sequence !== statuses[other].sequence) {
        missing.push(
          `${name} has ${instances[other].peer.name}'s index at ${completion.sequence}, ` +
            `not ${statuses[other].sequence}`,
        );
      }
      if (completion.completion !== 100 || completion.needItems !== 0 || completion.needDeletes !== 0) {
        missing.push(`${name} sees ${instances[other].peer.name} ${completion.completion}% complete`);
      }
    }
    const [sa, sb] = statuses;
    if (
      sa.globalFiles !== sb.globalFiles ||
      sa.globalBytes !== sb.globalBytes ||
      sa.globalDeleted !== sb.globalDeleted
    ) {
      missing.push(
        `the global views differ (a ${sa.globalFiles} files/${sa.globalBytes} B/${sa.globalDeleted} deleted, ` +
          `b ${sb.globalFiles}/${sb.globalBytes} B/${sb.globalDeleted})`,
      );
    }
    return missing.length ? missing.join('; ') : true;
  };

  const runningOf = (peer: Peer) => {
    const running = instances.find((instance) => instance.peer.deviceId === peer.deviceId);
    if (!running) throw new Error(`${peer.deviceId} is not a peer of this pair`);
    return running;
  };

  return {
    a: ra.peer,
    b: rb.peer,
    folderId,
    pause: () => setPaused(true),
    resume: () => setPaused(false),
    scan: async (peer) => {
      await Promise.all((peer ? [runningOf(peer)] : instances).map(scanOne));
    },
    waitInSync: async (timeoutMs = 30_000) => {
      await Promise.all(instances.map(scanOne));
      await waitUntil(`folder ${folderId} to be in sync`, timeoutMs, instances, inSync);
    },
    stop,
  };
}
