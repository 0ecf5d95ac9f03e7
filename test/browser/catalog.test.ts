import {expect, fixture, html} from '@open-wc/testing';
import '../../src/all.js';
import type {SsCatalog, SsMediaCard, SsMediaGroupList, SsMediaList} from '../../src/index.js';
import {
  IDS,
  MERCHANT,
  mockBase,
  mockStats,
  partText,
  parts,
  resetAll,
  settled,
} from './helpers/common.js';

/** An address nothing listens on: a descendant that used it would end in an error. */
const DEAD_BASE = 'http://127.0.0.1:9';

describe('<ss-catalog>', () => {
  beforeEach(resetAll);

  it('gives merchant and api-base to every element inside it', async () => {
    const catalog = await fixture<SsCatalog>(
      html`<ss-catalog merchant=${MERCHANT} api-base=${mockBase}>
        <h2>Videos</h2>
        <ss-media-card media-id=${IDS.long}></ss-media-card>
        <div>
          <ss-media-list limit="3"></ss-media-list>
          <ss-media-group-list limit="3"></ss-media-group-list>
        </div>
      </ss-catalog>`,
    );
    const card = await settled(catalog.querySelector('ss-media-card')!, 'ready');
    const list = await settled(catalog.querySelector('ss-media-list')!, 'ready');
    const groups = await settled(catalog.querySelector('ss-media-group-list')!, 'ready');
    expect(partText(card, 'title')).to.equal('統計学 集中講座 (フル収録)');
    expect(list.shadowRoot!.querySelectorAll('ss-media-card')).to.have.length(3);
    expect(groups.shadowRoot!.querySelectorAll('.list button')).to.have.length(3);
    expect(catalog.shadowRoot!.querySelector('slot')).to.not.equal(null);
    expect(catalog.getBoundingClientRect().height).to.be.greaterThan(0);
    await expect(catalog).to.be.accessible();
  });

  it("lets an element's own merchant and api-base win", async () => {
    const catalog = await fixture<SsCatalog>(
      html`<ss-catalog merchant="acme" api-base=${DEAD_BASE}>
        <ss-media-card
          merchant=${MERCHANT}
          api-base=${mockBase}
          media-id=${IDS.short}
        ></ss-media-card>
      </ss-catalog>`,
    );
    const card = await settled(catalog.querySelector('ss-media-card')!, 'ready');
    expect(partText(card, 'title')).to.equal('5秒ジングル');
  });

  it('names the attribute a descendant lacks when the catalog does not give it', async () => {
    const catalog = await fixture<SsCatalog>(
      html`<ss-catalog merchant=${MERCHANT}>
        <ss-media-card media-id=${IDS.short}></ss-media-card>
      </ss-catalog>`,
    );
    const card = await settled(catalog.querySelector('ss-media-card')!, 'error');
    expect(partText(card, 'error')).to.contain('"api-base" attribute is required');
    expect((await mockStats()).total).to.equal(0);
  });

  it('loads anew when the catalog settings change', async () => {
    const catalog = await fixture<SsCatalog>(
      html`<ss-catalog merchant="nobody" api-base=${mockBase}>
        <ss-media-list limit="4"></ss-media-list>
      </ss-catalog>`,
    );
    const list = await settled(catalog.querySelector<SsMediaList>('ss-media-list')!, 'empty');
    catalog.merchant = MERCHANT;
    await settled(list, 'ready');
    expect(list.shadowRoot!.querySelectorAll('ss-media-card')).to.have.length(4);
  });

  describe('lang', () => {
    it('gives its lang to the elements inside it', async () => {
      const catalog = await fixture<SsCatalog>(
        html`<ss-catalog lang="ja" merchant=${MERCHANT} api-base=${mockBase}>
          <ss-media-card media-id=${IDS.geoBlocked}></ss-media-card>
          <ss-media-group-list limit="2"></ss-media-group-list>
        </ss-catalog>`,
      );
      const card = await settled(catalog.querySelector('ss-media-card')!, 'error');
      const groups = await settled(
        catalog.querySelector<SsMediaGroupList>('ss-media-group-list')!,
        'ready',
      );
      expect(partText(card, 'error')).to.equal('この動画はお住まいの地域ではご覧いただけません。');
      expect(parts(groups, 'list')[0]!.getAttribute('aria-label')).to.equal('コレクション');
      await expect(catalog).to.be.accessible();
    });

    it("lets an element's own lang win", async () => {
      const catalog = await fixture<SsCatalog>(
        html`<ss-catalog lang="ja" merchant=${MERCHANT} api-base=${mockBase}>
          <ss-media-card lang="en" media-id=${IDS.geoBlocked}></ss-media-card>
        </ss-catalog>`,
      );
      const card = await settled(catalog.querySelector('ss-media-card')!, 'error');
      expect(partText(card, 'error')).to.equal('This video is not available in your region.');
    });

    it('lets a nearer lang in the document win over the catalog', async () => {
      const catalog = await fixture<SsCatalog>(
        html`<ss-catalog lang="ja" merchant=${MERCHANT} api-base=${mockBase}>
          <section lang="en">
            <ss-media-card media-id=${IDS.geoBlocked}></ss-media-card>
          </section>
        </ss-catalog>`,
      );
      const card = await settled(catalog.querySelector('ss-media-card')!, 'error');
      expect(partText(card, 'error')).to.equal('This video is not available in your region.');
    });

    it('keeps the page language for a catalog without lang', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="ja">
          <ss-catalog merchant=${MERCHANT} api-base=${mockBase}>
            <ss-media-card media-id=${IDS.geoBlocked}></ss-media-card>
          </ss-catalog>
        </div>`,
      );
      const catalog = wrapper.querySelector('ss-catalog')!;
      const card = await settled(wrapper.querySelector<SsMediaCard>('ss-media-card')!, 'error');
      expect(catalog.hasAttribute('lang')).to.equal(false);
      expect(card.hasAttribute('lang')).to.equal(false);
      expect(partText(card, 'error')).to.equal('この動画はお住まいの地域ではご覧いただけません。');
    });

    it('re-renders the elements inside it when its lang changes', async () => {
      const catalog = await fixture<SsCatalog>(
        html`<ss-catalog merchant=${MERCHANT} api-base=${mockBase} lang="en">
          <ss-media-card media-id=${IDS.short}></ss-media-card>
        </ss-catalog>`,
      );
      const card = catalog.querySelector<SsMediaCard>('ss-media-card')!;
      await settled(card, 'ready');
      card.mediaId = 'does-not-exist';
      await settled(card, 'error');
      expect(partText(card, 'error')).to.equal('This video could not be found.');
      catalog.lang = 'ja';
      await catalog.updateComplete;
      await card.updateComplete;
      expect(catalog.getAttribute('lang')).to.equal('ja');
      expect(partText(card, 'error')).to.equal('この動画は見つかりませんでした。');
    });
  });
});
