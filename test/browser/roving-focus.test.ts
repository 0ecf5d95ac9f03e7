// The roving tab stop of the lists' grids and shelves (src/components/shared/roving-focus.ts) on
// a bare grid of buttons, with real key presses: what a keyboard user gets, whatever the element.
import {expect, fixture, html as fixtureHtml} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {css, html, LitElement} from 'lit';
import {repeat} from 'lit/directives/repeat.js';
import {RovingFocusController} from '../../src/components/shared/roving-focus.js';

/** A grid of buttons laid out in `columns` columns, one per label, keyed by label. */
class RovingGrid extends LitElement {
  static override styles = css`
    .grid {
      display: grid;
      grid-template-columns: repeat(var(--columns), 80px);
      gap: 4px;
    }
    button {
      height: 32px;
    }
  `;

  labels: string[] = [];
  columns = 3;
  readonly roving = new RovingFocusController(this, () => this.items());

  items(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll('button')];
  }

  override render() {
    const count = this.labels.length;
    return html`<div
      class="grid"
      style="--columns: ${this.columns}"
      @keydown=${this.roving.onKeyDown}
      @focusin=${this.roving.onFocusIn}
    >
      ${repeat(
        this.labels,
        (label) => label,
        (label, i) =>
          html`<button type="button" tabindex=${this.roving.tabIndexFor(i, count)}>
            ${label}
          </button>`,
      )}
    </div>`;
  }
}
customElements.define('test-roving-grid', RovingGrid);

const SEVEN = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];

/** A button, the grid, a button; focus on the first button, as a keyboard user arrives. */
async function mount(labels = SEVEN, columns = 3, dir = 'ltr'): Promise<RovingGrid> {
  const wrapper = await fixture<HTMLDivElement>(fixtureHtml`<div dir=${dir}>
    <button id="before">before</button><test-roving-grid></test-roving-grid
    ><button id="after">after</button>
  </div>`);
  const grid = wrapper.querySelector<RovingGrid>('test-roving-grid')!;
  grid.columns = columns;
  await show(grid, labels);
  wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
  return grid;
}

/** Renders the grid with `labels` as its items (kept, added or removed by label). */
async function show(grid: RovingGrid, labels: string[]): Promise<void> {
  grid.labels = labels;
  grid.requestUpdate();
  await grid.updateComplete;
}

/** The label of the grid item that has focus, or the id of the element outside that has it. */
function focused(grid: RovingGrid): string {
  const inside = grid.shadowRoot!.activeElement;
  if (inside) return inside.textContent!.trim();
  return document.activeElement?.id ?? '';
}

/** The labels of the items that are tab stops. */
function tabStops(grid: RovingGrid): string[] {
  return grid
    .items()
    .filter((item) => item.tabIndex === 0)
    .map((item) => item.textContent!.trim());
}

/** Presses `key` and waits for the grid to move focus; the focused item after it. */
async function press(grid: RovingGrid, key: string): Promise<string> {
  await sendKeys({press: key});
  await grid.updateComplete;
  return focused(grid);
}

/** Whether the page saw `key`'s default action cancelled (the page would not scroll). */
async function pressCancels(grid: RovingGrid, key: string): Promise<boolean> {
  let cancelled: boolean | undefined;
  const listener = (event: KeyboardEvent) => (cancelled = event.defaultPrevented);
  document.addEventListener('keydown', listener);
  try {
    await press(grid, key);
  } finally {
    document.removeEventListener('keydown', listener);
  }
  expect(cancelled, `keydown ${key} reached the page`).to.not.equal(undefined);
  return cancelled!;
}

describe('RovingFocusController: arrow keys, Home and End', () => {
  it('Right and Left move one item in reading order and stop at the ends', async () => {
    const grid = await mount();
    await press(grid, 'Tab');
    expect(await press(grid, 'ArrowLeft')).to.equal('A');
    expect(await press(grid, 'ArrowRight')).to.equal('B');
    expect(await press(grid, 'ArrowRight')).to.equal('C');
    // C ends the first row: Right goes on to the next row's first item.
    expect(await press(grid, 'ArrowRight')).to.equal('D');
    expect(await press(grid, 'ArrowLeft')).to.equal('C');
    expect(tabStops(grid)).to.deep.equal(['C']);
    await press(grid, 'End');
    expect(await press(grid, 'ArrowRight')).to.equal('G');
    // Right on the last item changed nothing: an item arriving after it is not the tab stop.
    await show(grid, [...SEVEN, 'H']);
    expect(tabStops(grid)).to.deep.equal(['G']);
  });

  it('Down and Up move one visual row, the last row short or not', async () => {
    const grid = await mount();
    await press(grid, 'Tab');
    expect(await press(grid, 'ArrowUp')).to.equal('A');
    await press(grid, 'ArrowRight');
    expect(await press(grid, 'ArrowDown')).to.equal('E');
    // The last row has G only: Down from E lands on the last item, not past it.
    expect(await press(grid, 'ArrowDown')).to.equal('G');
    expect(await press(grid, 'ArrowDown')).to.equal('G');
    expect(await press(grid, 'ArrowUp')).to.equal('D');
    expect(await press(grid, 'ArrowUp')).to.equal('A');
  });

  it('rows follow the layout: in two columns Down moves by two', async () => {
    const grid = await mount(SEVEN, 2);
    await press(grid, 'Tab');
    expect(await press(grid, 'ArrowDown')).to.equal('C');
    expect(await press(grid, 'ArrowDown')).to.equal('E');
  });

  it('Home and End go to the first and the last item', async () => {
    const grid = await mount();
    await press(grid, 'Tab');
    expect(await press(grid, 'End')).to.equal('G');
    expect(tabStops(grid)).to.deep.equal(['G']);
    expect(await press(grid, 'Home')).to.equal('A');
    expect(tabStops(grid)).to.deep.equal(['A']);
  });
});

