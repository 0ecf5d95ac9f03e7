import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/all.js';
import {CatalogReader} from '../../src/client/index.js';
import type {
  CatalogErrorEvent,
  MediaGroupSelectEvent,
  PageChangeEvent,
  SsMediaGroupList,
  SsMediaList,
} from '../../src/index.js';
import {
  addFault,
  catalogRequests,
  deepActiveElement,
  IDS,
  MERCHANT,
  mockBase,
  mockJson,
  mockStats,
  pageIds,
  partText,
  parts,
  gallery,
  resetAll,
  settled,
} from './helpers/common.js';

interface Group {
  id: string;
  name: string;
  description: string;
}

async function mockGroups(query = 'limit=30'): Promise<Group[]> {
  return (await mockJson<{media_groups: Group[]}>(`media_groups?${query}`)).media_groups;
}

/** The group buttons a person sees. */
function groupButtons(el: SsMediaGroupList): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.list button[part~="item"]')];
}

function groupButton(el: SsMediaGroupList, id: string, groups: Group[]): HTMLButtonElement {
  const name = groups.find((group) => group.id === id)!.name;
  return groupButtons(el).find((button) => button.querySelector('.name')!.textContent === name)!;
}

function shownIds(list: SsMediaList): string[] {
  return [...list.shadowRoot!.querySelectorAll('ss-media-card')]
    .filter((card) => !card.skeleton)
    .map((card) => card.media!.id);
}

/** A computed colour as 8-bit sRGB, whatever its notation (`rgb()`, `color(srgb …)`). */
function rgb(color: string): [number, number, number] {
  const context = document.createElement('canvas').getContext('2d', {willReadFrequently: true})!;
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!];
}

