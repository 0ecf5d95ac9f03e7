// A model-based test: random sequences of gets, lists, updates, deletes, races and clock
// steps, run against the mock over HTTP and checked against a plain model of the catalog.
// Nobody but this client writes to the mock, so every read the client answers after a
// mutation completed must show that mutation: the cache never hands out older data.
import assert from 'node:assert/strict';
import {after, before, it} from 'node:test';
import fc from 'fast-check';
import {CatalogClient, CatalogError} from '../../src/client.js';
import type {Media} from '../../src/client.js';
import {FIXTURE_IDS, startMockServer} from '../../src/mock/index.js';

const M = 'nttsmc';
const JOB = FIXTURE_IDS.job;
type Server = Awaited<ReturnType<typeof startMockServer>>;

interface Model {
  ids: string[];
  refs: Map<string, string | null>;
  names: Map<string, string>;
  deleted: Set<string>;
}

interface Real {
  client: CatalogClient;
  advance(ms: number): void;
  /** Delay before a GET's answer, already computed by the server, reaches the client. */
  latency: number;
  /** GET answers that were delayed, so a test run can show the reordering happened. */
  delayed: number;
}

let server: Server;
let initial: Media[];

before(async () => {
  server = await startMockServer({port: 0, auth: false, rateLimit: 0});
  const probe = new CatalogClient({apiBase: server.url, cache: false});
  const list = await probe.listMedia(M, {jobId: JOB, limit: 100});
  // Media the default country may not see would answer GEO_RULE, which is not the point here.
  initial = list.medias.filter(
    (m) => !m.publish_geo_rule.length || m.publish_geo_rule.includes('jp'),
  );
  assert.ok(initial.length >= 5, 'the job has enough media to model');
});
after(() => server.close());

async function notFound(promise: Promise<unknown>) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(CatalogError.is(error), String(error));
    assert.equal(error.code, 'MEDIA_NOT_FOUND');
    return true;
  });
}

function selectorOf(model: Model, id: string, byRef: boolean) {
  const ref = model.refs.get(id);
  return byRef && ref ? {refId: ref} : {id};
}

class GetCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly index: number,
    readonly byRef: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const id = model.ids[this.index % model.ids.length]!;
    const call = real.client.getMedia(M, selectorOf(model, id, this.byRef));
    if (model.deleted.has(id)) return notFound(call);
    const media = await call;
    assert.equal(media.id, id);
    assert.equal(media.name, model.names.get(id), `stale name for ${id}`);
  }
  toString = () => `get(${this.index}${this.byRef ? ', ref' : ''})`;
}

class ListCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly limit: number,
    readonly page: number,
    readonly sort: 'name' | 'updated_at' | 'id',
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const list = await real.client.listMedia(M, {
      jobId: JOB,
      limit: this.limit,
      page: this.page,
      sort: this.sort,
    });
    for (const media of list.medias) {
      assert.ok(!model.deleted.has(media.id), `deleted ${media.id} listed`);
      if (model.names.has(media.id)) assert.equal(media.name, model.names.get(media.id));
    }
    const alive = initial.length - model.deleted.size;
    assert.ok(list.count >= alive, 'count covers the live media');
  }
  toString = () => `list(${this.limit}, ${this.page}, ${this.sort})`;
}

class UpdateCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly index: number,
    readonly name: string,
    readonly byRef: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const id = model.ids[this.index % model.ids.length]!;
    const call = real.client.updateMedia(M, selectorOf(model, id, this.byRef), {name: this.name});
    if (model.deleted.has(id)) return notFound(call);
    const media = await call;
    assert.equal(media.name, this.name);
    model.names.set(id, this.name);
  }
  toString = () => `update(${this.index}, ${JSON.stringify(this.name)})`;
}

class DeleteCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly index: number) {}
  check = (model: Readonly<Model>) => model.deleted.size < model.ids.length - 2;
  async run(model: Model, real: Real) {
    const id = model.ids[this.index % model.ids.length]!;
    const call = real.client.deleteMedia(M, {id});
    if (model.deleted.has(id)) return notFound(call);
    assert.equal((await call).id, id);
    model.deleted.add(id);
  }
  toString = () => `delete(${this.index})`;
}

/** A get already on the wire when an update starts: it may see either name, later reads only the new. */
class RaceCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly index: number,
    readonly name: string,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const id = model.ids[this.index % model.ids.length]!;
    const before = model.names.get(id);
    // The get's answer (the old state) arrives after the update's.
    const latency = real.latency;
    real.latency = 15;
    const get = real.client.getMedia(M, {id}).then(
      (media) => media.name,
      (error: unknown) => (CatalogError.is(error) ? error.code : error),
    );
    real.latency = latency;
    const update = real.client.updateMedia(M, {id}, {name: this.name}).then(
      (media) => media.name,
      (error: unknown) => (CatalogError.is(error) ? error.code : error),
    );
    const [seen, updated] = await Promise.all([get, update]);
    if (model.deleted.has(id)) {
      assert.equal(updated, 'MEDIA_NOT_FOUND');
      return;
    }
    assert.equal(updated, this.name);
    assert.ok(seen === before || seen === this.name, `raced get saw ${String(seen)}`);
    model.names.set(id, this.name);
  }
  toString = () => `race(${this.index}, ${JSON.stringify(this.name)})`;
}

