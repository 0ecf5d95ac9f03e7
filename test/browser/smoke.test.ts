import {expect, fixture, html} from '@open-wc/testing';
import '../../src/all.js';
import type {SsMediaCard} from '../../src/index.js';
import {IDS, MERCHANT, mockBase, partText, resetAll, settled} from './helpers.js';

describe('smoke', () => {
  beforeEach(resetAll);
  it('renders a card', async () => {
    const el = await fixture<SsMediaCard>(
      html`<ss-media-card
        merchant=${MERCHANT}
        api-base=${mockBase}
        media-id=${IDS.long}
      ></ss-media-card>`,
    );
    await settled(el, 'ready');
    expect(partText(el, 'duration')).to.equal('1:32:05');
  });
});
