import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {ifDefined} from 'lit/directives/if-defined.js';
import {sendKeys, sendMouse} from '@web/test-runner-commands';
import '../../src/all.js';
import {HOSTILE_HREF_TEMPLATES, HOSTILE_REF_ID, SCRIPT_URL_NAME} from '../fixtures/hostile.js';
import {CatalogClient, type Media} from '../../src/client/index.js';
import type {CatalogErrorEvent, MediaSelectEvent, SsMediaCard} from '../../src/index.js';
import {
  addFault,
  catalogRequests,
  deepActiveElement,
  foreignProxyBase,
  IDS,
  makeMedia,
  MERCHANT,
  mockBase,
  mockStats,
  partText,
  parts,
  resetAll,
  settled,
  useEditingClient,
} from './helpers/common.js';

/** `ss-error` events that reached the fixture's wrapper, listened to before the card renders. */
let errors: CatalogErrorEvent[] = [];
const recordError = (event: CatalogErrorEvent) => errors.push(event);

async function nextError(): Promise<CatalogErrorEvent> {
  await waitUntil(() => errors.length > 0, 'no ss-error event', {timeout: 5000});
  return errors[0]!;
}

interface CardOptions {
  href?: string;
  noStructuredData?: boolean;
  lang?: string;
}

/** A card for `id` in a 320px-wide box. */
async function cardFixture(id: string, options: CardOptions = {}): Promise<SsMediaCard> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: 320px" @ss-error=${recordError}>
      <ss-media-card
        merchant=${MERCHANT}
        api-base=${mockBase}
        media-id=${id}
        lang=${ifDefined(options.lang)}
        href=${ifDefined(options.href)}
        ?no-structured-data=${options.noStructuredData}
      ></ss-media-card>
    </div>`,
  );
  return wrapper.querySelector('ss-media-card')!;
}

/** A card for `id`, settled in `state`. */
async function loadCard(id: string, state = 'ready', options: CardOptions = {}) {
  return settled(await cardFixture(id, options), state);
}

/** A card rendering `media` from the property, no request. */
async function mediaCard(media: Media, attrs: {lang?: string; href?: string} = {}) {
  const el = await fixture<SsMediaCard>(
    html`<ss-media-card
      style="width: 320px"
      .media=${media}
      lang=${attrs.lang ?? 'en'}
      href=${attrs.href ?? ''}
    ></ss-media-card>`,
  );
  return settled(el, 'ready');
}

function errorPart(el: SsMediaCard) {
  return el.shadowRoot!.querySelector<HTMLElement>('[part~="error"]');
}

function retryButton(el: Element) {
  return el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="error"] button');
}

function jsonLd(el: Element): Record<string, unknown> | null {
  const script = el.querySelector(':scope > script[type="application/ld+json"]');
  return script ? (JSON.parse(script.textContent!) as Record<string, unknown>) : null;
}

function activator(el: SsMediaCard): HTMLAnchorElement | HTMLButtonElement {
  return el.shadowRoot!.querySelector<HTMLAnchorElement | HTMLButtonElement>('.activator')!;
}

describe('<ss-media-card>', () => {
  beforeEach(async () => {
    errors = [];
    await resetAll();
  });

  describe('states', () => {
    it('shows a busy skeleton while loading', async () => {
      await addFault({kind: 'slow', route: 'get-media', delayMs: 1500});
      const el = await loadCard(IDS.slowLoading, 'loading');
      const base = parts(el, 'base')[0]!;
      expect(base.getAttribute('aria-busy')).to.equal('true');
      expect(base.getAttribute('aria-label')).to.equal('Loading');
      expect(parts(el, 'title')).to.have.length(0);
      expect(el.shadowRoot!.querySelector('.media.skeleton')).to.not.equal(null);
      await expect(el).to.be.accessible();
    });

    it('reserves the final dimensions while loading (no layout shift)', async () => {
      await addFault({kind: 'slow', route: 'get-media', delayMs: 1500});
      const media = makeMedia({name: 'A name', description: 'One line', tags: ['a']});
      const row = await fixture<HTMLDivElement>(
        html`<div style="display: grid; grid-template-columns: 300px 300px; align-items: start">
          <ss-media-card
            merchant=${MERCHANT}
            api-base=${mockBase}
            media-id=${IDS.long}
          ></ss-media-card>
          <ss-media-card .media=${media} lang="en"></ss-media-card>
        </div>`,
      );
      const [loading, ready] = [...row.querySelectorAll('ss-media-card')];
      await settled(loading!, 'loading');
      await settled(ready!, 'ready');
      const height = (el: Element) => el.getBoundingClientRect().height;
      expect(height(loading!)).to.be.greaterThan(200);
      expect(height(loading!)).to.be.closeTo(height(ready!), 1);
    });

    it('keeps the size of a loaded card when it fails', async () => {
      const row = await fixture<HTMLDivElement>(
        html`<div style="display: grid; grid-template-columns: 300px 300px; align-items: start">
          <ss-media-card merchant=${MERCHANT} api-base=${mockBase} media-id="nope"></ss-media-card>
          <ss-media-card .media=${makeMedia()} lang="en"></ss-media-card>
        </div>`,
      );
      const [failed, ready] = [...row.querySelectorAll('ss-media-card')];
      await settled(failed!, 'error');
      await settled(ready!, 'ready');
      const height = (el: Element) => el.getBoundingClientRect().height;
      expect(height(failed!)).to.be.closeTo(height(ready!), 1);
      const alert = parts(failed!, 'error')[0]!;
      expect(alert.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(alert.scrollHeight).to.be.at.most(alert.clientHeight);
      await expect(failed!).to.be.accessible();
    });

    it('shows the media when it loaded', async () => {
      const el = await loadCard(IDS.withRefId);
      expect(el.getAttribute('state')).to.equal('ready');
      expect(partText(el, 'title')).to.equal('Tokyo Night Walk 東京夜散歩');
      expect(parts(el, 'base')[0]!.hasAttribute('aria-busy')).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('says a missing media was not found, with no Retry, and fires ss-error', async () => {
      const el = await cardFixture('does-not-exist');
      const event = await nextError();
      await settled(el, 'error');
      expect(event.detail.error.code).to.equal('MEDIA_NOT_FOUND');
      expect(event.detail.error.status).to.equal(404);
      expect(event.composed).to.equal(true);
      // On load an error is content: a page of failing cards must not interrupt ten times.
      expect(errorPart(el)!.hasAttribute('role')).to.equal(false);
      expect(partText(el, 'error')).to.equal('This video could not be found.');
      expect(retryButton(el)).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('says a media blocked by its geo rule is not available in the region', async () => {
      const el = await cardFixture(IDS.geoBlocked);
      const event = await nextError();
      await settled(el, 'error');
      expect(event.detail.error.code).to.equal('GEO_RULE');
      expect(partText(el, 'error')).to.equal('This video is not available in your region.');
      expect(retryButton(el)).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('says access was refused when the proxy does not allow the page, without Retry', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div @ss-error=${recordError}>
          <ss-media-card
            merchant=${MERCHANT}
            api-base=${foreignProxyBase}
            media-id=${IDS.reference}
          ></ss-media-card>
        </div>`,
      );
      const el = wrapper.querySelector('ss-media-card')!;
      const event = await nextError();
      await settled(el, 'error');
      // Not an opaque network error: the proxy's refusal reaches the page.
      expect(event.detail.error.code).to.equal('ORIGIN_NOT_ALLOWED');
      expect(event.detail.error.status).to.equal(403);
      expect(partText(el, 'error')).to.equal(
        `The proxy does not allow ${location.origin}: add it to SMARTSTREAM_ALLOWED_ORIGINS.`,
      );
      expect(retryButton(el)).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('offers Retry after a server error, and Retry recovers', async () => {
      // The client retries twice on its own: three failures make the error reach the card.
      // 500, not 503: a 503's Retry-After would reload the card by itself, racing the click.
      await addFault({kind: 'status', status: 500, route: 'get-media', times: 3});
      const el = await cardFixture(IDS.long);
      const event = await nextError();
      await settled(el, 'error');
      expect(event.detail.error.status).to.equal(500);
      expect(partText(el, 'error')).to.contain('The video catalog is temporarily unavailable.');
      const retry = retryButton(el)!;
      expect(retry.textContent!.trim()).to.equal('Try again');
      await expect(el).to.be.accessible();
      retry.focus();
      await sendKeys({press: 'Enter'});
      await settled(el, 'ready');
      expect(partText(el, 'title')).to.equal('統計学 集中講座 (フル収録)');
      expect((await mockStats()).byRoute['get-media']).to.equal(4);
      // Retry's button went away with the error: focus goes to the card's link, not the page top.
      await waitUntil(() => deepActiveElement() === activator(el), 'focus on the card');
    });

    it('announces a failed Retry as an alert, with focus on the new Retry button', async () => {
      await addFault({kind: 'status', status: 500, route: 'get-media', times: 6});
      const el = await cardFixture(IDS.short);
      await settled(el, 'error');
      retryButton(el)!.focus();
      await sendKeys({press: 'Enter'});
      await waitUntil(() => errors.length === 2, 'no second ss-error', {timeout: 5000});
      await settled(el, 'error');
      expect(errorPart(el)!.getAttribute('role')).to.equal('alert');
      await waitUntil(() => deepActiveElement() === retryButton(el), 'focus on Retry');
    });

    it('offers Retry when the connection breaks', async () => {
      // Browsers retry a GET whose connection resets by themselves (Chromium and WebKit once,
      // Firefox many times): every request fails until the test has seen the error.
      await addFault({kind: 'reset', route: 'get-media', times: null});
      const el = await cardFixture(IDS.long);
      const event = await nextError();
      await settled(el, 'error');
      expect(event.detail.error.code).to.equal('NETWORK_ERROR');
      expect(partText(el, 'error')).to.contain('temporarily unavailable');
      expect(retryButton(el)).to.not.equal(null);
      await expect(el).to.be.accessible();
    });

    it('names a missing merchant, and makes no request', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div @ss-error=${recordError}>
          <ss-media-card api-base=${mockBase} media-id=${IDS.long}></ss-media-card>
        </div>`,
      );
      const event = await nextError();
      const el = await settled(wrapper.querySelector('ss-media-card')!, 'error');
      expect(event.detail.error.code).to.equal('BAD_REQUEST');
      expect(partText(el, 'error')).to.equal(
        'Configuration error: The "merchant" attribute is required.',
      );
      expect(retryButton(el)).to.equal(null);
      expect(catalogRequests(await mockStats())).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('names a missing api-base', async () => {
      const el = await fixture<SsMediaCard>(
        html`<ss-media-card merchant=${MERCHANT} media-id=${IDS.long}></ss-media-card>`,
      );
      await settled(el, 'error');
      expect(partText(el, 'error')).to.contain('"api-base" attribute is required');
      expect(catalogRequests(await mockStats())).to.equal(0);
    });

    it('names an api-base that is not an http(s) URL', async () => {
      const el = await fixture<SsMediaCard>(
        html`<ss-media-card
          merchant=${MERCHANT}
          api-base="javascript:alert(1)"
          media-id=${IDS.long}
        ></ss-media-card>`,
      );
      await settled(el, 'error');
      expect(partText(el, 'error')).to.contain('"api-base" attribute is invalid');
    });

    it('names a missing media-id, also with an injected client', async () => {
      const client = new CatalogClient({apiBase: mockBase});
      const el = await fixture<SsMediaCard>(
        html`<ss-media-card merchant=${MERCHANT} .client=${client}></ss-media-card>`,
      );
      await settled(el, 'error');
      expect(partText(el, 'error')).to.contain('"media-id" or "ref-id" attribute is required');
      expect(client.stats().requests).to.equal(0);
    });

    it('names a missing merchant even with an injected client', async () => {
      const client = new CatalogClient({apiBase: mockBase});
      const el = await fixture<SsMediaCard>(
        html`<ss-media-card media-id=${IDS.long} .client=${client}></ss-media-card>`,
      );
      await settled(el, 'error');
      expect(partText(el, 'error')).to.contain('"merchant" attribute is required');
      expect(client.stats().requests).to.equal(0);
    });

    it('speaks Japanese in its errors', async () => {
      const el = await fixture<SsMediaCard>(
        html`<ss-media-card
          lang="ja"
          merchant=${MERCHANT}
          api-base=${mockBase}
          media-id=${IDS.geoBlocked}
        ></ss-media-card>`,
      );
      await settled(el, 'error');
      expect(partText(el, 'error')).to.equal('この動画はお住まいの地域ではご覧いただけません。');
    });

    it('shows the new media at once when media-id changes, never the old one', async () => {
      const el = await loadCard(IDS.long);
      await addFault({kind: 'slow', route: 'get-media', delayMs: 400});
      el.mediaId = IDS.short;
      await el.updateComplete;
      expect(el.getAttribute('state')).to.equal('loading');
      expect(parts(el, 'title')).to.have.length(0);
      await settled(el, 'ready');
      expect(partText(el, 'title')).to.equal('5秒ジングル');
    });
  });

  describe('hand-made media objects and broken images', () => {
    it('shows a media object a script made, with missing fields empty', async () => {
      const el = await fixture<SsMediaCard>(
        html`<ss-media-card
          api-base=${mockBase}
          .media=${{id: 'hand-made', name: 'Made by hand', poster: {src: '/uploads/x.svg'}}}
        ></ss-media-card>`,
      );
      await settled(el, 'ready');
      expect(partText(el, 'title')).to.equal('Made by hand');
      expect(parts(el, 'tags')[0]!.hidden).to.equal(true);
      // A path resolves against the catalog, as in an API answer, not against the page.
      expect(parts(el, 'poster')[0]!.getAttribute('src')).to.equal(`${mockBase}/uploads/x.svg`);
    });

    it('says a media object with no id is unusable, and reports it, instead of going blank', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div @ss-error=${recordError}>
          <ss-media-card .media=${{name: 'No id', tags: 'a,b'}}></ss-media-card>
        </div>`,
      );
      const el = wrapper.querySelector('ss-media-card')!;
      await settled(el, 'error');
      const event = await nextError();
      expect(event.detail.error.code).to.equal('BAD_REQUEST');
      expect(event.detail.error.message).to.contain('media property');
      expect(partText(el, 'error')).to.equal('Something went wrong while loading videos.');
      expect(el.getBoundingClientRect().height).to.be.greaterThan(100);
    });

    it('falls back to the thumbnail, then the placeholder, when images fail to load', async () => {
      // Addresses no other test loads: the browser's cache must not answer for them.
      const missing = (name: string) => `${mockBase}/uploads/${name}-${Date.now()}.svg`;
      const thumbnail = `${mockBase}/uploads/${MERCHANT}/thumbnails/${IDS.thumbnailOnly}.svg?t=${Date.now()}`;
      const el = await fixture<SsMediaCard>(
        html`<ss-media-card
          .media=${{id: 'p', poster: {src: missing('poster')}, thumbnail: {src: thumbnail}}}
        ></ss-media-card>`,
      );
      const poster = () => parts(el, 'poster')[0]!;
      await waitUntil(
        () => poster().getAttribute('src') === thumbnail,
        'no thumbnail after the poster',
      );
      el.media = {
        id: 'q',
        poster: {src: missing('poster')},
        thumbnail: {src: missing('thumb')},
      } as Media;
      await waitUntil(() => poster().tagName !== 'IMG', 'the broken images stay images');
      expect(poster().getAttribute('aria-hidden')).to.equal('true');
    });
  });

  describe('page styles', () => {
    it("keeps border-box sizing inside when the page's rule says content-box", async () => {
      const style = document.createElement('style');
      style.textContent = '* { box-sizing: content-box !important; }';
      document.head.append(style);
      try {
        const el = await loadCard(IDS.short);
        expect(getComputedStyle(el).boxSizing).to.equal('content-box');
        expect(getComputedStyle(parts(el, 'base')[0]!).boxSizing).to.equal('border-box');
      } finally {
        style.remove();
      }
    });

    it('draws the focus ring for the keyboard, not after a mouse click', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: 320px">
          <button>before</button>
          <ss-media-card
            merchant=${MERCHANT}
            api-base=${mockBase}
            media-id=${IDS.short}
          ></ss-media-card>
        </div>`,
      );
      const el = await settled(wrapper.querySelector('ss-media-card')!, 'ready');
      const base = parts(el, 'base')[0]!;
      const box = activator(el).getBoundingClientRect();
      await sendMouse({type: 'click', position: [Math.round(box.x + 5), Math.round(box.y + 5)]});
      expect(deepActiveElement()).to.equal(activator(el));
      expect(getComputedStyle(base).outlineStyle).to.equal('none');
      // Tab onto the card: focus is the keyboard's in every engine, and the card shows where it
      // is. (After a script's focus() each engine has its own rule, so this test uses none.)
      wrapper.querySelector('button')!.focus();
      await sendKeys({press: 'Tab'});
      expect(deepActiveElement()).to.equal(activator(el));
      expect(getComputedStyle(base).outlineStyle).to.equal('solid');
    });
  });

  describe('right to left', () => {
    it('keeps English text left to right in a right-to-left page, and fades tags on the left', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div dir="rtl" style="width: 320px">
          <ss-media-card
            merchant=${MERCHANT}
            api-base=${mockBase}
            media-id=${IDS.withRefId}
          ></ss-media-card>
        </div>`,
      );
      const el = await settled(wrapper.querySelector('ss-media-card')!, 'ready');
      // The catalog's own text takes the direction of its language: no ".Official trailer".
      for (const part of ['title', 'description', 'tag']) {
        const node = parts(el, part)[0]!;
        expect(getComputedStyle(node).direction, part).to.equal('ltr');
      }
      expect(getComputedStyle(parts(el, 'base')[0]!).direction).to.equal('rtl');
      // `to left`, or `270deg` once the CDN build's minifier has rewritten it.
      expect(getComputedStyle(parts(el, 'tags')[0]!).maskImage).to.match(/to left|270deg/);
    });
  });

  describe('colour scheme', () => {
    afterEach(() => {
      document.documentElement.style.colorScheme = '';
    });

    // With the system in dark mode: test/browser/system-dark.test.ts.
    it('follows the page: light where it says nothing, dark where its color-scheme is dark', async () => {
      const el = await loadCard(IDS.short);
      const surface = () => getComputedStyle(parts(el, 'base')[0]!).backgroundColor;
      // No scheme of its own: an element that opted into dark would leave a light-only page.
      expect(getComputedStyle(el).colorScheme).to.equal('normal');
      expect(surface()).to.equal('rgb(255, 255, 255)');
      document.documentElement.style.colorScheme = 'dark';
      expect(surface()).to.equal('rgb(23, 25, 29)');
      // A page can also pin one element, whatever the page around it says.
      el.style.colorScheme = 'light';
      expect(surface()).to.equal('rgb(255, 255, 255)');
    });
  });

  describe('fields', () => {
    it('shows the poster, lazily, with its aspect ratio reserved, as decoration', async () => {
      const el = await loadCard(IDS.withRefId);
      const img = parts(el, 'poster')[0] as HTMLImageElement;
      expect(img.tagName).to.equal('IMG');
      expect(img.getAttribute('src')).to.equal(
        `${mockBase}/uploads/${MERCHANT}/posters/${IDS.withRefId}.svg`,
      );
      expect(img.getAttribute('loading')).to.equal('lazy');
      expect(img.getAttribute('decoding')).to.equal('async');
      // The title link right after it names the video: a screen reader says it once.
      expect(img.getAttribute('alt')).to.equal('');
      expect(partText(el, 'title')).to.equal('Tokyo Night Walk 東京夜散歩');
      const box = img.parentElement!.getBoundingClientRect();
      expect(box.width).to.be.closeTo(318, 1);
      expect(box.height).to.be.closeTo((box.width * 9) / 16, 1);
    });

    it('falls back to the thumbnail', async () => {
      const el = await loadCard(IDS.thumbnailOnly);
      const img = parts(el, 'poster')[0] as HTMLImageElement;
      expect(img.getAttribute('src')).to.equal(
        `${mockBase}/uploads/${MERCHANT}/thumbnails/${IDS.thumbnailOnly}.svg`,
      );
    });

    it('shows a placeholder with the same box when there is no image at all', async () => {
      const el = await loadCard(IDS.noImages);
      const placeholder = parts(el, 'poster')[0]!;
      expect(placeholder.tagName).to.not.equal('IMG');
      expect(placeholder.getAttribute('aria-hidden')).to.equal('true');
      const box = placeholder.getBoundingClientRect();
      expect(box.height).to.be.closeTo((box.width * 9) / 16, 1);
      await expect(el).to.be.accessible();
    });

    for (const [name, id, text, iso] of [
      ['seconds', IDS.short, '0:05', 'PT5S'],
      ['minutes', IDS.withRefId, '12:34', 'PT12M34S'],
      ['hours', IDS.long, '1:32:05', 'PT1H32M5S'],
    ] as const) {
      it(`formats a duration of ${name} as ${text} in a <time>`, async () => {
        const el = await loadCard(id);
        const time = parts(el, 'duration')[0]!;
        expect(time.tagName).to.equal('TIME');
        expect(time.textContent!.trim()).to.equal(text);
        expect(time.getAttribute('datetime')).to.equal(iso);
        // Screen readers get "Duration 0:05" from hidden text, not from a label on <time>.
        expect(time.getAttribute('aria-hidden')).to.equal('true');
        expect(time.hasAttribute('aria-label')).to.equal(false);
        const spoken = time.previousElementSibling!;
        expect(spoken.classList.contains('visually-hidden')).to.equal(true);
        expect(spoken.textContent).to.equal(`Duration ${text}`);
        expect(parts(el, 'badge')).to.have.length(0);
      });
    }

    it('formats 1:02:03 from milliseconds', async () => {
      const el = await mediaCard(makeMedia({duration: 3_723_000}));
      expect(partText(el, 'duration')).to.equal('1:02:03');
      expect(parts(el, 'duration')[0]!.getAttribute('datetime')).to.equal('PT1H2M3S');
    });

    for (const [name, id] of [
      ['live', IDS.live],
      ['scheduled live', IDS.scheduledLive],
      ['live-event (no encode type)', IDS.reference],
    ] as const) {
      it(`shows a LIVE badge and no duration for ${name} media`, async () => {
        const el = await loadCard(id);
        expect(partText(el, 'badge')).to.equal('LIVE');
        expect(parts(el, 'duration')).to.have.length(0);
        await expect(el).to.be.accessible();
      });
    }

    it('shows neither duration nor LIVE for a file with no duration', async () => {
      const el = await mediaCard(makeMedia({duration: null, encode_type: 'file'}));
      expect(parts(el, 'badge')).to.have.length(0);
      expect(parts(el, 'duration')).to.have.length(0);
    });

    it('puts the name in an h3, or at the heading level the page outline needs', async () => {
      const el = await loadCard(IDS.short);
      expect(parts(el, 'title')[0]!.tagName).to.equal('H3');
      el.headingLevel = 2;
      await el.updateComplete;
      expect(parts(el, 'title')[0]!.tagName).to.equal('H2');
      expect(partText(el, 'title')).to.equal('5秒ジングル');
    });

    it('goes back to h3 when heading-level is removed', async () => {
      const el = await loadCard(IDS.short);
      el.setAttribute('heading-level', '4');
      await el.updateComplete;
      expect(parts(el, 'title')[0]!.tagName).to.equal('H4');
      el.removeAttribute('heading-level');
      await settled(el, 'ready');
      expect(parts(el, 'title')[0]!.tagName).to.equal('H3');
    });

    it('names a bad heading-level, and makes no request', async () => {
      const el = await fixture<SsMediaCard>(
        html`<ss-media-card
          merchant=${MERCHANT}
          api-base=${mockBase}
          media-id=${IDS.short}
          heading-level="h2"
        ></ss-media-card>`,
      );
      await settled(el, 'error');
      expect(partText(el, 'error')).to.contain('"heading-level" attribute is invalid');
      expect((await mockStats()).byRoute['get-media'] ?? 0).to.equal(0);
    });

    it('shows name, description and tags', async () => {
      const el = await loadCard(IDS.long);
      expect(partText(el, 'title')).to.equal('統計学 集中講座 (フル収録)');
      expect(partText(el, 'description')).to.equal('全編ノーカットでお届けします。');
      expect(parts(el, 'tag').map((tag) => tag.textContent!.trim())).to.deep.equal([
        '教育',
        'lecture',
        '講座',
      ]);
      expect(parts(el, 'tags')[0]!.getAttribute('aria-label')).to.equal('Tags');
    });

    it('shows no tag list for a media with no tags', async () => {
      const el = await mediaCard(makeMedia({tags: []}));
      expect(parts(el, 'tag')).to.have.length(0);
      expect(parts(el, 'tags').every((tags) => tags.offsetHeight === 0)).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('lists subtitle and caption languages by name, with their kinds', async () => {
      const tracks = [
        {kind: 'subtitles', lang: 'ja', mime_type: 'text/vtt', src: null},
        {kind: 'subtitles', lang: 'ko', mime_type: 'text/vtt', src: null},
        {kind: 'captions', lang: 'en', mime_type: 'text/vtt', src: null},
      ];
      const el = await mediaCard(makeMedia({text_tracks: tracks}));
      expect(partText(el, 'subtitles')).to.equal(
        'Subtitles: Japanese and Korean · Captions: English',
      );
    });

    it('names the languages in Japanese in a Japanese UI', async () => {
      const tracks = [
        {kind: 'subtitles', lang: 'ja', mime_type: 'text/vtt', src: null},
        {kind: 'subtitles', lang: 'en', mime_type: 'text/vtt', src: null},
        {kind: 'captions', lang: 'zh', mime_type: 'text/vtt', src: null},
      ];
      const el = await mediaCard(makeMedia({text_tracks: tracks}), {lang: 'ja'});
      expect(partText(el, 'subtitles')).to.equal(
        '字幕：日本語、英語 · クローズドキャプション：中国語',
      );
    });

    it('shows no languages for a media with no text tracks', async () => {
      const el = await loadCard(IDS.short);
      expect(partText(el, 'subtitles')).to.equal('');
    });

    it('clamps a long Japanese name without changing the card size or overflowing', async () => {
      const long = 'とても長い日本語の動画タイトル'.repeat(12);
      const row = await fixture<HTMLDivElement>(
        html`<div style="display: grid; grid-template-columns: 260px 260px; align-items: start">
          <ss-media-card
            lang="ja"
            .media=${makeMedia({name: long, description: long})}
          ></ss-media-card>
          <ss-media-card
            lang="ja"
            .media=${makeMedia({name: '短い', description: ''})}
          ></ss-media-card>
        </div>`,
      );
      const [longCard, shortCard] = [...row.querySelectorAll('ss-media-card')];
      await settled(longCard!, 'ready');
      await settled(shortCard!, 'ready');
      expect(longCard!.getBoundingClientRect().height).to.be.closeTo(
        shortCard!.getBoundingClientRect().height,
        1,
      );
      const title = parts(longCard!, 'title')[0]!;
      expect(title.scrollWidth).to.be.at.most(title.clientWidth + 1);
      expect(longCard!.getBoundingClientRect().width).to.equal(260);
      expect(partText(longCard!, 'title')).to.equal(long);
      // The description is clamped to three lines.
      const description = parts(longCard!, 'description')[0]!;
      const line = parseFloat(getComputedStyle(description).lineHeight);
      expect(description.clientHeight).to.be.closeTo(3 * line, 1);
      expect(description.scrollHeight).to.be.greaterThan(description.clientHeight);
      await expect(longCard!).to.be.accessible();
    });

    it('renders the media property with no request', async () => {
      const el = await mediaCard(makeMedia({name: 'From a property'}));
      expect(partText(el, 'title')).to.equal('From a property');
      expect(catalogRequests(await mockStats())).to.equal(0);
    });

    it('loads by ref-id', async () => {
      const el = await fixture<SsMediaCard>(
        html`<ss-media-card
          merchant=${MERCHANT}
          api-base=${mockBase}
          ref-id=${IDS.refId}
        ></ss-media-card>`,
      );
      await settled(el, 'ready');
      expect(partText(el, 'title')).to.equal('Tokyo Night Walk 東京夜散歩');
      expect((await mockStats()).byRoute['get-media']).to.equal(1);
    });

    it('re-renders when the shared cache gets a newer version of its media', async () => {
      const editor = useEditingClient();
      const el = await loadCard(IDS.long);
      await editor.updateMedia(MERCHANT, {id: IDS.long}, {name: 'Renamed'});
      await waitUntil(() => partText(el, 'title') === 'Renamed', 'the card kept the old name');
      expect((jsonLd(el) as {name: string}).name).to.equal('Renamed');
    });

    it('asks again and says not found when its media is deleted', async () => {
      const editor = useEditingClient();
      const el = await loadCard(IDS.long);
      await editor.deleteMedia(MERCHANT, {id: IDS.long});
      await settled(el, 'error');
      expect(partText(el, 'error')).to.equal('This video could not be found.');
    });
  });

  describe('activation and href', () => {
    it('is a button that fires ss-media-select on Enter when it has no href', async () => {
      const media = makeMedia();
      const el = await mediaCard(media);
      expect(activator(el).tagName).to.equal('BUTTON');
      el.focus();
      expect(deepActiveElement()).to.equal(activator(el));
      const selected = oneEvent(el, 'ss-media-select') as Promise<MediaSelectEvent>;
      await sendKeys({press: 'Enter'});
      const event = await selected;
      expect(event.detail.media.id).to.equal(media.id);
      expect(event.bubbles && event.composed).to.equal(true);
    });

    it('is a link to the expanded href template', async () => {
      const el = await loadCard(IDS.withRefId, 'ready', {href: '/videos/{id}'});
      const link = activator(el) as HTMLAnchorElement;
      expect(link.tagName).to.equal('A');
      expect(link.getAttribute('href')).to.equal(`/videos/${IDS.withRefId}`);
      expect(partText(el, 'title')).to.equal('Tokyo Night Walk 東京夜散歩');
      await expect(el).to.be.accessible();
    });

    it('URL-encodes the values it puts in the template', async () => {
      const el = await mediaCard(makeMedia({ref_id: 'a b&c=d/e?'}), {href: '/watch?ref={ref_id}'});
      expect(activator(el).getAttribute('href')).to.equal('/watch?ref=a%20b%26c%3Dd%2Fe%3F');
    });

    it('fires a cancelable ss-media-select on click; cancelling stops navigation', async () => {
      const el = await mediaCard(makeMedia(), {href: '/videos/{id}'});
      const before = location.href;
      el.addEventListener('ss-media-select', (event) => event.preventDefault());
      const selected = oneEvent(el, 'ss-media-select') as Promise<MediaSelectEvent>;
      activator(el).click();
      const event = await selected;
      expect(event.defaultPrevented).to.equal(true);
      expect(location.href).to.equal(before);
    });

    it('leaves Ctrl/Cmd/Shift-clicks on a link card to the browser (new tab, new window)', async () => {
      const el = await mediaCard(makeMedia(), {href: '/videos/{id}'});
      let selects = 0;
      el.addEventListener('ss-media-select', () => selects++);
      // Keeps the test page where it is; the card's own handler decides nothing by it.
      activator(el).addEventListener('click', (event) => event.preventDefault());
      for (const key of ['ctrlKey', 'metaKey', 'shiftKey', 'altKey'] as const) {
        activator(el).dispatchEvent(
          new MouseEvent('click', {bubbles: true, cancelable: true, [key]: true}),
        );
      }
      expect(selects).to.equal(0);
      activator(el).click();
      expect(selects).to.equal(1);
      // A card without href is a button: any click selects it.
      const button = await mediaCard(makeMedia());
      const selected = oneEvent(button, 'ss-media-select');
      activator(button).dispatchEvent(
        new MouseEvent('click', {bubbles: true, cancelable: true, ctrlKey: true}),
      );
      await selected;
    });

    for (const template of HOSTILE_HREF_TEMPLATES) {
      it(`never links to a script URL (template ${JSON.stringify(template)})`, async () => {
        const media = makeMedia({name: SCRIPT_URL_NAME});
        const el = await mediaCard(media, {href: template});
        const href = el.shadowRoot!.querySelector('a')?.getAttribute('href');
        if (href !== undefined) {
          const url = new URL(href!, document.baseURI);
          expect(['http:', 'https:']).to.include(url.protocol);
        }
        expect(activator(el).textContent!.trim()).to.equal(SCRIPT_URL_NAME);
      });
    }

    it('keeps quotes and </script> in a ref id inside the href', async () => {
      const refId = HOSTILE_REF_ID;
      const el = await mediaCard(makeMedia({ref_id: refId}), {href: '/watch?ref={ref_id}'});
      const link = activator(el) as HTMLAnchorElement;
      expect(link.tagName).to.equal('A');
      expect(link.getAttributeNames().sort()).to.deep.equal(['class', 'href', 'tabindex']);
      expect(new URL(link.href).searchParams.get('ref')).to.equal(refId);
      expect(link.getAttribute('href')).to.not.match(/[<>" ]/);
      expect(el.shadowRoot!.querySelectorAll('script, img:not(.poster)')).to.have.length(0);
    });
  });

  describe('fallback content', () => {
    it('hides what is written inside the tag, for pages without JavaScript, once it runs', async () => {
      const el = await fixture<SsMediaCard>(
        html`<ss-media-card
          style="width: 320px"
          merchant=${MERCHANT}
          api-base=${mockBase}
          media-id=${IDS.long}
          ><a href="/videos/fallback">Watch the video</a></ss-media-card
        >`,
      );
      await settled(el, 'ready');
      const fallback = el.querySelector('a')!;
      expect(fallback.checkVisibility()).to.equal(false);
      expect(fallback.getClientRects()).to.have.length(0);
      expect(parts(el, 'title')).to.have.length(1);
      await expect(el).to.be.accessible();
    });
  });

  describe('structured data', () => {
    it('adds a VideoObject to the light DOM', async () => {
      const el = await loadCard(IDS.withRefId, 'ready', {href: '/videos/{id}'});
      const data = jsonLd(el) as Record<string, unknown>;
      expect(data['@context']).to.equal('https://schema.org');
      expect(data['@type']).to.equal('VideoObject');
      expect(data.name).to.equal('Tokyo Night Walk 東京夜散歩');
      expect(data.duration).to.equal('PT12M34S');
      expect(data.thumbnailUrl).to.include(
        `${mockBase}/uploads/${MERCHANT}/posters/${IDS.withRefId}.svg`,
      );
      expect(data.keywords).to.contain('travel');
      expect(data.inLanguage).to.deep.equal(['ja', 'en', 'ko', 'zh']);
      expect(data.uploadDate).to.be.a('string');
      expect(data.url).to.equal(new URL(`/videos/${IDS.withRefId}`, document.baseURI).href);
    });

    it('gives the allowed regions of a geo rule', async () => {
      const el = await mediaCard(makeMedia({publish_geo_rule: ['jp', 'us']}));
      expect(jsonLd(el)!.regionsAllowed).to.deep.equal(['JP', 'US']);
    });

    it('leaves it out with no-structured-data', async () => {
      const el = await loadCard(IDS.withRefId, 'ready', {noStructuredData: true});
      expect(el.querySelector('script')).to.equal(null);
    });

    it('holds a name containing </script> safely', async () => {
      const editor = useEditingClient();
      const el = await loadCard(IDS.long);
      const name = 'Evil </script><script>window.__pwned = 1</script> <!-- "name"';
      await editor.updateMedia(MERCHANT, {id: IDS.long}, {name});
      await waitUntil(() => partText(el, 'title') === name.replace(/\s+/g, ' '));
      const scripts = el.querySelectorAll('script');
      expect(scripts).to.have.length(1);
      const text = scripts[0]!.textContent!;
      expect(text).to.not.match(/<\/script|<!--/i);
      expect((JSON.parse(text) as {name: string}).name).to.equal(name);
      // Serialized and parsed back as HTML, the script element still holds all of it.
      const copy = new DOMParser().parseFromString(el.outerHTML, 'text/html');
      expect(copy.querySelectorAll('script')).to.have.length(1);
      expect((window as unknown as {__pwned?: number}).__pwned).to.equal(undefined);
    });
  });
});
