import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import type {Media} from '../../src/client/index.js';
import {MERCHANT, mockBase, mockStats, partText, resetAll, settled} from './helpers/common.js';

/** The mock's second merchant (src/mock/fixtures.ts). */
const OTHER_MERCHANT = 'acme';

// The builder is a demo page in plain JavaScript: imported by URL, as builder.html imports it.
const BUILDER_URL = '/demo/builder.js';
/** The CDN URL of the README's CMS snippet, which the copied HTML must load. */
const CDN_URL = 'https://cdn.jsdelivr.net/npm/smartstream-widgets/dist/smartstream-widgets.min.js';
/** The same file, built: what the pasted page loads here, with no traffic off 127.0.0.1. */
const LOCAL_CDN_URL = new URL('/dist/smartstream-widgets.min.js', location.href).href;

type CatalogElement = HTMLElement & {updateComplete: Promise<unknown>};

interface Builder {
  root: HTMLElement;
  field(name: string): HTMLInputElement | HTMLSelectElement;
  el<T extends Element = HTMLElement>(selector: string): T;
}

/** builder.html's own markup and stylesheet in a fixture, run by its own script. */
async function mountBuilder(params: Record<string, string> = {}): Promise<Builder> {
  const {EmbedBuilder} = (await import(BUILDER_URL)) as {
    EmbedBuilder: new (root: Element, params: URLSearchParams) => unknown;
  };
  const pageUrl = new URL('/demo/builder.html', location.href);
  const page = new DOMParser().parseFromString(await (await fetch(pageUrl)).text(), 'text/html');
  const root = await fixture<HTMLDivElement>(html`<div></div>`);
  // The page's own stylesheets, so axe judges the colours and sizes an author sees.
  const sheets = [...page.head.querySelectorAll('link[rel="stylesheet"]')].map((link) =>
    Object.assign(document.createElement('link'), {
      rel: 'stylesheet',
      href: new URL(link.getAttribute('href')!, pageUrl).href,
    }),
  );
  root.append(...sheets);
  await waitUntil(() => sheets.every((link) => link.sheet), 'the stylesheets never loaded');
  // Appended and started in one go: the elements get their api-base before they first render.
  root.append(...[...page.body.children].map((node) => document.importNode(node, true)));
  new EmbedBuilder(
    root,
    new URLSearchParams({'api-base': mockBase, merchant: MERCHANT, lang: 'en', ...params}),
  );
  const el = <T extends Element>(selector: string) => root.querySelector<T>(selector)!;
  return {
    root,
    el,
    field: (name) => el<HTMLFormElement>('#settings').elements.namedItem(name) as HTMLInputElement,
  };
}

/** Sets a field as a person does: the value, then the events the form listens to. */
function setField(field: HTMLInputElement | HTMLSelectElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', {bubbles: true}));
  field.dispatchEvent(new Event('change', {bubbles: true}));
}

function chooseElement(builder: Builder, element: string): void {
  builder.el<HTMLInputElement>(`input[name="element"][value="${element}"]`).click();
}

/** Clicks Copy; returns what is left selected once the status says it was copied. */
async function copySnippet(builder: Builder): Promise<string> {
  const output = builder.el<HTMLTextAreaElement>('#snippet');
  const status = builder.el('#copy-status');
  builder.el<HTMLButtonElement>('#copy').click();
  await waitUntil(() => status.textContent !== '', 'Copy never said anything');
  expect(status.textContent).to.match(/^(Copied|Selected: press Ctrl\+C)/);
  return output.value.slice(output.selectionStart, output.selectionEnd);
}

