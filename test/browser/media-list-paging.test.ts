import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import '../../src/all.js';
import type {CatalogErrorEvent, PageChangeEvent, SsMediaList} from '../../src/index.js';
import {
  addFault,
  deepActiveElement,
  IDS,
  MERCHANT,
  mockBase,
  mockJson,
  pageIds,
  partText,
  parts,
  resetAll,
  settled,
} from './helpers/common.js';
import {cards, listRequests} from './helpers/list.js';

function shownIds(el: SsMediaList): string[] {
  return cards(el).map((card) => card.media!.id);
}

function moreButton(el: SsMediaList): HTMLButtonElement | null {
  return el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="more-button"]');
}

function status(el: SsMediaList): string {
  return el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
}

let errors: CatalogErrorEvent[] = [];

async function pagingList(
  paging: string,
  options: {limit?: number; group?: string; lang?: string; height?: string; below?: boolean} = {},
): Promise<SsMediaList> {
  // `below`: a screen of page above the list, so its end is far whatever the window's height.
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: 800px" @ss-error=${(event: CatalogErrorEvent) => errors.push(event)}>
      ${options.below ? html`<div style="height: ${innerHeight}px"></div>` : ''}
      <ss-media-list
        merchant=${MERCHANT}
        api-base=${mockBase}
        limit=${options.limit ?? 6}
        paging=${paging}
        lang=${options.lang ?? ''}
        media-group-id=${options.group ?? ''}
      ></ss-media-list>
    </div>`,
  );
  return wrapper.querySelector('ss-media-list')!;
}

/** Waits until `count` cards are shown and each has rendered its link. */
async function cardCount(el: SsMediaList, count: number): Promise<void> {
  await waitUntil(() => cards(el).length === count, `never ${count} cards`, {timeout: 5000});
  await el.updateComplete;
  await Promise.all(cards(el).map((card) => card.updateComplete));
}

describe('<ss-media-list paging>', () => {
  beforeEach(async () => {
    errors = [];
    await resetAll();
    window.scrollTo(0, 0);
  });

  it('appends the next page on "Load more", keeping the cards shown, and moves focus to the first new one', async () => {
    const {count} = await mockJson<{count: number}>('medias/?limit=1');
    const expected = await pageIds('limit=12&page=1&sort=updated_at&order=desc');
    const el = await settled(await pagingList('more'), 'ready');
    expect(parts(el, 'pagination')).to.have.length(0);
    const before = cards(el);
    expect(moreButton(el)!.textContent!.trim()).to.equal('Load more videos');
    await expect(el).to.be.accessible();
    const changed = oneEvent(el, 'ss-page-change') as Promise<PageChangeEvent>;
    moreButton(el)!.focus();
    moreButton(el)!.click();
    expect((await changed).detail.page).to.equal(2);
    await cardCount(el, 12);
    expect(shownIds(el)).to.deep.equal(expected);
    // The same DOM nodes: page 1 was not rendered again.
    expect(cards(el).slice(0, 6)).to.deep.equal(before);
    expect(cards(el)[6]!.shadowRoot!.contains(deepActiveElement())).to.equal(true);
    expect(status(el)).to.equal(`6 more videos shown. ${count - 12} left.`);
    // `page` stays the first page shown; the list is one list, not two.
    expect(el.page).to.equal(1);
    expect(parts(el, 'list')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('says what came in Japanese', async () => {
    const {count} = await mockJson<{count: number}>('medias/?limit=1');
    const el = await settled(await pagingList('more', {lang: 'ja'}), 'ready');
    expect(moreButton(el)!.textContent!.trim()).to.equal('動画をもっと見る');
    moreButton(el)!.click();
    await cardCount(el, 12);
    await waitUntil(() => status(el) !== '');
    expect(status(el)).to.equal(`動画を6本追加しました。残り${count - 12}本です。`);
    await expect(el).to.be.accessible();
  });

  it('stops at the end of the catalog: no button, no further request', async () => {
    const {count} = await mockJson<{count: number}>(`medias/?limit=1&media_group_id=${IDS.group}`);
    expect(count).to.be.greaterThan(2);
    const limit = Math.ceil(count / 2);
    const el = await settled(await pagingList('more', {limit, group: IDS.group}), 'ready');
    moreButton(el)!.click();
    await cardCount(el, count);
    expect(moreButton(el)).to.equal(null);
    expect(status(el)).to.equal(`${count - limit} more videos shown. 0 left.`);
    expect(await listRequests()).to.equal(2);
    // Focus went to the first new card, not to the body with the vanished button.
    expect(cards(el)[limit]!.shadowRoot!.contains(deepActiveElement())).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows a failed append inline with Retry, keeping what is shown', async () => {
    await addFault({
      kind: 'status',
      status: 500,
      route: 'list-medias',
      pathIncludes: 'page=2',
      times: 3,
      retryAfter: 0,
    });
    const el = await settled(await pagingList('more'), 'ready');
    const before = cards(el);
    moreButton(el)!.focus();
    moreButton(el)!.click();
    await waitUntil(() => parts(el, 'error').length === 1, 'no inline error', {timeout: 5000});
    expect(el.state).to.equal('ready');
    expect(cards(el)).to.deep.equal(before);
    expect(partText(el, 'error')).to.contain('The video catalog is temporarily unavailable.');
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="error"] button')!;
    await waitUntil(() => deepActiveElement() === retry, 'focus not on Retry');
    await expect(el).to.be.accessible();
    retry.click();
    await cardCount(el, 12);
    expect(cards(el).slice(0, 6)).to.deep.equal(before);
    expect(parts(el, 'error')).to.have.length(0);
    expect(moreButton(el)).to.not.equal(null);
  });

  it('loads the next page by itself when the end comes near with paging="infinite"', async () => {
    const el = await settled(await pagingList('infinite', {limit: 12, below: true}), 'ready');
    await cardCount(el, 12);
    // The fallback button is there for keyboards and screen readers.
    expect(moreButton(el)).to.not.equal(null);
    const pages: number[] = [];
    el.addEventListener('ss-page-change', (event) => pages.push(event.detail.page));
    cards(el).at(-1)!.scrollIntoView({block: 'end'});
    await cardCount(el, 24);
    expect(pages[0]).to.equal(2);
    await expect(el).to.be.accessible();
  });

  it("does not load ahead while the end is far, and stops at the catalog's end", async () => {
    const {count} = await mockJson<{count: number}>(`medias/?limit=1&media_group_id=${IDS.group}`);
    const limit = Math.ceil(count / 3);
    const el = await settled(await pagingList('infinite', {limit, group: IDS.group}), 'ready');
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const shown = cards(el).length;
    // Either the first page filled the window (more came by itself) or it did not.
    for (let i = 0; i < 5 && cards(el).length < count; i++) {
      cards(el).at(-1)!.scrollIntoView({block: 'end'});
      await waitUntil(() => cards(el).length > shown || cards(el).length === count, '', {
        timeout: 3000,
      }).catch(() => {});
      await el.updateComplete;
    }
    await cardCount(el, count);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(moreButton(el)).to.equal(null);
    expect(await listRequests()).to.equal(Math.ceil(count / limit));
  });

  it('starts again from the first page when the filter changes', async () => {
    const expected = await pageIds(
      `limit=6&page=1&sort=updated_at&order=desc&media_group_id=${IDS.group}`,
    );
    const el = await settled(await pagingList('more'), 'ready');
    moreButton(el)!.click();
    await cardCount(el, 12);
    el.mediaGroupId = IDS.group;
    await waitUntil(
      () => JSON.stringify(cards(el).map((card) => card.media!.id)) === JSON.stringify(expected),
      'the appended page outlived the filter',
      {timeout: 5000},
    );
    expect(parts(el, 'list')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('names a bad paging value', async () => {
    const el = await settled(await pagingList('endless'), 'error');
    expect(partText(el, 'error')).to.contain('"paging"');
    expect(partText(el, 'error')).to.contain('pages, more, infinite');
    expect(errors[0]!.detail.error.code).to.equal('BAD_REQUEST');
    await expect(el).to.be.accessible();
  });
});
