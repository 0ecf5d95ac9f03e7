// The in-memory store (one process, no Redis) against the shared store contract, and the
// promise that single-process and edge users load neither a Redis client nor node: modules.
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {describe, it} from 'node:test';
import {MemoryStore} from '../../src/proxy/store/index.js';
import {storeContract} from './helpers/store-contract.js';

storeContract('memory', async (options) => new MemoryStore(options));

/** Every module specifier reachable by static imports from `file`, relative ones followed. */
async function staticImports(file: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = await readFile(file, 'utf8');
  for (const [, spec] of source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
    if (spec!.startsWith('.'))
      await staticImports(join(dirname(file), spec!.replace(/\.js$/, '.ts')), seen);
    else seen.add(spec!);
  }
  return seen;
}

describe('memory store entry', () => {
  it('imports no Redis client and nothing from node:', async () => {
    const reached = [...(await staticImports('src/proxy/store/index.ts'))];
    assert.ok(reached.some((spec) => spec.endsWith('memory.ts')));
    assert.deepEqual(
      reached.filter((spec) => spec.startsWith('node:') || /redis/.test(spec)),
      [],
    );
  });
});
