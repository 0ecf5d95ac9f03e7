// The three browser engines the browser suite and the screenshots run in, all from Debian's
// packages (scripts/system-deps.sh): Chromium, Firefox ESR over WebDriver BiDi (no driver
// binary), and WebKitGTK's MiniBrowser through WebKitWebDriver under a private Xvfb display.
import {spawn} from 'node:child_process';
import {existsSync, readdirSync} from 'node:fs';
import {createServer} from 'node:net';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

const firstExisting = (paths) => paths.find((p) => p && existsSync(p));

export const chromiumPath = () =>
  firstExisting([process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']);

export const firefoxPath = () =>
  firstExisting([process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox']);

/** MiniBrowser ships inside libwebkit2gtk (its path carries the multiarch triplet). */
export function miniBrowserPath() {
  if (process.env.MINIBROWSER_PATH) return process.env.MINIBROWSER_PATH;
  const lib = '/usr/lib';
  const dirs = readdirSync(lib).map((d) => `${lib}/${d}/webkit2gtk-4.1/MiniBrowser`);
  return firstExisting([...dirs, `${lib}/webkit2gtk-4.1/MiniBrowser`]);
}

/**
 * Reads `--engine <name>[,<name>]` (or `--engine=<name>`) from argv: the engines asked for (all
 * when not asked) and argv without the option. Throws on a name that is not one of ENGINES.
 */
export function parseEngineOption(argv) {
  const rest = [];
  let asked;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--engine') asked = argv[++i] ?? '';
    else if (arg.startsWith('--engine=')) asked = arg.slice('--engine='.length);
    else rest.push(arg);
  }
  const engines = asked === undefined ? [...ENGINES] : asked.split(',').filter(Boolean);
  const unknown = engines.filter((engine) => !ENGINES.includes(engine));
  if (unknown.length || !engines.length) {
    throw new Error(`--engine takes ${ENGINES.join(', ')} (comma-separated); got "${asked}"`);
  }
  return {engines, rest};
}

/** A port free on 127.0.0.1 right now, for a program that cannot be told to pick one. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Kills a child started here and waits until it is gone; never outlives this process. */
function stopper(child) {
  process.once('exit', () => child.kill('SIGTERM'));
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/**
 * A private Xvfb display (MiniBrowser has no headless mode). Xvfb picks a free display number
 * itself and writes it to the pipe, so parallel runs never collide. A screen `width` by
 * `height`: a window larger than its screen is not fully painted.
 */
export async function startXvfb({width = 1280, height = 1024} = {}) {
  const child = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    },
  );
  const display = await new Promise((resolve, reject) => {
    let text = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Xvfb exited with ${code} before starting`)));
    child.stdio[3].on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
  });
  child.removeAllListeners('exit');
  return {display, stop: stopper(child)};
}

/**
 * WebKitWebDriver on a free port, answering once it is ready for a session. `env` adds to the
 * environment it and the MiniBrowser it starts see (DISPLAY, GTK_THEME, LANGUAGE).
 */
export async function startWebKitDriver(env = {}) {
  const port = await freePort();
  const child = spawn('WebKitWebDriver', [`--port=${port}`], {
    stdio: 'ignore',
    env: {...process.env, ...env},
  });
  const stop = stopper(child);
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`WebKitWebDriver did not start on port ${port}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {port, stop};
}

/** webdriverio capabilities for MiniBrowser in automation mode. */
export function webkitCapabilities() {
  return {
    browserName: 'MiniBrowser',
    'wdio:enforceWebDriverClassic': true,
    'webkitgtk:browserOptions': {binary: miniBrowserPath(), args: ['--automation']},
  };
}

export const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-background-networking',
  '--disable-gpu',
];
