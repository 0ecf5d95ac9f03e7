import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/all.js';
import type {CatalogErrorEvent, SsMediaList} from '../../src/index.js';
import {
  addFault,
  deepActiveElement,
  IDS,
  MERCHANT,
  mockBase,
  mockJson,
  partText,
  resetAll,
  settled,
} from './helpers/common.js';
import {cards, listRequests} from './helpers/list.js';

function row(el: SsMediaList): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[part~="list"]')!;
}

function scrollButton(el: SsMediaList, which: 'previous' | 'next'): HTMLButtonElement {
  return el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="scroll-button"].${which}`)!;
}

function visible(element: HTMLElement): boolean {
  return !element.hidden && getComputedStyle(element).display !== 'none';
}

/** Resolves once the row has stopped moving (smooth scrolling, snapping). */
async function scrollSettled(element: HTMLElement): Promise<void> {
  let last = NaN;
  await waitUntil(
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 120));
      const now = element.scrollLeft;
      const still = now === last;
      last = now;
      return still;
    },
    'the row kept scrolling',
    {timeout: 5000},
  );
}

let errors: CatalogErrorEvent[] = [];

interface Options {
  layout: string;
  limit?: number;
  group?: string;
  lang?: string;
}

async function layoutList(options: Options): Promise<SsMediaList> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div
      style="width: 800px; --ss-shelf-card-width: 200px"
      @ss-error=${(event: CatalogErrorEvent) => errors.push(event)}
    >
      <button>before</button>
      <ss-media-list
        merchant=${MERCHANT}
        api-base=${mockBase}
        limit=${options.limit ?? 10}
        layout=${options.layout}
        lang=${options.lang ?? ''}
        media-group-id=${options.group ?? ''}
      ></ss-media-list>
      <button>after</button>
    </div>`,
  );
  return wrapper.querySelector('ss-media-list')!;
}

async function ready(el: SsMediaList): Promise<SsMediaList> {
  await settled(el, 'ready');
  await Promise.all(cards(el).map((card) => settled(card, 'ready')));
  await el.updateComplete;
  return el;
}

