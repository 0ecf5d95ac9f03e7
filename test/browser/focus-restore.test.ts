import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {LitElement} from 'lit';
import {FocusRestoreController} from '../../src/components/controllers/focus-restore.js';

type View = 'error' | 'loading' | 'ready' | 'pages' | 'last-page';

/** A host whose view replaces what had focus: an error's Retry, or a page button. */
class FocusHost extends LitElement {
  static override properties = {view: {}};
  view: View = 'error';
  get state(): string {
    return this.view === 'error' ? 'error' : this.view === 'loading' ? 'loading' : 'ready';
  }
  readonly focusRestore = new FocusRestoreController(this, () => {
    const root = this.shadowRoot!;
    (root.querySelector<HTMLElement>('[part~="error"] button') ?? root.querySelector('a'))?.focus();
  });

  override render() {
    switch (this.view) {
      case 'error':
        return html`<div part="error" tabindex="-1"><button>Try again</button></div>`;
      case 'loading':
        return html`<p>Loading</p>`;
      case 'ready':
        return html`<a href="#first">First video</a>`;
      default:
        return html`<nav part="pagination">
          <button>1</button>
          <button aria-current=${this.view === 'pages' ? 'false' : 'page'}>2</button>
          ${this.view === 'pages' ? html`<button id="next">Next</button>` : null}
        </nav>`;
    }
  }
}
customElements.define('test-focus-host', FocusHost);

const focused = (host: FocusHost) => host.shadowRoot!.activeElement?.textContent?.trim();

async function show(host: FocusHost, view: View): Promise<void> {
  host.view = view;
  await host.updateComplete;
}

describe('FocusRestoreController', () => {
  it('moves focus from a Retry that went away with the load to what loaded', async () => {
    const host = await fixture<FocusHost>(html`<test-focus-host></test-focus-host>`);
    host.shadowRoot!.querySelector('button')!.focus();
    await show(host, 'loading');
    await show(host, 'ready');
    await waitUntil(() => focused(host) === 'First video', `focus is on ${focused(host)}`);
  });

  it('leaves focus alone when the person clicked elsewhere while it loaded', async () => {
    const host = await fixture<FocusHost>(html`<test-focus-host></test-focus-host>`);
    host.shadowRoot!.querySelector('button')!.focus();
    await show(host, 'loading');
    document.body.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true}));
    await show(host, 'ready');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(focused(host)).to.equal(undefined);
  });

  it('keeps focus in the pagination when the pressed page button goes away', async () => {
    const host = await fixture<FocusHost>(html`<test-focus-host view="pages"></test-focus-host>`);
    await show(host, 'pages');
    host.shadowRoot!.querySelector<HTMLElement>('#next')!.focus();
    host.focusRestore.pressed();
    // Next on the last page is gone: focus goes to the current page's button.
    await show(host, 'last-page');
    await waitUntil(() => focused(host) === '2', `focus is on ${focused(host)}`);
  });
});