describe('RovingFocusController: what it leaves to the page', () => {
  it('the keys it uses do not also scroll the page; other keys are left alone', async () => {
    const grid = await mount();
    await press(grid, 'Tab');
    expect(await pressCancels(grid, 'ArrowDown')).to.equal(true);
    expect(await pressCancels(grid, 'End')).to.equal(true);
    expect(await pressCancels(grid, 'a')).to.equal(false);
    expect(focused(grid)).to.equal('G');
  });

  it('in a single row (a shelf) Up and Down are left to the page', async () => {
    const grid = await mount(['A', 'B', 'C', 'D'], 4);
    await press(grid, 'Tab');
    await press(grid, 'ArrowRight');
    expect(await pressCancels(grid, 'ArrowDown')).to.equal(false);
    expect(focused(grid)).to.equal('B');
    expect(await pressCancels(grid, 'ArrowUp')).to.equal(false);
    expect(focused(grid)).to.equal('B');
    expect(await press(grid, 'ArrowRight')).to.equal('C');
  });

  it('on a right-to-left page Left moves forward and Right moves back', async () => {
    const grid = await mount(SEVEN, 3, 'rtl');
    const [a, b] = grid.items();
    expect(b!.getBoundingClientRect().right).to.be.at.most(a!.getBoundingClientRect().left);
    await press(grid, 'Tab');
    expect(await press(grid, 'ArrowLeft')).to.equal('B');
    expect(await press(grid, 'ArrowRight')).to.equal('A');
    expect(await press(grid, 'ArrowDown')).to.equal('D');
  });

  it('with Ctrl, Alt or Meta held the keys are not taken (browser and screen reader shortcuts)', async () => {
    const grid = await mount();
    await press(grid, 'Tab');
    // WebDriver cannot hold a modifier down in every engine: the event carries it instead.
    for (const modifier of ['ctrlKey', 'altKey', 'metaKey']) {
      const event = new KeyboardEvent('keydown', {
        key: 'ArrowRight',
        [modifier]: true,
        bubbles: true,
        composed: true,
        cancelable: true,
      });
      grid.items()[0]!.dispatchEvent(event);
      await grid.updateComplete;
      expect(event.defaultPrevented, modifier).to.equal(false);
      expect(focused(grid), modifier).to.equal('A');
    }
  });
});

describe('RovingFocusController: one tab stop', () => {
  it('the grid is one tab stop: Tab enters on the first item and the next Tab leaves it', async () => {
    const grid = await mount();
    expect(tabStops(grid)).to.deep.equal(['A']);
    expect(await press(grid, 'Tab')).to.equal('A');
    expect(await press(grid, 'Tab')).to.equal('after');
  });

  it('Tab out and back in returns to the item last focused, also one focused by a click', async () => {
    const grid = await mount();
    await press(grid, 'Tab');
    await press(grid, 'ArrowRight');
    await press(grid, 'ArrowRight');
    expect(await press(grid, 'Tab')).to.equal('after');
    grid.parentElement!.querySelector<HTMLButtonElement>('#before')!.focus();
    expect(await press(grid, 'Tab')).to.equal('C');
    // Focus that arrives without a key (a click, a script) moves the tab stop with it.
    grid.items()[5]!.focus();
    await grid.updateComplete;
    expect(tabStops(grid)).to.deep.equal(['F']);
    expect(await press(grid, 'ArrowLeft')).to.equal('E');
  });

  it('focus and the tab stop stay on their item when the items render again or more arrive', async () => {
    const grid = await mount();
    await press(grid, 'Tab');
    await press(grid, 'ArrowDown');
    grid.requestUpdate();
    await grid.updateComplete;
    expect(focused(grid)).to.equal('D');
    await show(grid, [...SEVEN, 'H', 'I']);
    expect(focused(grid)).to.equal('D');
    expect(tabStops(grid)).to.deep.equal(['D']);
    expect(await press(grid, 'End')).to.equal('I');
  });

  it('fewer items than the tab stop: the last item becomes it, never none', async () => {
    const grid = await mount();
    await press(grid, 'Tab');
    await press(grid, 'End');
    await show(grid, ['A', 'B']);
    expect(tabStops(grid)).to.deep.equal(['B']);
    grid.parentElement!.querySelector<HTMLButtonElement>('#before')!.focus();
    expect(await press(grid, 'Tab')).to.equal('B');
  });

  it('reset() (a new page of items) makes the first item the tab stop again', async () => {
    const grid = await mount();
    await press(grid, 'Tab');
    await press(grid, 'End');
    grid.roving.reset();
    await show(grid, ['P', 'Q', 'R']);
    expect(tabStops(grid)).to.deep.equal(['P']);
  });
});
