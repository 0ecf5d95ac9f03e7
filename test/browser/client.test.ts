// The client's core in Chromium, against the mock over real HTTP (auth and rate limit off,
// faults on): the page's own fetch, CORS and AbortSignal, not Node's.
import {expect} from '@open-wc/testing';
import {CatalogClient, CatalogError, CatalogReader, getSharedClient} from '../../src/client.js';
import {addFault, IDS, MERCHANT, mockBase, mockStats as stats, resetAll} from './helpers/common.js';

const M = MERCHANT;
const REFERENCE = IDS.reference;
const GEO_BLOCKED = IDS.geoBlocked;

async function errorOf(promise: Promise<unknown>): Promise<CatalogError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(CatalogError);
    return error as CatalogError;
  }
  throw new Error('expected a rejection');
}

describe('CatalogClient in the browser', () => {
  beforeEach(resetAll);

  it('makes 100 concurrent identical GETs cost 1 request', async () => {
    const client = new CatalogClient({apiBase: mockBase});
    const medias = await Promise.all(
      Array.from({length: 100}, () => client.getMedia(M, {id: REFERENCE})),
    );
    expect(new Set(medias).size).to.equal(1);
    expect(medias[0]!.name).to.equal('live_event_6126a01db6744dca93aa2af575e9ba0c');
    const {byRoute, total} = await stats();
    expect(byRoute['get-media']).to.equal(1);
    expect(total).to.equal(1);
  });

  it('answers getMedia for every listed media from the list: 1 request in total', async () => {
    const client = new CatalogClient({apiBase: mockBase});
    const list = await client.listMedia(M, {limit: 30});
    expect(list.medias).to.have.length(30);
    for (const media of list.medias) {
      expect(client.peekMedia(M, {id: media.id})).to.equal(media);
      expect(await client.getMedia(M, {id: media.id})).to.equal(media);
      if (media.ref_id) expect(await client.getMedia(M, {refId: media.ref_id})).to.equal(media);
    }
    expect((await stats()).total).to.equal(1);
  });

  it('resolves image paths against the mock origin, and the images load', async () => {
    const client = new CatalogClient({apiBase: mockBase});
    const media = await client.getMedia(M, {id: REFERENCE});
    expect(media.poster!.src).to.equal(`${mockBase}/uploads/nttsmc/sample_poster.gif`);
    const image = new Image();
    image.src = media.thumbnail!.src;
    await image.decode();
    expect(image.naturalWidth).to.be.greaterThan(0);
  });

  it('reports GEO_RULE, MEDIA_NOT_FOUND, INVALID_RESPONSE and BAD_REQUEST', async () => {
    const client = new CatalogClient({apiBase: mockBase, retry: false});
    const geo = await errorOf(client.getMedia(M, {id: GEO_BLOCKED}));
    expect([geo.code, geo.status]).to.deep.equal(['GEO_RULE', 403]);
    const missing = await errorOf(client.getMedia(M, {id: 'nope'}));
    expect([missing.code, missing.status]).to.deep.equal(['MEDIA_NOT_FOUND', 404]);
    await addFault({kind: 'html', route: 'list-medias'});
    const html = await errorOf(client.listMedia(M));
    expect([html.code, html.status]).to.deep.equal(['INVALID_RESPONSE', 502]);
    const bad = await errorOf(client.listMedia(M, {limit: 0}));
    expect([bad.code, bad.status]).to.deep.equal(['BAD_REQUEST', 0]);
    expect(bad.message).to.contain('limit');
    expect((await stats()).total).to.equal(3, 'validation made no request');
  });

  it('aborting one deduplicated caller neither aborts the others nor costs a request', async () => {
    await addFault({kind: 'slow', delayMs: 200, route: 'get-media'});
    const client = new CatalogClient({apiBase: mockBase});
    const controller = new AbortController();
    const aborted = client.getMedia(M, {id: REFERENCE}, {signal: controller.signal});
    const kept = client.getMedia(M, {id: REFERENCE});
    setTimeout(() => controller.abort(), 20);
    expect((await errorOf(aborted)).code).to.equal('ABORTED');
    expect((await kept).id).to.equal(REFERENCE);
    expect((await stats()).byRoute['get-media']).to.equal(1);
  });

  it('times out a hanging request with TIMEOUT', async () => {
    await addFault({kind: 'hang', route: 'get-media'});
    const client = new CatalogClient({apiBase: mockBase, timeoutMs: 150, retry: false});
    const error = await errorOf(client.getMedia(M, {id: REFERENCE}));
    expect([error.code, error.status]).to.deep.equal(['TIMEOUT', 0]);
  });

  it('refuses a redirect: followed only by a header-less read (so preloads match), never used', async () => {
    const reader = new CatalogReader({apiBase: mockBase, retry: false, cache: false});
    await addFault({kind: 'status', status: 302, route: 'get-media'});
    const followed = await errorOf(reader.getMedia(M, {id: REFERENCE}));
    expect([followed.code, followed.status]).to.deep.equal(['REDIRECT', 0]);
    // The mock's 302 points back to the same URL: the second request is the followed one.
    expect((await stats()).byRoute['get-media']).to.equal(2);

    await resetAll();
    const country = {'X-Mock-Country': 'JP'};
    const withHeader = new CatalogReader({apiBase: mockBase, retry: false, headers: country});
    await addFault({kind: 'status', status: 302, route: 'get-media'});
    const refused = await errorOf(withHeader.getMedia(M, {id: REFERENCE}));
    expect([refused.code, refused.status]).to.deep.equal(['REDIRECT', 0]);
    expect((await stats()).byRoute['get-media']).to.equal(1);
  });

  it('gives the page one shared client per apiBase, relative bases included', () => {
    const shared = getSharedClient(mockBase);
    expect(getSharedClient(`${mockBase}/`)).to.equal(shared);
    expect(getSharedClient(`${mockBase}/catalog`)).not.to.equal(shared);
    expect(getSharedClient('/catalog').apiBase).to.equal(`${location.origin}/catalog`);
  });
});
