// The processes of the deployment example (deploy/Procfile and deploy/varnish.vcl), started
// for real on 127.0.0.1 by the topology test: the built CLI as proxy replicas, Varnish in front.
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {chmod, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {delimiter, dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {terminate} from './redis-server.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const PROCFILE = join(ROOT, 'deploy/Procfile');
const VCL = join(ROOT, 'deploy/varnish.vcl');
/** The ports deploy/varnish.vcl names, replaced by the ones the test picked. */
const EXAMPLE_PORTS = ['8801', '8802', '8803'];

/** varnishd as scripts/system-deps.sh finds it: on PATH, or in /usr/sbin. */
export function findVarnishd(): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin'];
  return dirs.map((dir) => join(dir, 'varnishd')).find((path) => existsSync(path));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The Procfile's lines by process name. */
export async function procfile(): Promise<Map<string, string>> {
  const lines = (await readFile(PROCFILE, 'utf8')).split('\n');
  const entries = lines
    .filter((line) => /^[a-z0-9]+:\s/.test(line))
    .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]);
  return new Map(entries as [string, string][]);
}

/** A process started from a Procfile line, with its output kept for the test to read. */
export interface Proc {
  readonly child: ChildProcess;
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export function startLine(command: string, env: Record<string, string>): Proc {
  // Every line starts with `exec`, so the shell becomes the process itself: signals reach it.
  const child = spawn('sh', ['-c', command], {
    cwd: ROOT,
    env: {...process.env, ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    child,
    output: () => output,
    stop: (graceMs = 3_000) => terminate(child, graceMs),
  };
}

/** Polls `url` until it answers 200 (a started server is ready), or fails after `ms`. */
export async function waitForHttp(url: string, ms: number, proc?: Proc): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const response = await fetch(url, {signal: AbortSignal.timeout(1_000)});
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${url} did not answer 200 within ${ms} ms\n${proc?.output() ?? ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Varnish from the Procfile's line, with the example VCL pointed at the replicas' ports. */
export async function startVarnish(
  line: string,
  varnishd: string,
  replicaPorts: number[],
): Promise<Proc & {url: string; dir: string; hits(): Promise<number>}> {
  const dir = await mkdtemp(join(tmpdir(), 'ss-varnish-'));
  // Varnish reads the VCL and works in its folder as its own unprivileged user.
  await chmod(dir, 0o755);
  let vcl = await readFile(VCL, 'utf8');
  EXAMPLE_PORTS.forEach((port, i) => {
    vcl = vcl.replace(`.port = "${port}"`, `.port = "${replicaPorts[i]}"`);
  });
  await writeFile(join(dir, 'front.vcl'), vcl);
  const port = await freePort();
  const proc = startLine(line, {
    PATH: `${dirname(varnishd)}${delimiter}${process.env['PATH'] ?? ''}`,
    VARNISH_DIR: join(dir, 'work'),
    VARNISH_VCL: join(dir, 'front.vcl'),
    FRONT_PORT: String(port),
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = proc.stop;
  return {
    ...proc,
    url,
    dir,
    stop: async () => {
      await stop(5_000);
      await rm(dir, {recursive: true, force: true});
    },
    hits: () =>
      new Promise((resolve, reject) => {
        const args = ['-1', '-n', join(dir, 'work'), '-f', 'MAIN.cache_hit'];
        const varnishstat = join(dirname(varnishd), '..', 'bin', 'varnishstat');
        const bin = existsSync(varnishstat) ? varnishstat : 'varnishstat';
        execFile(bin, args, (e, out) =>
          e ? reject(e) : resolve(Number(/MAIN\.cache_hit\s+(\d+)/.exec(out)?.[1] ?? NaN)),
        );
      }),
  };
}

/** Counts of upstream requests over time, to check every 60 s window. */
export class RequestLog {
  readonly #samples: {at: number; count: number}[] = [];
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(count: () => number, everyMs = 50) {
    const sample = () => this.#samples.push({at: Date.now(), count: count()});
    sample();
    this.#timer = setInterval(sample, everyMs);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /**
   * The most requests in any window of `windowMs`: for each sample, its count less the count
   * of the last sample a whole window (or more) before it. Sampling can only over-count.
   */
  maxInWindow(windowMs: number): number {
    let max = 0;
    let before = -1;
    const s = this.#samples;
    for (const end of s) {
      while (before + 1 < s.length && s[before + 1]!.at <= end.at - windowMs) before++;
      max = Math.max(max, end.count - (before < 0 ? 0 : s[before]!.count));
    }
    return max;
  }

  /** Upstream requests per minute over the whole log. */
  perMinute(): number {
    const s = this.#samples;
    const minutes = (s[s.length - 1]!.at - s[0]!.at) / 60_000;
    return minutes > 0 ? (s[s.length - 1]!.count - s[0]!.count) / Math.max(1, minutes) : 0;
  }
}
