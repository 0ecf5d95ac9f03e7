import {expect, waitUntil} from '@open-wc/testing';
import {addFault, catalogRequests, mockBase, mockStats, resetAll} from './helpers/common.js';

// Server output, rendered by scripts/ssr-fixture.js before the test runner starts (see the
// `test:browser` script): a 4-card list and a card, with the snapshot script.
interface ServerPage {
  placeholder: string;
  html: string;
  snapshot: string;
}

/** The server page with this run's mock address, its snapshot fetched just now. */
async function serverPage(): Promise<ServerPage> {
  const response = await fetch('/test/browser/generated/ssr-page.json');
  if (!response.ok) throw new Error('Run `npm run test:browser` (it renders the fixture first).');
  const page = (await response.json()) as ServerPage;
  const swap = (text: string) => text.replaceAll(page.placeholder, mockBase);
  const json = page.snapshot.replace(/^<script[^>]*>|<\/script>$/g, '');
  const entries = JSON.parse(swap(json)) as Record<string, Array<{storedAt: number}>>;
  for (const entry of Object.values(entries).flat()) entry.storedAt = Date.now();
  const snapshot = `<script type="application/json" id="ss-catalog-snapshot">${JSON.stringify(
    entries,
  ).replace(/</g, '\\u003c')}</script>`;
  return {...page, html: swap(page.html), snapshot};
}

type Frame = {
  window: Window & {__errors: string[]; __serverNodes: Element[]};
  document: Document;
};

/**
 * Loads the server page in an iframe. `script` is the elements' file, or none: a browser with
 * JavaScript off. Errors and Lit's console warnings inside are collected from the start.
 */
async function load(script: string | null): Promise<Frame> {
  const page = await serverPage();
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1000px; height: 900px; border: 0';
  // Without allow-scripts: nothing runs, as with JavaScript off; the test can still look in.
  if (!script) frame.setAttribute('sandbox', 'allow-same-origin');
  const collect = `<script>
    window.__errors = [];
    addEventListener('error', (e) => __errors.push(String(e.message)));
    for (const level of ['error', 'warn']) {
      const original = console[level];
      console[level] = (...args) => {
        const text = args.join(' ');
        // Lit's development build says so once: not a problem of the page.
        if (!text.includes('Lit is in dev mode')) __errors.push(text);
        original(...args);
      };
    }
  </script>`;
  // The nodes the server rendered, taken before the elements' script runs (module scripts wait).
  const keep = `<script>
    window.__serverNodes = [...document.querySelectorAll('ss-media-list, ss-media-card')]
      .map((el) => el.shadowRoot.querySelector('[part~="base"]'));
  </script>`;
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <base href="http://localhost/">${script ? collect : ''}${page.snapshot}
    ${script ? `<script type="module" src="${location.origin}${script}"></script>` : ''}
    </head><body>${page.html}${script ? keep : ''}</body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, {once: true}));
  document.body.append(frame);
  await loaded;
  return {window: frame.contentWindow as Frame['window'], document: frame.contentDocument!};
}

function shadowText(host: Element, part: string): string[] {
  return [...host.shadowRoot!.querySelectorAll(`[part~="${part}"]`)].map((node) =>
    node.textContent!.replace(/\s+/g, ' ').trim(),
  );
}

describe('server-rendered elements', () => {
  beforeEach(resetAll);
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('show posters, titles and durations with JavaScript off', async () => {
    const {document: doc} = await load(null);
    const list = doc.querySelector('ss-media-list')!;
    const cards = [...list.shadowRoot!.querySelectorAll('ss-media-card')];
    expect(cards).to.have.length(4);
    expect(doc.defaultView!.customElements.get('ss-media-list') === undefined).to.equal(true);
    const durations: string[] = [];
    for (const card of cards) {
      const poster = card.shadowRoot!.querySelector<HTMLImageElement>('img[part~="poster"]')!;
      expect(poster.getAttribute('src')).to.match(new RegExp(`^${mockBase}/uploads/`));
      expect(poster.getBoundingClientRect().height).to.be.greaterThan(100);
      expect(shadowText(card, 'title')[0]).to.not.equal('');
      // A duration, or the LIVE badge of live media.
      expect([...shadowText(card, 'duration'), ...shadowText(card, 'badge')]).to.have.length(1);
      durations.push(...shadowText(card, 'duration'));
    }
    expect(durations.length).to.be.greaterThan(0);
    for (const duration of durations) expect(duration).to.match(/^\d+:\d\d(:\d\d)?$/);
    expect(list.getAttribute('state')).to.equal('ready');
    const card = doc.querySelector('body > ss-media-card')!;
    expect(shadowText(card, 'title')).to.deep.equal(['Tokyo Night Walk 東京夜散歩']);
  });

  for (const [build, script] of [
    ['the npm build', '/dist/all-hydrate.js'],
    ['the CDN file', '/dist/smartstream-widgets.hydrate.min.js'],
  ] as const) {
    it(`hydrate with ${build}: no mismatch, no request, the server's nodes kept`, async () => {
      const before = catalogRequests(await mockStats());
      const {window: win, document: doc} = await load(script);
      const list = doc.querySelector('ss-media-list') as HTMLElement & {updateComplete: unknown};
      await waitUntil(() => win.customElements.get('ss-media-list'), 'the script never ran');
      await list.updateComplete;
      const cards = [...list.shadowRoot!.querySelectorAll('ss-media-card')];
      await waitUntil(() => cards.every((card) => !card.hasAttribute('defer-hydration')));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(win.__errors).to.deep.equal([]);
      expect(catalogRequests(await mockStats()) - before).to.equal(0);
      const now = [...doc.querySelectorAll('ss-media-list, ss-media-card')].map((el) =>
        el.shadowRoot!.querySelector('[part~="base"]'),
      );
      expect(now).to.have.length(2);
      expect(now[0]).to.equal(win.__serverNodes[0]);
      expect(now[1]).to.equal(win.__serverNodes[1]);
      expect(list.getAttribute('state')).to.equal('ready');

      // Selecting a card and changing the page work as on a client-rendered page.
      let selected = '';
      doc.addEventListener('ss-media-select', (event) => {
        event.preventDefault();
        selected = (event as CustomEvent<{media: {id: string}}>).detail.media.id;
      });
      const firstTitle = shadowText(cards[0]!, 'title')[0]!;
      cards[0]!.shadowRoot!.querySelector<HTMLElement>('.activator')!.click();
      expect(selected).to.match(/^[0-9a-f]{32}$/);
      let changed = 0;
      list.addEventListener('ss-page-change', () => changed++);
      const next = [
        ...list.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="page-button"]'),
      ].at(-1)!;
      // Page 2 fails first (the client's two retries too): Retry loads it.
      await addFault({kind: 'status', status: 500, route: 'list-medias', times: 3, retryAfter: 0});
      next.click();
      expect(changed).to.equal(1);
      await waitUntil(() => list.getAttribute('state') === 'error', 'page 2 never failed', {
        timeout: 5000,
      });
      list.shadowRoot!.querySelector<HTMLButtonElement>('[part~="error"] button')!.click();
      await waitUntil(() => {
        const first = list.shadowRoot!.querySelector('ss-media-card');
        return (
          first &&
          list.getAttribute('state') === 'ready' &&
          shadowText(first, 'title')[0] !== firstTitle
        );
      }, 'page 2 never showed');
      expect(list.getAttribute('page')).to.equal('2');
      expect((await mockStats()).byRoute['list-medias']).to.equal(4);
      expect(win.__errors).to.deep.equal([]);
    });
  }
});
