// A newcomer's common mistakes (issue 19): each one's visible message names the real cause and
// what to change, `ss-error` carries its own code, and the console says it once, naming the element.
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import type {LitElement} from 'lit';
import '../../src/all.js';
import type {CatalogErrorEvent, SsMediaGroupList} from '../../src/index.js';
import {
  addFault,
  foreignProxyBase,
  IDS,
  MERCHANT,
  mockBase,
  partText,
  resetAll,
  settled,
} from './helpers/common.js';

const openProxyBase: string = (window as unknown as {OPEN_PROXY_BASE: string}).OPEN_PROXY_BASE;

let errors: CatalogErrorEvent[] = [];
let warnings: string[] = [];
const realWarn = console.warn;

/** Renders `markup` in a wrapper that records `ss-error`; returns its first element. */
async function mount<T extends LitElement = LitElement>(
  markup: ReturnType<typeof html>,
): Promise<T> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div @ss-error=${(event: CatalogErrorEvent) => errors.push(event)}>${markup}</div>`,
  );
  return wrapper.firstElementChild as T;
}

async function firstError(): Promise<CatalogErrorEvent> {
  await waitUntil(() => errors.length > 0, 'no ss-error event', {timeout: 8000});
  return errors[0]!;
}

describe('mistakes a newcomer makes', () => {
  beforeEach(async () => {
    await resetAll();
    errors = [];
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
  });

  afterEach(() => {
    console.warn = realWarn;
    document.documentElement.lang = 'en';
  });

  it('api-base with /v1: a card says nothing serves the catalog there, not "video not found"', async () => {
    const el = await mount(
      html`<ss-media-card
        merchant=${MERCHANT}
        api-base=${`${mockBase}/v1`}
        media-id=${IDS.reference}
      ></ss-media-card>`,
    );
    const event = await firstError();
    await settled(el, 'error');
    expect(event.detail.error.code).to.equal('WRONG_API_BASE');
    expect(partText(el, 'error')).to.equal(
      `No video catalog at ${mockBase}/v1. Set api-base to the proxy's URL, without /v1.`,
    );
    expect(warnings).to.deep.equal([
      `<ss-media-card> WRONG_API_BASE: No video catalog at ${mockBase}/v1. Set api-base to the proxy's URL, without /v1.`,
    ]);
  });

  it('api-base without a scheme: a list names the address it became, never "this video"', async () => {
    const hostPort = new URL(mockBase).host;
    const el = await mount(
      html`<ss-media-list
        id="videos"
        merchant=${MERCHANT}
        api-base=${hostPort}
        limit="3"
      ></ss-media-list>`,
    );
    const event = await firstError();
    await settled(el, 'error');
    const became = new URL(hostPort, document.baseURI).href;
    expect(event.detail.error.code).to.equal('WRONG_API_BASE');
    expect(partText(el, 'error')).to.equal(
      `No video catalog at ${became}. Set api-base to the proxy's URL, without /v1.`,
    );
    expect(partText(el, 'error')).to.not.contain('this video');
    expect(warnings[0]).to.match(/^<ss-media-list id="videos"> WRONG_API_BASE: /);
  });

  it('api-base="/api" on the page\'s own server: a group list says so too, in Japanese', async () => {
    const el = await mount(
      html`<ss-media-group-list
        lang="ja"
        merchant=${MERCHANT}
        api-base="/api"
      ></ss-media-group-list>`,
    );
    const event = await firstError();
    await settled(el, 'error');
    expect(event.detail.error.code).to.equal('WRONG_API_BASE');
    expect(partText(el, 'error')).to.equal(
      `${location.origin}/api に動画カタログはありません。api-base はプロキシの URL（/v1 なし）にしてください。`,
    );
  });

  it('a port nothing listens on: a configuration hint, not "temporarily", warned once across Retry', async () => {
    const el = await mount(
      html`<ss-media-card
        merchant=${MERCHANT}
        api-base="http://127.0.0.1:1"
        media-id=${IDS.reference}
      ></ss-media-card>`,
    );
    const event = await firstError();
    await settled(el, 'error');
    expect(event.detail.error.code).to.equal('NOT_LISTENING');
    expect(partText(el, 'error')).to.equal(
      'Nothing answers at http://127.0.0.1:1. Check api-base, and that the proxy is running. Try again',
    );
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="error"] button')!.click();
    await waitUntil(() => errors.length === 2, 'no second ss-error', {timeout: 8000});
    expect(errors[1]!.detail.error.code).to.equal('NOT_LISTENING');
    expect(warnings).to.have.length(1);
  });

  it('an outage after the api-base has answered is still "temporarily unavailable"', async () => {
    await settled(
      await mount(
        html`<ss-media-card
          merchant=${MERCHANT}
          api-base=${mockBase}
          media-id=${IDS.short}
        ></ss-media-card>`,
      ),
      'ready',
    );
    // Every attempt fails: Firefox retries a reset GET many times inside one fetch.
    await addFault({kind: 'reset', route: 'get-media', times: null});
    const el = await mount(
      html`<ss-media-card
        merchant=${MERCHANT}
        api-base=${mockBase}
        media-id=${IDS.long}
      ></ss-media-card>`,
    );
    const event = await firstError();
    await settled(el, 'error');
    expect(event.detail.error.code).to.equal('NETWORK_ERROR');
    expect(partText(el, 'error')).to.equal(
      'The video catalog is temporarily unavailable. Try again',
    );
    expect(warnings).to.deep.equal([]);
  });

  it('pointed at the mock with auth on: use the proxy or --no-auth, not "check the proxy"', async () => {
    // The mock's own answer to a call without credentials.
    await addFault({kind: 'status', status: 401, route: 'list-medias'});
    const el = await mount(
      html`<ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="3"></ss-media-list>`,
    );
    const event = await firstError();
    await settled(el, 'error');
    expect(event.detail.error.code).to.equal('CREDENTIALS_REQUIRED');
    expect(partText(el, 'error')).to.equal(
      `${mockBase} wants credentials: set api-base to the proxy, or run the mock with --no-auth.`,
    );
    expect(event.detail.error.message).to.not.match(/API key/i);
  });

  it('a merchant the proxy does not serve is not called a refused origin', async () => {
    const el = await mount(
      html`<ss-media-list merchant="nttsm" api-base=${openProxyBase} limit="3"></ss-media-list>`,
    );
    const event = await firstError();
    await settled(el, 'error');
    expect(event.detail.error.code).to.equal('MERCHANT_NOT_ALLOWED');
    expect(partText(el, 'error')).to.equal(
      'The proxy does not serve merchant "nttsm": check merchant, or SMARTSTREAM_MERCHANTS.',
    );
  });

  it("a page origin the proxy does not allow names the origin and the proxy's setting", async () => {
    const el = await mount(
      html`<ss-media-card
        merchant=${MERCHANT}
        api-base=${foreignProxyBase}
        media-id=${IDS.reference}
      ></ss-media-card>`,
    );
    const event = await firstError();
    await settled(el, 'error');
    expect(event.detail.error.code).to.equal('ORIGIN_NOT_ALLOWED');
    expect(partText(el, 'error')).to.equal(
      `The proxy does not allow ${location.origin}: add it to SMARTSTREAM_ALLOWED_ORIGINS.`,
    );
  });

  it('lang="jp" falls back to the document\'s Japanese, not English, and says so', async () => {
    document.documentElement.lang = 'ja';
    const el = await mount(
      html`<ss-media-card lang="jp" merchant=${MERCHANT} api-base=${mockBase}></ss-media-card>`,
    );
    const event = await firstError();
    await settled(el, 'error');
    expect(event.detail.error.code).to.equal('BAD_REQUEST');
    expect(partText(el, 'error')).to.equal(
      '設定エラー：「media-id」または「ref-id」属性は必須です。',
    );
    expect(warnings).to.include(
      '<ss-media-card> lang="jp" is not ja or en: the element speaks ja.',
    );
  });

  it("misspelled attributes are reported together, and media-id's message names ref-id", async () => {
    const el = await mount(
      html`<ss-media-card
        merchant=${MERCHANT}
        mediaid=${IDS.reference}
        api_base=${mockBase}
        meda-id="x"
      ></ss-media-card>`,
    );
    const event = await firstError();
    await settled(el, 'error');
    expect(event.detail.error.code).to.equal('BAD_REQUEST');
    expect(partText(el, 'error')).to.equal(
      'Configuration error: The "media-id" or "ref-id" attribute is required.',
    );
    // One warning for all three (in the order the attributes were set), one for the error.
    expect(warnings).to.have.length(2);
    expect(warnings[0]).to.match(/^<ss-media-card> Unknown attributes: /);
    for (const typo of ['mediaid (media-id?)', 'api_base (api-base?)', 'meda-id (media-id?)']) {
      expect(warnings[0]).to.contain(typo);
    }
    expect(warnings[1]).to.equal(
      '<ss-media-card> BAD_REQUEST: The "media-id" or "ref-id" attribute is required.',
    );
  });

  it('controls naming no element is warned about, once the groups are there', async () => {
    const el = await mount<SsMediaGroupList>(
      html`<ss-media-group-list
        id="groups"
        controls="vids"
        merchant=${MERCHANT}
        api-base=${mockBase}
      ></ss-media-group-list>`,
    );
    await settled(el, 'ready');
    expect(partText(el, 'all')).to.equal('All videos');
    expect(errors).to.have.length(0);
    expect(warnings).to.deep.equal([
      '<ss-media-group-list id="groups"> controls="vids" names no element: give the <ss-media-list> that id.',
    ]);
  });
});