/** The copied HTML in a blank page, with the built CDN file where the CDN's URL was. */
async function paste(snippet: string, head = ''): Promise<Document> {
  expect(snippet).to.include(`<script type="module" src="${CDN_URL}"></script>`);
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>Pasted</title>${head}</head><body><main>${snippet.replace(CDN_URL, LOCAL_CDN_URL)}</main></body></html>`;
  const frame = await fixture<HTMLIFrameElement>(
    html`<iframe title="Pasted page" style="width: 900px; height: 700px" .srcdoc=${page}></iframe>`,
  );
  await waitUntil(() => frame.contentDocument?.querySelector('main'), 'the page never loaded');
  return frame.contentDocument!;
}

describe('embed builder (demo/builder.html)', function () {
  this.timeout(30_000);

  beforeEach(resetAll);

  it('picks a group and a media, copies the snippet, and the pasted page shows that media', async () => {
    const builder = await mountBuilder();
    const groups = await settled(builder.el<CatalogElement>('#browse-groups'), 'ready');
    const videos = builder.el<CatalogElement>('#browse-media');
    await settled(videos, 'ready');
    await expect(builder.root).to.be.accessible();

    chooseElement(builder, 'card');
    const groupButton = groups.shadowRoot!.querySelectorAll<HTMLButtonElement>('.list .group')[1]!;
    const groupName = groupButton.querySelector('.name')!.textContent!;
    groupButton.click();
    await waitUntil(() => builder.field('groupId').value !== '', 'the group id was not filled in');
    expect(builder.field('groupId').value).to.equal(videos.getAttribute('media-group-id'));
    expect(builder.field('label').value).to.equal(groupName);

    await settled(videos, 'ready');
    const card = [...videos.shadowRoot!.querySelectorAll('ss-media-card')][2]! as CatalogElement & {
      media: Media;
    };
    const media = card.media;
    card.shadowRoot!.querySelector<HTMLElement>('.activator')!.click();
    expect(builder.field('mediaId').value).to.equal(media.id);
    expect(builder.el('[data-detail="title"]').textContent).to.equal(media.name);
    expect(builder.el('[data-detail="id"]').textContent).to.equal(media.id);

    const template = '/videos/{id}?from="cms"&x=<1>';
    setField(builder.field('href'), template);
    setField(builder.field('lang'), 'ja');
    const snippet = await copySnippet(builder);
    expect(snippet).to.equal(builder.el<HTMLTextAreaElement>('#snippet').value);
    await expect(builder.root).to.be.accessible();

    const pasted = await paste(snippet);
    const pastedCard = pasted.querySelector('ss-media-card') as CatalogElement;
    await settled(pastedCard, 'ready', 10_000);
    expect(partText(pastedCard, 'title')).to.equal(media.name);
    expect(pastedCard.getAttribute('media-id')).to.equal(media.id);
    expect(pastedCard.getAttribute('href')).to.equal(template);
    expect(pastedCard.getAttribute('lang')).to.equal('ja');
    const link = pastedCard.shadowRoot!.querySelector('a.activator')!;
    expect(link.getAttribute('href')).to.match(new RegExp(`^/videos/${media.id}\\?from=`));
  });

  it('escapes the values it emits: quotes and < in a label and a link survive the paste', async () => {
    const builder = await mountBuilder();
    await settled(builder.el<CatalogElement>('#browse-media'), 'ready');
    const label = `He said "hi" <b>&amp;</b> it's <script>alert(1)</script>`;
    const template = `/v/{id}?a="1"&b=<2>'`;
    setField(builder.field('label'), label);
    setField(builder.field('href'), template);
    setField(builder.field('limit'), '4');
    setField(builder.field('radius'), '3');
    const snippet = await copySnippet(builder);
    expect(snippet).to.include('--ss-radius: 3px;');

    const pasted = await paste(snippet);
    const lists = pasted.querySelectorAll<CatalogElement>('ss-media-list');
    expect(lists).to.have.length(1);
    expect(pasted.querySelectorAll('b')).to.have.length(0);
    const scripts = [...pasted.querySelectorAll('script')];
    expect(scripts.filter((script) => script.textContent!.includes('alert(1)'))).to.deep.equal([]);
    const list = lists[0]!;
    expect(list.getAttribute('label')).to.equal(label);
    expect(list.getAttribute('href')).to.equal(template);
    await settled(list, 'ready', 10_000);
    expect(list.shadowRoot!.querySelectorAll('ss-media-card')).to.have.length(4);
    expect(getComputedStyle(list).getPropertyValue('--ss-radius').trim()).to.equal('3px');
  });

  it('looks a typed ref id up through the shared client, and names a bad one and a bad api-base', async () => {
    const builder = await mountBuilder({lang: 'ja'});
    expect(builder.el('h1').textContent).to.equal('埋め込みビルダー');
    chooseElement(builder, 'card');
    setField(builder.field('identify'), 'ref-id');
    setField(builder.field('refId'), 'tokyo-night-walk');
    await waitUntil(() => builder.root.querySelector('[data-detail="ref-id"]'), 'no details');
    expect(builder.el('[data-detail="ref-id"]').textContent).to.equal('tokyo-night-walk');
    expect(builder.el<HTMLTextAreaElement>('#snippet').value).to.include(
      ' ref-id="tokyo-night-walk"',
    );

    setField(builder.field('refId'), 'no-such-ref');
    await waitUntil(() => builder.el('#details').textContent!.includes('MEDIA_NOT_FOUND'));

    setField(builder.field('apiBase'), 'ftp://catalog.example');
    const error = builder.el('#api-base-error');
    expect(error.hidden).to.equal(false);
    expect(error.textContent).to.include('api-base が正しくありません');
    expect(builder.field('apiBase').getAttribute('aria-invalid')).to.equal('true');
    await expect(builder.root).to.be.accessible();
  });

  it('writes the recommended head: the pasted page reuses its preloads, one request each at the mock', async () => {
    // The mock's second merchant: WebKit keeps preloaded answers in its memory cache for the
    // whole browser, and other test files' faults on the first merchant's URLs must still hit.
    const builder = await mountBuilder({merchant: OTHER_MERCHANT});
    const videos = await settled(builder.el<CatalogElement>('#browse-media'), 'ready');
    const mediaId = (videos.shadowRoot!.querySelector('ss-media-card') as CatalogElement & {
      media: Media;
    })!.media.id;
    setField(builder.field('limit'), '5');
    setField(builder.field('sort'), 'name');
    const head = builder.el<HTMLTextAreaElement>('#head-snippet');
    const listUrl = `${mockBase}/v1/merchants/${OTHER_MERCHANT}/medias/?limit=5&order=desc&page=1&sort=name`;
    expect(head.value).to.equal(
      `<link rel="preload" as="fetch" href="${listUrl.replaceAll('&', '&amp;')}" crossorigin />\n`,
    );
    builder.el<HTMLButtonElement>('#copy-head').click();
    const headStatus = builder.el('#copy-head-status');
    await waitUntil(() => headStatus.textContent !== '', 'Copy head never said anything');
    expect(head.value.slice(head.selectionStart, head.selectionEnd)).to.equal(head.value);
    await expect(builder.root).to.be.accessible();

    const before = (await mockStats()).byRoute;
    const pasted = await paste(await copySnippet(builder), head.value);
    const list = pasted.querySelector('ss-media-list') as CatalogElement;
    await settled(list, 'ready', 10_000);
    expect(list.shadowRoot!.querySelectorAll('ss-media-card')).to.have.length(5);
    // Without the preload's reuse this is 2: the preload's request and the list's own. (WebKit
    // may answer the preload from its memory cache of the builder's own preview: 0.)
    expect((await mockStats()).byRoute['list-medias']! - before['list-medias']!).to.be.at.most(1);

    chooseElement(builder, 'card');
    setField(builder.field('mediaId'), mediaId);
    expect(head.value).to.include(`/v1/merchants/${OTHER_MERCHANT}/medias/${mediaId}"`);
    // The builder's own look-up and preview of that media are done before counting.
    await waitUntil(() => builder.root.querySelector('[data-detail="id"]'), 'no details', {
      timeout: 10_000,
    });
    const preview = builder.el('#preview').shadowRoot!.querySelector('ss-media-card');
    await settled(preview as CatalogElement, 'ready');
    const beforeCard = (await mockStats()).byRoute;
    // The snippet as the textarea holds it: Copy itself is checked above.
    const cardSnippet = builder.el<HTMLTextAreaElement>('#snippet').value;
    const pastedCard = await paste(cardSnippet, head.value);
    await settled(pastedCard.querySelector('ss-media-card') as CatalogElement, 'ready', 10_000);
    expect((await mockStats()).byRoute['get-media']! - beforeCard['get-media']!).to.be.at.most(1);

    chooseElement(builder, 'catalog');
    expect(head.value.match(/rel="preload"/g)).to.have.length(2);
    const stage = builder.el('#preview').shadowRoot!;
    await waitUntil(
      () => stage.querySelector('ss-catalog'),
      'the preview never showed the catalog',
    );
    for (const tag of ['ss-media-group-list', 'ss-media-list']) {
      await settled(stage.querySelector(tag) as CatalogElement, 'ready');
    }
    const beforeCatalog = (await mockStats()).byRoute;
    const pastedCatalog = await paste(
      builder.el<HTMLTextAreaElement>('#snippet').value,
      head.value,
    );
    for (const tag of ['ss-media-group-list', 'ss-media-list']) {
      await settled(pastedCatalog.querySelector(tag) as CatalogElement, 'ready', 10_000);
    }
    const afterCatalog = (await mockStats()).byRoute;
    expect(afterCatalog['list-media-groups']! - beforeCatalog['list-media-groups']!).to.be.at.most(
      1,
    );
    expect(afterCatalog['list-medias']! - beforeCatalog['list-medias']!).to.be.at.most(1);
  });

  it('adds a preconnect only for a poster origin other than the catalog, escaped', async () => {
    const {headMarkup} = (await import('/demo/builder-snippet.js' as string)) as {
      headMarkup(input: {preloads: string[]; posterOrigin?: string; apiOrigin: string}): string;
    };
    const api = 'https://videos.example.com';
    expect(headMarkup({preloads: [], posterOrigin: api, apiOrigin: api})).to.equal('');
    expect(
      headMarkup({
        preloads: [`${api}/v1/a?x="1"&y=<2>`],
        posterOrigin: 'https://img.example.com',
        apiOrigin: api,
      }),
    ).to.equal(
      `<link rel="preload" as="fetch" href="${api}/v1/a?x=&quot;1&quot;&amp;y=&lt;2&gt;" crossorigin />\n` +
        '<link rel="preconnect" href="https://img.example.com" />\n',
    );
  });
});
