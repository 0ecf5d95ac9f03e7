// Runs in a group of its own, in a browser in forced colours, as with Windows High Contrast
// (see web-test-runner.config.mjs): Chromium emulates them, Firefox replaces the page's colours
// by preference. WebKit has no forced-colours mode: there the tests skip and say so.
import {expect} from '@open-wc/testing';
import '../../src/all.js';
import {engine, gallery, itIn, mockJson, resetAll} from './helpers/common.js';

const NO_FORCED_COLORS = 'it has no forced-colours mode';

describe('<ss-media-group-list>', () => {
  describe('forced colors', () => {
    beforeEach(resetAll);

    itIn(
      engine.forcedColors,
      NO_FORCED_COLORS,
      'marks the chosen group and the current page in forced colors (High Contrast)',
      async () => {
        // Without this the test below would prove nothing.
        expect(
          matchMedia('(forced-colors: active)').matches,
          'forced colours: run with --group forced-colors',
        ).to.equal(true);
        const {media_groups: groups} = await mockJson<{
          media_groups: Array<{id: string; name: string}>;
        }>('media_groups?limit=5');
        const {groups: el} = await gallery(1, groups[1]!.id, 5);
        const background = (element: Element) => getComputedStyle(element).backgroundColor;
        const button = (name: string) =>
          [...el.shadowRoot!.querySelectorAll('.list button[part~="item"]')].find(
            (item) => item.querySelector('.name')?.textContent === name,
          );
        const [other, chosen] = [button(groups[0]!.name), button(groups[1]!.name)];
        expect(chosen!.getAttribute('aria-pressed')).to.equal('true');
        expect(other!.getAttribute('aria-pressed')).to.equal('false');
        expect(background(chosen!)).to.not.equal(background(other!));
        const pageButtons = [...el.shadowRoot!.querySelectorAll('nav li button')];
        const current = pageButtons.find((b) => b.getAttribute('aria-current') === 'page')!;
        const next = pageButtons.find((b) => b !== current)!;
        expect(background(current)).to.not.equal(background(next));
      },
    );
  });
});
