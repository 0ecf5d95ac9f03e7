// The /__mock control endpoints alone, over real counters and a real fault book.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {handleControl, type ControlTarget} from '../../src/mock/control.js';
import {FaultBook} from '../../src/mock/faults.js';
import {RequestStats} from '../../src/mock/stats.js';

function target(faultsOn: boolean): ControlTarget & {resets: number} {
  const t = {
    stats: new RequestStats(),
    faults: new FaultBook(),
    faultsOn,
    resets: 0,
    reset: () => {
      t.resets += 1;
    },
    fixtureSummary: () => ({merchants: {}}),
  };
  return t;
}

function call(t: ControlTarget, method: string, path: string, body?: string) {
  const url = new URL(`http://mock.test${path}`);
  return handleControl(t, new Request(url, {method, body}), url);
}

describe('mock control endpoints', () => {
  it('adds a checked fault rule with 201, and answers a bad one with 400 and the reason', async () => {
    const t = target(true);
    const added = await call(t, 'POST', '/__mock/faults/', '{"kind":"status","times":null}');
    assert.equal(added.status, 201);
    assert.deepEqual(t.faults.list(), [{kind: 'status', times: undefined, remaining: null}]);
    const bad = await call(t, 'POST', '/__mock/faults', '{"kind":"status","when":1}');
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), {
      code: 'BAD_REQUEST',
      message: 'Unknown fault rule field "when"',
    });
    assert.equal((await call(t, 'DELETE', '/__mock/faults')).status, 200);
    assert.deepEqual(t.faults.list(), []);
  });

  it('refuses new faults with 403 while fault injection is off, but still lists them', async () => {
    const t = target(false);
    assert.equal((await call(t, 'POST', '/__mock/faults', '{"kind":"reset"}')).status, 403);
    assert.deepEqual(t.faults.list(), []);
    const listed = await call(t, 'GET', '/__mock/faults');
    assert.deepEqual(await listed.json(), {enabled: false, faults: []});
  });

  it('shows and zeroes the counters, and resets the whole mock on POST /__mock/reset', async () => {
    const t = target(false);
    t.stats.count('list-medias');
    const shown = (await (await call(t, 'GET', '/__mock/stats')).json()) as {total: number};
    assert.equal(shown.total, 1);
    const zeroed = (await (await call(t, 'POST', '/__mock/stats/reset')).json()) as {
      total: number;
    };
    assert.equal(zeroed.total, 0);
    assert.equal(t.stats.snapshot().total, 0);
    assert.equal((await call(t, 'POST', '/__mock/reset')).status, 200);
    assert.equal(t.resets, 1);
  });

  it('answers 404 for unknown paths and for known paths with the wrong method', async () => {
    const t = target(true);
    for (const [method, path] of [
      ['GET', '/__mock'],
      ['GET', '/__mock/reset'],
      ['PUT', '/__mock/faults'],
      ['POST', '/__mock/stats'],
    ] as const) {
      const response = await call(t, method, path);
      assert.equal(response.status, 404, `${method} ${path}`);
    }
    assert.equal(t.resets, 0);
  });
});
