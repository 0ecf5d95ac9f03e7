import {expect, fixture, html} from '@open-wc/testing';
import {LitElement, nothing} from 'lit';
import '../../src/all.js';
import type {SsMediaCard} from '../../src/index.js';
import {HeightHoldController} from '../../src/components/controllers/height-hold.js';
import {beforeSlices, inSlice, sliceSpent} from '../../src/components/shared/render-slices.js';
import {itIn, makeMedia} from './helpers/common.js';

// The CDN group loads the elements from the CDN file first: its cards then keep their own
// slice clock (another copy of render-slices), which this file's host cannot spend.
const ownCards = !document.querySelector('script[src*="smartstream-widgets.min.js"]');

/** Keeps the main thread busy, as rendering does on a slow phone. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** A list as the lists are: skeletons while loading, then cards that may render later. */
class HoldHost extends LitElement {
  static override properties = {loaded: {type: Boolean}};
  loaded = false;
  /** What is on screen, settled in \`update\` as the lists do: after the controllers' hostUpdate. */
  state = 'loading';
  /** How long the host's own render keeps the thread, before its cards render. */
  renderCost = 0;
  readonly hold = new HeightHoldController(this, () =>
    this.renderRoot.querySelector<HTMLElement>('.list'),
  );
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await this.hold.rendered;
    return complete;
  }
  protected override update(changed: Map<PropertyKey, unknown>): void {
    this.state = this.loaded ? 'ready' : 'loading';
    super.update(changed);
  }
  override render() {
    busy(this.renderCost);
    // As the lists render: items around cards, and two templates (the cards' container is not
    // the skeletons').
    const list =
      this.state === 'loading'
        ? html`<div class="list">
            ${Array.from({length: 6}, () => html`<div><ss-media-card skeleton></ss-media-card></div>`)}
          </div>`
        : html`<div class="list" data-cards>
            ${Array.from(
              {length: 6},
              (_, i) =>
                html`<div>
                  <ss-media-card
                    .media=${makeMedia({id: `media${i}`, name: `Video ${i}`})}
                    .deferRender=${true}
                  ></ss-media-card>
                </div>`,
            )}
          </div>`;
    return html`${list}
      <nav style="height: 40px">1 2 3</nav>
      ${nothing}`;
  }
}
customElements.define('test-hold-host', HoldHost);

const cardsOf = (host: HoldHost) => [
  ...host.shadowRoot!.querySelectorAll<SsMediaCard>('ss-media-card'),
];

