/** Runs the built `cue` command (bin/cue.mjs) as a real child process. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
const CUE_BIN = join(REPO_ROOT, 'bin', 'cue.mjs');

export function runCue(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CUE_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  /** Stops the host: SIGTERM lets it close the collection, SIGKILL is a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `cue serve --port 0` on a data folder and waits for the URL it prints. */
export function startHost(dataDir: string, env: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<RunningHost> {
  const child = spawn(process.execPath, [CUE_BIN, 'serve', '--port', '0', '--data-dir', dataDir, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`cue serve printed no URL in 15 s:\n${output}`)), 15_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.on('exit', (code) => fail(new Error(`cue serve exited with ${code}:\n${output}`)));
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Cue is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=([\w-]+))/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const url = match[1];
      resolve({
        url,
        origin: new URL(url).origin,
        token: match[2],
        process: child,
        stop: (signal = 'SIGTERM') =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}

/** Calls the host's API the way the renderer does. */
export async function callHost<T>(host: RunningHost, method: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cue-token': host.token },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
  return body.result as T;
}
