// Runs in a group of its own, in a browser whose system is in dark mode (see
// web-test-runner.config.mjs): Chromium emulates it, Firefox has it as a preference, WebKit
// takes it from GTK's dark theme.
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/all.js';
import type {SsMediaCard} from '../../src/index.js';
import {IDS, MERCHANT, mockBase, parts, resetAll, settled} from './helpers/common.js';

async function loadCard(id: string): Promise<SsMediaCard> {
  const el = await fixture<SsMediaCard>(
    html`<ss-media-card
      style="width: 320px"
      merchant=${MERCHANT}
      api-base=${mockBase}
      media-id=${id}
    ></ss-media-card>`,
  );
  return settled(el, 'ready');
}

describe('<ss-media-card>', () => {
  describe('colour scheme, with the system in dark mode', () => {
    beforeEach(async () => {
      await resetAll();
      // Without this the tests below would prove nothing.
      expect(
        matchMedia('(prefers-color-scheme: dark)').matches,
        'system dark: run with --group system-dark',
      ).to.equal(true);
    });

    afterEach(() => {
      document.documentElement.style.colorScheme = '';
    });

    const surface = (el: SsMediaCard) => getComputedStyle(parts(el, 'base')[0]!).backgroundColor;

    it('stays light on a light-only page when the system is dark', async () => {
      const el = await loadCard(IDS.short);
      expect(surface(el)).to.equal('rgb(255, 255, 255)');
    });

    it('turns dark in dark mode on a page whose color-scheme allows it', async () => {
      document.documentElement.style.colorScheme = 'light dark';
      const el = await loadCard(IDS.short);
      expect(surface(el)).to.equal('rgb(23, 25, 29)');
      // A page can also pin one element, whatever the system says.
      el.style.colorScheme = 'light';
      expect(surface(el)).to.equal('rgb(255, 255, 255)');
    });
  });
});