/**
 * A list on the wire (answer held back) while an update completes; the same list asked for
 * afterwards must show the update, not join the old request or read what it seeded.
 */
class ListRaceCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly index: number,
    readonly name: string,
  ) {}
  check = (model: Readonly<Model>) => !model.deleted.has(model.ids[this.index % model.ids.length]!);
  async run(model: Model, real: Real) {
    const id = model.ids[this.index % model.ids.length]!;
    const params = {jobId: JOB, limit: 20};
    const latency = real.latency;
    real.latency = 30;
    const old = real.client.listMedia(M, params);
    real.latency = latency;
    await real.client.updateMedia(M, {id}, {name: this.name});
    model.names.set(id, this.name);
    const fresh = await real.client.listMedia(M, params);
    assert.equal(fresh.medias.find((m) => m.id === id)?.name, this.name);
    await old;
    assert.equal((await real.client.getMedia(M, {id})).name, this.name);
  }
  toString = () => `listRace(${this.index}, ${JSON.stringify(this.name)})`;
}

/** Changes how late GET answers arrive: background refreshes and lists then outlive mutations. */
class LatencyCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(_model: Model, real: Real) {
    real.latency = this.ms;
  }
  toString = () => `latency(${this.ms})`;
}

class AdvanceCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(_model: Model, real: Real) {
    real.advance(this.ms);
    // Lets background refreshes started by stale reads land (or race what comes next).
    await new Promise((resolve) => setImmediate(resolve));
  }
  toString = () => `advance(${this.ms})`;
}

const index = fc.nat({max: 50});
const name = fc.stringMatching(/^[a-z]{1,8}$/);
const commands = [
  fc.tuple(index, fc.boolean()).map(([i, r]) => new GetCommand(i, r)),
  fc.tuple(index, fc.boolean()).map(([i, r]) => new GetCommand(i, r)),
  fc
    .tuple(
      fc.constantFrom(3, 20, 20),
      fc.constantFrom(1, 2),
      fc.constantFrom('name', 'updated_at', 'id'),
    )
    .map(([l, p, s]) => new ListCommand(l, p, s as 'name' | 'updated_at' | 'id')),
  fc.tuple(index, name, fc.boolean()).map(([i, n, r]) => new UpdateCommand(i, n, r)),
  index.map((i) => new DeleteCommand(i)),
  fc.tuple(index, name).map(([i, n]) => new RaceCommand(i, n)),
  fc.tuple(index, name).map(([i, n]) => new ListRaceCommand(i, n)),
  fc.integer({min: 0, max: 5000}).map((ms) => new AdvanceCommand(ms)),
  fc.constantFrom(0, 0, 3, 10).map((ms) => new LatencyCommand(ms)),
];

/** The global fetch, with GET answers held back by `real.latency` after the server answered. */
function latentFetch(real: () => Real): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const {latency} = real();
    if ((init?.method ?? 'GET') !== 'GET' || latency <= 0) return response;
    const body = await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, latency));
    real().delayed++;
    return new Response(body, {status: response.status, headers: response.headers});
  };
}

it('never returns data older than the last mutation the client made', async () => {
  let delayed = 0;
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, {maxCommands: 40, size: '+1'}), async (cmds) => {
      server.catalog.reset();
      let time = 0;
      const real: Real = {
        client: undefined as unknown as CatalogClient,
        advance: (ms) => (time += ms),
        latency: 0,
        delayed: 0,
      };
      real.client = new CatalogClient({
        apiBase: server.url,
        retry: false,
        now: () => time,
        fetch: latentFetch(() => real),
        // Small enough that eviction, staleness and expiry all happen within a run.
        cache: {ttlMs: 1000, staleMs: 3000, maxEntries: 8},
      });
      const model: Model = {
        ids: initial.map((m) => m.id),
        refs: new Map(initial.map((m) => [m.id, m.ref_id])),
        names: new Map(initial.map((m) => [m.id, m.name])),
        deleted: new Set(),
      };
      try {
        await fc.asyncModelRun(() => ({model, real}), cmds);
      } finally {
        delayed += real.delayed;
      }
    }),
    {numRuns: 80},
  );
  assert.ok(delayed > 100, `answers really arrived late (${delayed})`);
});