describe('HeightHoldController and render slices', () => {
  it('runs what is left of a busy task in later tasks, in order, and settles each', async () => {
    const ran: number[] = [];
    const done = Array.from({length: 6}, (_, i) =>
      inSlice(() => {
        ran.push(i);
        busy(20);
      }),
    );
    expect(ran.length, 'renders run in this task before its slice (30 ms) is spent').to.be.lessThan(
      6,
    );
    await Promise.all(done);
    expect(ran).to.deep.equal([0, 1, 2, 3, 4, 5]);
  });

  it('runs a once-a-page preparation in a task of its own, before the renders that wait', async () => {
    const ran: string[] = [];
    const first = inSlice(() => busy(35));
    const key = `test ${Math.random()}`;
    const prepare = () => {
      ran.push('prepare');
      queueMicrotask(() => ran.push('end of the preparing task'));
    };
    beforeSlices(key, prepare);
    beforeSlices(key, prepare);
    await Promise.all([first, inSlice(() => ran.push('render'))]);
    expect(ran).to.deep.equal(['prepare', 'end of the preparing task', 'render']);
  });

  itIn(
    ownCards,
    "the CDN file's cards keep their own slice clock; the default group runs this",
    "keeps the skeletons' height until the cards replacing them have rendered",
    async () => {
      const host = await fixture<HoldHost>(html`<test-hold-host></test-hold-host>`);
      await host.updateComplete;
      const nav = host.shadowRoot!.querySelector('nav')!;
      const navTop = nav.getBoundingClientRect().top;
      expect(navTop, 'below six skeleton cards').to.be.greaterThan(300);
      // The host's render uses up the task's slice: every card renders in a later task.
      host.renderCost = 40;
      host.loaded = true;
      await new Promise<void>((resolve) =>
        host.addController({hostUpdated: () => queueMicrotask(resolve)}),
      );
      const waiting = cardsOf(host).filter((card) => !card.hasUpdated);
      expect(waiting.length, 'cards left for later tasks').to.be.greaterThan(0);
      expect(nav.getBoundingClientRect().top, 'what is below does not move').to.be.closeTo(
        navTop,
        1,
      );
      host.renderCost = 0;
      await host.updateComplete;
      expect(cardsOf(host).every((card) => card.hasUpdated)).to.equal(true);
      expect(
        cardsOf(host).map((card) => card.shadowRoot!.querySelector('h3')?.textContent),
      ).to.deep.equal(['Video 0', 'Video 1', 'Video 2', 'Video 3', 'Video 4', 'Video 5']);
      const items = [...host.shadowRoot!.querySelectorAll<HTMLElement>('[data-cards] > div')];
      expect(items.map((item) => item.style.minHeight).join(''), 'the holds are let go').to.equal(
        '',
      );
      expect(nav.getBoundingClientRect().top).to.be.closeTo(navTop, 1);
    },
  );

  itIn(
    ownCards,
    "the CDN file's cards keep their own slice clock; the default group runs this",
    "names a language ICU must name after ICU's data has loaded in a task of its own, not inside a card's render",
    async () => {
      const Card = customElements.get('ss-media-card') as unknown as {
        prototype: {update(changed: unknown): void};
      };
      const {update} = Card.prototype;
      let rendering = 0;
      Card.prototype.update = function (this: unknown, changed: unknown) {
        rendering++;
        try {
          update.call(this, changed);
        } finally {
          rendering--;
        }
      };
      // Whether each language-name format was made inside a card's render.
      const made: boolean[] = [];
      const {DisplayNames} = Intl;
      (Intl as {DisplayNames: unknown}).DisplayNames = class extends DisplayNames {
        constructor(...args: ConstructorParameters<typeof DisplayNames>) {
          made.push(rendering > 0);
          super(...args);
        }
      };
      const wrapper = document.createElement('div');
      try {
        // Swahili is not one of the languages a card names without ICU.
        const track = {kind: 'subtitles', lang: 'sw', mime_type: 'text/vtt', src: null};
        const media = makeMedia({text_tracks: [track]});
        const cards = [0, 1, 2].map(() => {
          const card = document.createElement('ss-media-card');
          Object.assign(card, {deferRender: true, media});
          return card;
        });
        wrapper.append(...cards);
        // A slice already spent, as by a list's render on a slow phone: the cards wait.
        sliceSpent();
        busy(40);
        document.body.append(wrapper);
        await Promise.all(cards.map((card) => card.updateComplete));
        expect(cards[0]!.shadowRoot!.textContent).to.contain('Swahili');
        expect(made, 'made inside a render').to.deep.equal([false]);
      } finally {
        wrapper.remove();
        Card.prototype.update = update;
        (Intl as {DisplayNames: unknown}).DisplayNames = DisplayNames;
      }
    },
  );

  it('holds nothing when no card waits: a quick render, or a host not loading before', async () => {
    const host = await fixture<HoldHost>(html`<test-hold-host .loaded=${true}></test-hold-host>`);
    await host.updateComplete;
    const items = [...host.shadowRoot!.querySelectorAll<HTMLElement>('.list > div')];
    expect(items.map((item) => item.style.minHeight).join('')).to.equal('');
    expect(cardsOf(host).every((card) => card.hasUpdated)).to.equal(true);
  });
});
