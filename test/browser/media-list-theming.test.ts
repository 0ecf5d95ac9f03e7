// One `::part(card-…)` rule on a list themes every card in it (issue 19): the list re-exports
// its cards' parts, so a page needs no rule per card and no access to the cards' shadow roots.
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/all.js';
import type {SsMediaList} from '../../src/index.js';
import {MERCHANT, mockBase, resetAll, settled} from './helpers/common.js';

describe('theming cards inside a list', () => {
  beforeEach(resetAll);

  it('one ss-media-list::part(card-title) rule styles the titles of its cards', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <style>
          ss-media-list::part(card-title) {
            color: rgb(200, 10, 20);
          }
          ss-media-list::part(card-duration) {
            background-color: rgb(1, 2, 3);
          }
        </style>
        <ss-media-list merchant=${MERCHANT} api-base=${mockBase} limit="4"></ss-media-list>
      </div>`,
    );
    const list = await settled(wrapper.querySelector<SsMediaList>('ss-media-list')!, 'ready');
    const cards = [...list.shadowRoot!.querySelectorAll('ss-media-card')];
    expect(cards).to.have.length(4);
    for (const card of cards) {
      await (card as HTMLElement & {updateComplete: Promise<unknown>}).updateComplete;
      const title = card.shadowRoot!.querySelector('[part~="title"]')!;
      expect(getComputedStyle(title).color).to.equal('rgb(200, 10, 20)');
    }
    const durations = cards
      .map((card) => card.shadowRoot!.querySelector('[part~="duration"]'))
      .filter((duration): duration is Element => duration !== null);
    expect(durations.length).to.be.greaterThan(0);
    for (const duration of durations) {
      expect(getComputedStyle(duration).backgroundColor).to.equal('rgb(1, 2, 3)');
    }
  });

  it('--ss-list-columns: 3 lays limit="6" out in two full rows at 1280px', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 1280px">
        <ss-media-list
          style="--ss-list-columns: 3"
          merchant=${MERCHANT}
          api-base=${mockBase}
          limit="6"
        ></ss-media-list>
      </div>`,
    );
    const list = await settled(wrapper.querySelector<SsMediaList>('ss-media-list')!, 'ready');
    const tops = [...list.shadowRoot!.querySelectorAll('[part~="item"]')].map(
      (item) => item.getBoundingClientRect().top,
    );
    expect(tops).to.have.length(6);
    expect(new Set(tops).size).to.equal(2);
    expect(tops.filter((top) => top === tops[0])).to.have.length(3);
  });
});
