// This page registers the catalog elements before <ss-catalog> (npm users can import the
// registration modules in any order): descendants must wait for it, not report it missing.
import {aTimeout, expect, fixture, html} from '@open-wc/testing';
import '../../src/ss-media-card.js';
import '../../src/ss-media-list.js';
import type {SsMediaCard, SsMediaList} from '../../src/index.js';
import {IDS, MERCHANT, mockBase, mockStats, partText, resetAll, settled} from './helpers/common.js';

describe('<ss-catalog> registered after its descendants', () => {
  before(resetAll);

  it('keeps them loading, then they inherit its settings and load', async () => {
    const errors: Event[] = [];
    const wrapper = await fixture<HTMLDivElement>(
      html`<div @ss-error=${(event: Event) => errors.push(event)}>
        <ss-catalog merchant=${MERCHANT} api-base=${mockBase} lang="ja">
          <ss-media-card media-id=${IDS.long}></ss-media-card>
          <ss-media-list limit="3"></ss-media-list>
        </ss-catalog>
      </div>`,
    );
    const card = wrapper.querySelector<SsMediaCard>('ss-media-card')!;
    const list = wrapper.querySelector<SsMediaList>('ss-media-list')!;
    expect(customElements.get('ss-catalog')).to.equal(undefined);
    await aTimeout(100);
    expect(card.state).to.equal('loading');
    expect(list.state).to.equal('loading');
    expect(errors).to.have.length(0);
    const before = await mockStats();

    await import('../../src/ss-catalog.js');

    await settled(card, 'ready');
    await settled(list, 'ready');
    expect(partText(card, 'duration')).to.equal('1:32:05');
    expect(partText(list, 'pagination')).to.contain('次へ');
    // Its first page, not a changed filter: nothing to announce.
    const status = list.shadowRoot!.querySelector('[part~="base"] > [role="status"]')!;
    expect(status.textContent!.trim()).to.equal('');
    expect(errors).to.have.length(0);
    const after = await mockStats();
    expect(after.total - before.total - (after.byRoute.asset! - before.byRoute.asset!)).to.equal(2);
  });
});