/** WCAG 2 contrast ratio of two opaque colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = rgb(color).map((value) => {
      const c = value / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

let errors: CatalogErrorEvent[] = [];
const recordError = (event: CatalogErrorEvent) => errors.push(event);

async function groupFixture(
  options: {limit?: number | string; merchant?: string; lang?: string} = {},
): Promise<SsMediaGroupList> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: 700px" @ss-error=${recordError}>
      <ss-media-group-list
        merchant=${options.merchant ?? MERCHANT}
        api-base=${mockBase}
        limit=${options.limit ?? 30}
        lang=${options.lang ?? ''}
      ></ss-media-group-list>
    </div>`,
  );
  return wrapper.querySelector('ss-media-group-list')!;
}

describe('<ss-media-group-list>', () => {
  beforeEach(async () => {
    errors = [];
    await resetAll();
  });

  describe('states', () => {
    it('shows busy skeletons while loading', async () => {
      await addFault({kind: 'slow', route: 'list-media-groups', delayMs: 1500});
      const el = await settled(await groupFixture({limit: 4}), 'loading');
      expect(parts(el, 'base')[0]!.getAttribute('aria-busy')).to.equal('true');
      expect(el.shadowRoot!.querySelectorAll('.skeleton')).to.have.length(4);
      expect(groupButtons(el)).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('lists the groups with name and description', async () => {
      const expected = await mockGroups();
      const el = await settled(await groupFixture(), 'ready');
      expect(
        groupButtons(el).map((button) => button.querySelector('.name')!.textContent),
      ).to.deep.equal(expected.map((group) => group.name));
      const withDescription = expected.findIndex((group) => group.description);
      expect(
        groupButtons(el)[withDescription]!.querySelector('.description')!.textContent,
      ).to.equal(expected[withDescription]!.description);
      const withoutDescription = expected.findIndex((group) => !group.description);
      expect(groupButtons(el)[withoutDescription]!.querySelector('.description')).to.equal(null);
      expect(parts(el, 'list')[0]!.getAttribute('aria-label')).to.equal('Collections');
      expect(parts(el, 'pagination')).to.have.length(0);
      expect(parts(el, 'all')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('says so when there are no groups', async () => {
      const el = await settled(await groupFixture({merchant: 'nobody'}), 'empty');
      expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim()).to.equal(
        'No collections to show.',
      );
      await expect(el).to.be.accessible();
    });

    it('offers Retry after a server error, and Retry recovers', async () => {
      await addFault({
        kind: 'status',
        status: 502,
        route: 'list-media-groups',
        times: 3,
        retryAfter: 0,
      });
      const el = await settled(await groupFixture(), 'error');
      expect(errors[0]!.detail.error.status).to.equal(502);
      expect(partText(el, 'error')).to.contain('temporarily unavailable');
      await expect(el).to.be.accessible();
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="error"] button')!.click();
      await settled(el, 'ready');
      expect(groupButtons(el)).to.have.length(14);
    });

    it('names a bad limit and makes no request', async () => {
      const el = await settled(await groupFixture({limit: 500}), 'error');
      expect(partText(el, 'error')).to.equal(
        'Configuration error: The "limit" attribute is invalid: expected a whole number from 1 to 100.',
      );
      await waitUntil(() => errors.length > 0);
      expect(errors[0]!.detail.error.code).to.equal('BAD_REQUEST');
      expect(catalogRequests(await mockStats())).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('speaks Japanese', async () => {
      const el = await settled(await groupFixture({limit: 5, lang: 'ja'}), 'ready');
      expect(parts(el, 'list')[0]!.getAttribute('aria-label')).to.equal('コレクション');
      expect(parts(el, 'pagination')[0]!.getAttribute('aria-label')).to.equal(
        'コレクションのページ',
      );
      await expect(el).to.be.accessible();
    });
  });

  describe('pagination', () => {
    it('pages through the groups', async () => {
      const page2 = await mockGroups('limit=5&page=2');
      const el = await settled(await groupFixture({limit: 5}), 'ready');
      const items = [...el.shadowRoot!.querySelectorAll('nav li')].map((li) =>
        li.textContent!.trim(),
      );
      expect(items).to.deep.equal(['1', '2', '3']);
      expect(
        el.shadowRoot!.querySelector('nav [aria-current="page"]')!.textContent!.trim(),
      ).to.equal('1');
      const changed = oneEvent(el, 'ss-page-change') as Promise<PageChangeEvent>;
      el.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav > button')[1]!.click();
      expect((await changed).detail.page).to.equal(2);
      await settled(el, 'ready');
      expect(
        groupButtons(el).map((button) => button.querySelector('.name')!.textContent),
      ).to.deep.equal(page2.map((group) => group.name));
    });
  });

  describe('long names', () => {
    it('clamps a long group name to two lines, so its row keeps the height of the others', async () => {
      const long = 'Averyveryverylonggroupnamewithoutanyspaces'.repeat(10);
      // The catalog's answer, as it comes, with one name far past a sensible length.
      const client = new CatalogReader({
        apiBase: mockBase,
        fetch: async () =>
          new Response(
            JSON.stringify({
              count: 3,
              media_groups: [
                {id: 'g1', name: long},
                {id: 'g2', name: 'Short'},
                {id: 'g3', name: 'Also short'},
              ],
            }),
            {headers: {'content-type': 'application/json'}},
          ),
      });
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: 700px">
          <ss-media-group-list merchant=${MERCHANT} .client=${client}></ss-media-group-list>
        </div>`,
      );
      const el = await settled(wrapper.querySelector('ss-media-group-list')!, 'ready');
      const [first, second] = groupButtons(el);
      const name = first!.querySelector('.name')!;
      const lineHeight = parseFloat(getComputedStyle(name).lineHeight);
      expect(name.getBoundingClientRect().height).to.be.at.most(lineHeight * 2 + 1);
      expect(first!.getBoundingClientRect().height).to.be.closeTo(
        second!.getBoundingClientRect().height,
        1,
      );
      // The full name stays with the button: its accessible name, and a tooltip.
      expect(name.getAttribute('title')).to.equal(long);
      expect(first!.textContent!.trim()).to.equal(long);
    });
  });

  describe('right to left', () => {
    it('keeps a Latin-script group name left to right in a right-to-left page', async () => {
      const groups = await mockGroups();
      const latin = groups.find((group) => /^[A-Za-z]/.test(group.name))!;
      const el = await groupFixture();
      el.setAttribute('dir', 'rtl');
      await settled(el, 'ready');
      const name = groupButton(el, latin.id, groups).querySelector('.name')!;
      expect(getComputedStyle(name).direction).to.equal('ltr');
      expect(getComputedStyle(parts(el, 'base')[0]!).direction).to.equal('rtl');
    });
  });

  describe('keyboard', () => {
    it('is one tab stop; arrows, Home and End move focus; Enter selects', async () => {
      const expected = await mockGroups('limit=6');
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: 700px">
          <button>before</button>
          <ss-media-group-list
            merchant=${MERCHANT}
            api-base=${mockBase}
            limit="6"
          ></ss-media-group-list>
        </div>`,
      );
      const el = await settled(wrapper.querySelector('ss-media-group-list')!, 'ready');
      const buttons = groupButtons(el);
      expect(buttons.map((button) => button.tabIndex)).to.deep.equal([0, -1, -1, -1, -1, -1]);
      wrapper.querySelector('button')!.focus();
      await sendKeys({press: 'Tab'});
      expect(deepActiveElement()).to.equal(buttons[0]);
      await sendKeys({press: 'ArrowRight'});
      expect(deepActiveElement()).to.equal(groupButtons(el)[1]);
      await sendKeys({press: 'End'});
      expect(deepActiveElement()).to.equal(groupButtons(el)[5]);
      await sendKeys({press: 'ArrowLeft'});
      expect(deepActiveElement()).to.equal(groupButtons(el)[4]);
      await sendKeys({press: 'Home'});
      expect(deepActiveElement()).to.equal(groupButtons(el)[0]);
      await sendKeys({press: 'ArrowDown'});
      const columns = groupButtons(el).filter(
        (button) => button.getBoundingClientRect().top === buttons[0]!.getBoundingClientRect().top,
      ).length;
      expect(columns).to.be.greaterThan(1);
      expect(deepActiveElement()).to.equal(groupButtons(el)[columns]);
      expect(groupButtons(el)[columns]!.tabIndex).to.equal(0);
      const selected = oneEvent(el, 'ss-media-group-select') as Promise<MediaGroupSelectEvent>;
      await sendKeys({press: 'Enter'});
      expect((await selected).detail.group.id).to.equal(expected[columns]!.id);
      await sendKeys({press: 'Tab'});
      expect(groupButtons(el)).to.not.include(deepActiveElement());
    });
  });

  describe('controls', () => {
    it('sets media-group-id and page="1" on the controlled list, which shows the group', async () => {
      const groups = await mockGroups();
      const expected = await pageIds(`limit=6&page=1&media_group_id=${IDS.group}`);
      const {groups: el, list} = await gallery(3);
      expect(parts(el, 'all')[0]!.getAttribute('aria-pressed')).to.equal('true');
      const selected = oneEvent(el, 'ss-media-group-select') as Promise<MediaGroupSelectEvent>;
      groupButton(el, IDS.group, groups).click();
      expect((await selected).detail.group.id).to.equal(IDS.group);
      expect(list.getAttribute('media-group-id')).to.equal(IDS.group);
      expect(list.getAttribute('page')).to.equal('1');
      await waitUntil(() => list.getAttribute('state') === 'ready' && shownIds(list).length > 0);
      expect(shownIds(list)).to.deep.equal(expected);
      expect(shownIds(list)).to.include(IDS.live);
      await el.updateComplete;
      expect(groupButton(el, IDS.group, groups).getAttribute('aria-pressed')).to.equal('true');
      expect(parts(el, 'all')[0]!.getAttribute('aria-pressed')).to.equal('false');
      await expect(el).to.be.accessible();
    });

    it('shows an empty group as empty, and "All videos" clears the filter', async () => {
      const groups = await mockGroups();
      const {groups: el, list} = await gallery(2);
      groupButton(el, IDS.emptyGroup, groups).click();
      await settled(list, 'empty');
      parts(el, 'all')[0]!.click();
      expect(list.hasAttribute('media-group-id')).to.equal(false);
      expect(list.getAttribute('page')).to.equal('1');
      await settled(list, 'ready');
      expect(shownIds(list)).to.have.length(6);
    });

    it('shows "All videos" while the groups load, so nothing moves when they come', async () => {
      await addFault({kind: 'slow', route: 'list-media-groups', delayMs: 600});
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: 300px">
          <ss-media-group-list
            merchant=${MERCHANT}
            api-base=${mockBase}
            controls="elsewhere"
            limit="3"
            sort="created_at"
          ></ss-media-group-list>
        </div>`,
      );
      const el = await settled(wrapper.querySelector('ss-media-group-list')!, 'loading');
      const all = parts(el, 'all')[0]!;
      const top = el.shadowRoot!.querySelector('.list')!.getBoundingClientRect().top;
      await expect(el).to.be.accessible();
      await settled(el, 'ready');
      expect(parts(el, 'all')[0]).to.equal(all);
      expect(el.shadowRoot!.querySelector('.list')!.getBoundingClientRect().top).to.equal(top);
    });

    it('shows the group the controlled list already filters by as chosen', async () => {
      const groups = await mockGroups();
      const {groups: el} = await gallery(1, IDS.group);
      expect(groupButton(el, IDS.group, groups).getAttribute('aria-pressed')).to.equal('true');
      expect(parts(el, 'all')[0]!.getAttribute('aria-pressed')).to.equal('false');
    });

    it('sets the chosen group apart from the focused one, beyond the focus ring, and moves nothing', async () => {
      const {groups: el} = await gallery(1, '', 6);
      const [focused, chosen, other] = groupButtons(el);
      const all = parts(el, 'all')[0]!;
      const size = (element: Element) => {
        const {width, height} = element.getBoundingClientRect();
        return {width, height};
      };
      const sizes = () => [all, focused!, chosen!, other!].map(size);
      const before = sizes();
      chosen!.click();
      await el.updateComplete;
      expect(chosen!.getAttribute('aria-pressed')).to.equal('true');
      expect(all.getAttribute('aria-pressed')).to.equal('false');
      // Choosing changes no box: the chosen group, its neighbours and "All videos" keep their size.
      expect(sizes()).to.deep.equal(before);
      expect(size(chosen!)).to.deep.equal(size(other!));
      // Keyboard focus on the unchosen neighbour, as a keyboard user gets there.
      chosen!.focus();
      await sendKeys({press: 'ArrowLeft'});
      expect(deepActiveElement()).to.equal(focused);
      expect(focused!.matches(':focus-visible')).to.equal(true);
      expect(
        chosen!.querySelector('.description'),
        'a chosen group with a description',
      ).to.not.equal(null);
      // Each scheme as the page's color-scheme gives it, which every engine honours (with the
      // system in dark mode: system-dark.test.ts).
      for (const colorScheme of ['light', 'dark'] as const) {
        document.documentElement.style.colorScheme = colorScheme;
        try {
          const style = (element: Element, pseudo?: string) => getComputedStyle(element, pseudo);
          // The focus ring is the focused group's alone, and focus alone tints nothing.
          expect(style(focused!).outlineStyle, colorScheme).to.equal('solid');
          expect(style(chosen!).outlineStyle, colorScheme).to.equal('none');
          expect(style(focused!).backgroundColor, colorScheme).to.equal(
            style(other!).backgroundColor,
          );
          // The chosen group is filled differently from the surface the others show...
          expect(style(chosen!).backgroundColor, colorScheme).to.not.equal(
            style(focused!).backgroundColor,
          );
          // ...and carries a bar the others lack, a mark that is not colour alone.
          const bar = style(chosen!, '::before');
          expect(bar.content, colorScheme).to.not.equal('none');
          expect(parseFloat(bar.width) * parseFloat(bar.height), colorScheme).to.be.greaterThan(0);
          expect(style(focused!, '::before').content, colorScheme).to.equal('none');
          expect(style(other!, '::before').content, colorScheme).to.equal('none');
          // Its name and description stay readable on the fill (WCAG AA, 4.5:1).
          for (const text of chosen!.querySelectorAll('.name, .description')) {
            expect(
              contrast(style(text).color, style(chosen!).backgroundColor),
              `${colorScheme} ${text.className}`,
            ).to.be.at.least(4.5);
          }
        } finally {
          document.documentElement.style.colorScheme = '';
        }
      }
    });

    it("follows a script's change of the controlled list's filter", async () => {
      const groups = await mockGroups();
      const {groups: el, list} = await gallery(1);
      const pressed = () =>
        [...el.shadowRoot!.querySelectorAll('[aria-pressed="true"]')].map((button) =>
          button.querySelector('.name')!.textContent!.trim(),
        );
      groupButton(el, groups[0]!.id, groups).click();
      await waitUntil(() => pressed().join() === groups[0]!.name, 'the click chose no group');
      list.setAttribute('media-group-id', groups[2]!.id);
      await waitUntil(
        () => pressed().join() === groups[2]!.name,
        `pressed: ${JSON.stringify(pressed())}`,
      );
      list.removeAttribute('media-group-id');
      await waitUntil(() => pressed().join() === 'All videos', `pressed: ${pressed()}`);
    });

    it('leaves the list alone when ss-media-group-select is cancelled', async () => {
      const groups = await mockGroups();
      const {groups: el, list} = await gallery(2);
      el.addEventListener('ss-media-group-select', (event) => event.preventDefault());
      groupButton(el, IDS.group, groups).click();
      await el.updateComplete;
      expect(list.hasAttribute('media-group-id')).to.equal(false);
      expect(list.getAttribute('page')).to.equal('2');
    });
  });
});