describe('<ss-media-list layout>', () => {
  beforeEach(async () => {
    errors = [];
    await resetAll();
  });

  it('is a grid by default, and says so on the element', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 800px">
        <ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="6"></ss-media-list>
      </div>`,
    );
    const el = await ready(wrapper.querySelector('ss-media-list')!);
    expect(el.getAttribute('layout')).to.equal('grid');
    const tops = new Set(cards(el).map((card) => Math.round(card.getBoundingClientRect().top)));
    expect(tops.size).to.equal(2);
  });

  describe('shelf', () => {
    it('lays the cards in one row that scrolls sideways, cards as wide as --ss-shelf-card-width', async () => {
      const el = await ready(await layoutList({layout: 'shelf'}));
      const tops = new Set(cards(el).map((card) => Math.round(card.getBoundingClientRect().top)));
      expect(tops.size).to.equal(1);
      expect(cards(el)[0]!.getBoundingClientRect().width).to.be.closeTo(200, 0.5);
      expect(row(el).scrollWidth).to.be.greaterThan(row(el).clientWidth);
      expect(getComputedStyle(row(el)).scrollSnapType).to.contain('x');
      await expect(el).to.be.accessible();
    });

    it('pages by the visible width with its buttons, hiding each at its end', async () => {
      const {count} = await mockJson<{count: number}>(
        `medias/?limit=1&media_group_id=${IDS.group}`,
      );
      const el = await ready(await layoutList({layout: 'shelf', limit: count, group: IDS.group}));
      const scroller = row(el);
      // The row is measured in the frame after it renders.
      await waitUntil(() => visible(scrollButton(el, 'next')), 'no next button');
      expect(visible(scrollButton(el, 'previous'))).to.equal(false);
      const cardWidth = cards(el)[0]!.getBoundingClientRect().width;
      scrollButton(el, 'next').click();
      await scrollSettled(scroller);
      const moved = scroller.scrollLeft;
      // A visible width, in whole cards: the card cut at the edge becomes the first.
      expect(moved).to.be.within(scroller.clientWidth - cardWidth - 20, scroller.clientWidth);
      const firstInView = cards(el).find(
        (card) => card.getBoundingClientRect().left >= scroller.getBoundingClientRect().left,
      )!;
      expect(firstInView.getBoundingClientRect().right).to.be.lessThan(
        scroller.getBoundingClientRect().right,
      );
      await waitUntil(() => visible(scrollButton(el, 'previous')), 'no previous button');
      scroller.scrollLeft = scroller.scrollWidth;
      await scrollSettled(scroller);
      await waitUntil(() => !visible(scrollButton(el, 'next')), 'next stayed at the end');
      expect(visible(scrollButton(el, 'previous'))).to.equal(true);
      scrollButton(el, 'previous').click();
      await scrollSettled(scroller);
      expect(scroller.scrollLeft).to.be.lessThan(scroller.scrollWidth - scroller.clientWidth);
      await waitUntil(() => visible(scrollButton(el, 'next')), 'next stayed hidden');
      // The buttons are for pointers: keyboards have the arrow keys, readers the list.
      expect(scrollButton(el, 'next').tabIndex).to.equal(-1);
      await expect(el).to.be.accessible();
    });

    it('is one tab stop; arrow keys, Home and End reach every card', async () => {
      const {count} = await mockJson<{count: number}>(
        `medias/?limit=1&media_group_id=${IDS.group}`,
      );
      const el = await ready(await layoutList({layout: 'shelf', limit: count, group: IDS.group}));
      const before = el.parentElement!.querySelector('button')!;
      before.focus();
      await sendKeys({press: 'Tab'});
      const focused = () =>
        cards(el).findIndex((card) => card.shadowRoot!.contains(deepActiveElement()));
      expect(focused()).to.equal(0);
      for (let i = 1; i < count; i++) {
        await sendKeys({press: 'ArrowRight'});
        await el.updateComplete;
        expect(focused()).to.equal(i);
      }
      // The focused card is scrolled into view.
      const last = cards(el).at(-1)!.getBoundingClientRect();
      expect(last.right).to.be.at.most(row(el).getBoundingClientRect().right + 1);
      await sendKeys({press: 'Home'});
      await el.updateComplete;
      expect(focused()).to.equal(0);
      await sendKeys({press: 'ArrowDown'});
      await el.updateComplete;
      expect(focused()).to.equal(0);
      await sendKeys({press: 'End'});
      await el.updateComplete;
      expect(focused()).to.equal(count - 1);
      await sendKeys({press: 'Tab'});
      expect(deepActiveElement()!.textContent).to.equal('after');
    });

    it('fetches the next page before the end of the row comes into view, and only once', async () => {
      const el = await ready(await layoutList({layout: 'shelf', limit: 10}));
      const scroller = row(el);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await listRequests()).to.equal(1);
      // Less than a visible width from the end: not there yet.
      const end = scroller.scrollWidth - scroller.clientWidth;
      for (const left of [end - 500, end - 450, end - 400, end - 350]) {
        scroller.scrollTo({left, behavior: 'instant'});
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      expect(scroller.scrollLeft).to.be.lessThan(end);
      await waitUntil(() => cards(el).length === 20, 'page 2 never came', {timeout: 5000});
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await listRequests()).to.equal(2);
      await expect(el).to.be.accessible();
    });

    it('goes from skeleton to cards without a layout shift', async () => {
      const shifts: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & {value: number}>) {
          shifts.push(entry.value);
        }
      });
      observer.observe({type: 'layout-shift'});
      await addFault({kind: 'slow', route: 'list-medias', delayMs: 400});
      const el = await settled(await layoutList({layout: 'shelf'}), 'loading');
      const loading = el.getBoundingClientRect().height;
      const after = el.parentElement!.querySelector('button:last-of-type')!;
      const afterTop = after.getBoundingClientRect().top;
      await expect(el).to.be.accessible();
      await ready(el);
      await new Promise((resolve) => setTimeout(resolve, 200));
      observer.disconnect();
      expect(el.getBoundingClientRect().height).to.be.closeTo(loading, 0.5);
      expect(after.getBoundingClientRect().top).to.be.closeTo(afterTop, 0.5);
      expect(shifts.reduce((sum, value) => sum + value, 0)).to.equal(0);
    });

    it('names its scroll buttons in Japanese', async () => {
      const el = await ready(await layoutList({layout: 'shelf', lang: 'ja'}));
      expect(scrollButton(el, 'next').title).to.equal('次へスクロール');
      expect(scrollButton(el, 'previous').title).to.equal('前へスクロール');
      await expect(el).to.be.accessible();
    });
  });

  it('with lazy, loads only once in view, also after being moved in the page', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 800px">
        <div style="height: 3000px"></div>
        <ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="4" lazy></ss-media-list>
      </div>`,
    );
    const el = wrapper.querySelector('ss-media-list')!;
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(el.getAttribute('state')).to.equal('loading');
    expect(await listRequests()).to.equal(0);
    wrapper.append(el);
    await new Promise((resolve) => setTimeout(resolve, 100));
    el.scrollIntoView();
    await settled(el, 'ready');
    expect(cards(el)).to.have.length(4);
    expect(await listRequests()).to.equal(1);
    window.scrollTo(0, 0);
  });

  describe('rows', () => {
    it('puts the poster on the inline-start and the name beside it, one card a row', async () => {
      const el = await ready(await layoutList({layout: 'rows', limit: 4}));
      const boxes = cards(el).map((card) => card.getBoundingClientRect());
      expect(new Set(boxes.map((box) => Math.round(box.left))).size).to.equal(1);
      for (let i = 1; i < boxes.length; i++)
        expect(boxes[i]!.top).to.be.greaterThan(boxes[i - 1]!.bottom);
      const card = cards(el)[0]!;
      const poster = card.shadowRoot!.querySelector('[part~="poster"]')!.getBoundingClientRect();
      const title = card.shadowRoot!.querySelector('[part~="title"]')!.getBoundingClientRect();
      expect(poster.width).to.be.closeTo(128, 1);
      expect(title.left).to.be.greaterThan(poster.right - 1);
      expect(title.top).to.be.lessThan(poster.bottom);
      const description = card.shadowRoot!.querySelector('[part~="description"]')!;
      expect(getComputedStyle(description).display).to.equal('none');
      await expect(el).to.be.accessible();
    });

    it('keeps its height from skeleton to rows', async () => {
      await addFault({kind: 'slow', route: 'list-medias', delayMs: 400});
      const el = await settled(await layoutList({layout: 'rows', limit: 4, lang: 'ja'}), 'loading');
      const loading = el.getBoundingClientRect().height;
      await ready(el);
      expect(el.getBoundingClientRect().height).to.be.closeTo(loading, 0.5);
      await expect(el).to.be.accessible();
    });
  });

  it('names a bad layout value', async () => {
    const el = await settled(await layoutList({layout: 'carousel'}), 'error');
    expect(partText(el, 'error')).to.contain('"layout"');
    expect(partText(el, 'error')).to.contain('grid, shelf, rows');
    expect(errors[0]!.detail.error.code).to.equal('BAD_REQUEST');
    await expect(el).to.be.accessible();
  });
});
