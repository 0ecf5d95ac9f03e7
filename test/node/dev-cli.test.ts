import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {after, before, describe, it} from 'node:test';
import {parseDevArgs} from '../../src/dev/cli.js';

const ORIGIN = 'http://localhost:5173';

/** Starts the published bin (dist/, built by `npm run build`) and waits for its api-base line. */
async function startDev(
  args: string[],
): Promise<{child: ChildProcess; output: string; apiBase: string}> {
  const child = spawn(process.execPath, ['bin/smartstream-widgets.js', 'dev', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const apiBase = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no api-base within 10 s:\n${output}`)),
      10_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /api-base:\s+(http:\/\/\S+)/.exec(output);
      if (match && output.includes('Ctrl+C')) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`dev exited (${code}):\n${output}`)));
  });
  return {child, output, apiBase};
}

describe('smartstream-widgets dev', {timeout: 30_000}, () => {
  let dev: Awaited<ReturnType<typeof startDev>>;

  before(async () => {
    dev = await startDev(['--allow-origin', ORIGIN, '--port', '0']);
  });

  after(async () => {
    if (dev?.child.exitCode === null) {
      dev.child.kill('SIGTERM');
      await once(dev.child, 'exit');
    }
  });

  it('serves the catalog to the allowed origin, with CORS, through the proxy', async () => {
    const response = await fetch(`${dev.apiBase}/v1/merchants/nttsmc/medias/?limit=3`, {
      headers: {origin: ORIGIN},
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
    const body = (await response.json()) as {count: number; medias: {id: string}[]};
    assert.equal(body.medias.length, 3);
    assert.ok(body.count >= 3);
  });

  it('refuses another origin, readably, with ORIGIN_NOT_ALLOWED', async () => {
    const response = await fetch(`${dev.apiBase}/v1/merchants/nttsmc/medias/?limit=1`, {
      headers: {origin: 'http://localhost:9999'},
    });
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as {code: string}).code, 'ORIGIN_NOT_ALLOWED');
  });

  it('prints the api-base and a snippet to paste, without any secret', () => {
    assert.match(dev.output, new RegExp(`allowed pages: ${ORIGIN}`));
    assert.ok(dev.output.includes(`<ss-media-list merchant="nttsmc" api-base="${dev.apiBase}"`));
    assert.doesNotMatch(dev.output, /mock-api-key|demo-password|demo@example\.com/);
  });

  it('reads repeated --allow-origin flags, and refuses a bad port', () => {
    const parsed = parseDevArgs([
      '--allow-origin',
      ORIGIN,
      '--allow-origin',
      'http://localhost:3001',
    ]);
    assert.ok(!parsed.help);
    assert.deepEqual(parsed.allowOrigins, [ORIGIN, 'http://localhost:3001']);
    assert.equal(parsed.port, 8788);
    assert.throws(() => parseDevArgs(['--port', 'x']), /--port/);
  });
});
