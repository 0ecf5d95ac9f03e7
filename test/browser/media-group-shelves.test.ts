import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import '../../src/all.js';
import type {SsMediaGroupList, SsMediaList} from '../../src/index.js';
import {
  addFault,
  IDS,
  MERCHANT,
  mockBase,
  mockJson,
  partText,
  resetAll,
  settled,
} from './helpers/common.js';
import {cards, listRequests} from './helpers/list.js';

function shelves(el: SsMediaGroupList): SsMediaList[] {
  return [...el.shadowRoot!.querySelectorAll<SsMediaList>('ss-media-list')];
}

async function shelvesFixture(lang = ''): Promise<SsMediaGroupList> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: 760px">
      <ss-media-group-list
        merchant=${MERCHANT}
        api-base=${mockBase}
        layout="shelves"
        href="/videos/{id}"
        lang=${lang}
      ></ss-media-group-list>
    </div>`,
  );
  return wrapper.querySelector('ss-media-group-list')!;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('<ss-media-group-list layout="shelves">', () => {
  beforeEach(async () => {
    await resetAll();
    window.scrollTo(0, 0);
  });

  afterEach(() => window.scrollTo(0, 0));

  it('is a list of group buttons by default, and says so on the element', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<ss-media-group-list merchant=${MERCHANT} api-base=${mockBase}></ss-media-group-list>`,
    );
    const el = await settled(wrapper as unknown as SsMediaGroupList, 'ready');
    expect(el.getAttribute('layout')).to.equal('list');
    expect(shelves(el)).to.have.length(0);
  });

  it('shows a shelf per group under the group name, loading only the shelves in view', async () => {
    const {media_groups: groups} = await mockJson<{
      media_groups: Array<{id: string; name: string}>;
    }>('media_groups/?limit=30&page=1&sort=updated_at&order=desc');
    expect(groups).to.have.length(14);
    // The window as the engine opens it (WebDriver cannot resize it): the shelves in it load.
    const el = await settled(await shelvesFixture(), 'ready');
    expect(shelves(el)).to.have.length(14);
    const headings = [...el.shadowRoot!.querySelectorAll('[part~="shelf-heading"]')];
    expect(headings.map((heading) => heading.textContent)).to.deep.equal(groups.map((g) => g.name));
    expect(headings[0]!.tagName).to.equal('H2');
    const within = (bottom: number) =>
      shelves(el).filter((list) => list.getBoundingClientRect().top < bottom).length;
    const inView = within(innerHeight);
    const inTwoScreens = within(2 * innerHeight);
    expect(inView).to.be.within(1, 6);
    expect(inTwoScreens).to.be.within(inView + 1, 13);
    await Promise.all(
      shelves(el)
        .slice(0, inView)
        .map((list) => settled(list, 'ready')),
    );
    await pause(400);
    // The visible shelves and no other (measured at the mock).
    expect(await listRequests()).to.equal(inView);
    for (const list of shelves(el).slice(inView)) {
      expect(list.getAttribute('state')).to.equal('loading');
    }
    const first = shelves(el)[0]!;
    expect(first.getAttribute('media-group-id')).to.equal(groups[0]!.id);
    expect(cards(first)[0]!.shadowRoot!.querySelector('a')!.getAttribute('href')).to.match(
      /^\/videos\//,
    );
    await expect(el).to.be.accessible();
    // Scrolling brings the next shelves, which load then.
    window.scrollBy(0, innerHeight);
    await waitUntil(async () => (await listRequests()) > inView, 'no shelf loaded on scroll', {
      timeout: 5000,
    });
    await pause(400);
    expect(await listRequests()).to.be.at.most(inTwoScreens);
  });

  it('keeps the group list in place from its skeleton to the shelves', async () => {
    await addFault({kind: 'slow', route: 'list-media-groups', delayMs: 400});
    const el = await settled(await shelvesFixture(), 'loading');
    const skeleton = el.shadowRoot!.querySelector('.skeleton-row')!.getBoundingClientRect();
    await expect(el).to.be.accessible();
    await settled(el, 'ready');
    const first = shelves(el)[0]!;
    await settled(first, 'ready');
    const row = first.shadowRoot!.querySelector('[part~="list"]')!.getBoundingClientRect();
    expect(row.top).to.be.closeTo(skeleton.top, 0.5);
    expect(row.height).to.be.closeTo(skeleton.height, 0.5);
  });

  it('shows an empty group as an empty shelf, in Japanese', async () => {
    const el = await settled(await shelvesFixture('ja'), 'ready');
    const empty = shelves(el).find(
      (list) => list.getAttribute('media-group-id') === IDS.emptyGroup,
    )!;
    empty.scrollIntoView();
    await settled(empty, 'empty');
    expect(empty.shadowRoot!.textContent).to.contain('表示できる動画はありません。');
    await expect(el).to.be.accessible();
  });

  it('names a bad layout value', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<ss-media-group-list
        merchant=${MERCHANT}
        api-base=${mockBase}
        layout="carousel"
      ></ss-media-group-list>`,
    );
    const el = await settled(wrapper as unknown as SsMediaGroupList, 'error');
    expect(partText(el, 'error')).to.contain('list, shelves');
    await expect(el).to.be.accessible();
  });
});
