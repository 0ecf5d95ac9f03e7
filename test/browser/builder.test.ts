import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import type {Media} from '../../src/client/index.js';
import {MERCHANT, mockBase, partText, resetAll, settled} from './helpers/common.js';

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
async function paste(snippet: string): Promise<Document> {
  expect(snippet).to.include(`<script type="module" src="${CDN_URL}"></script>`);
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>Pasted</title></head><body><main>${snippet.replace(CDN_URL, LOCAL_CDN_URL)}</main></body></html>`;
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
});
