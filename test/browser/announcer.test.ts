import {expect, fixture, html} from '@open-wc/testing';
import {LitElement} from 'lit';
import {AnnouncerController} from '../../src/components/controllers/announcer.js';

/** A list's polite status region, as a screen reader reads it. */
class AnnouncerHost extends LitElement {
  readonly announcer = new AnnouncerController(this);
  override render() {
    return html`<p role="status">${this.announcer.text}</p>`;
  }
}
customElements.define('test-announcer-host', AnnouncerHost);

const said = (host: AnnouncerHost) =>
  host.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

/** What a loaded page would say: what a query found, or which page it is. */
const message = (count: boolean) => (count ? '46 videos' : 'Page 2 of 40');

async function render(host: AnnouncerHost): Promise<void> {
  host.requestUpdate();
  await host.updateComplete;
}

describe('AnnouncerController', () => {
  it('says what a new query found once it has loaded, when a page of the old one was shown', async () => {
    const host = await fixture<AnnouncerHost>(html`<test-announcer-host></test-announcer-host>`);
    host.announcer.queryChanged(true);
    await render(host);
    expect(said(host)).to.equal('');
    host.announcer.loaded(message);
    await render(host);
    expect(said(host)).to.equal('46 videos');
  });

  it('says nothing for the first query', async () => {
    const host = await fixture<AnnouncerHost>(html`<test-announcer-host></test-announcer-host>`);
    host.announcer.queryChanged(false);
    host.announcer.loaded(message);
    await render(host);
    expect(said(host)).to.equal('');
  });

  it("says which page a person asked for once it has loaded, and clears on a script's change", async () => {
    const host = await fixture<AnnouncerHost>(html`<test-announcer-host></test-announcer-host>`);
    host.announcer.pageRequested();
    host.announcer.pageChanged();
    host.announcer.loaded(message);
    await render(host);
    expect(said(host)).to.equal('Page 2 of 40');
    // A script sets another page: no stale "Page 2" while it shows page 3.
    host.announcer.pageChanged();
    host.announcer.loaded(message);
    await render(host);
    expect(said(host)).to.equal('');
  });

  it('says what a "Load more" added at once', async () => {
    const host = await fixture<AnnouncerHost>(html`<test-announcer-host></test-announcer-host>`);
    host.announcer.say('6 more videos shown. 12 left.');
    await host.updateComplete;
    expect(said(host)).to.equal('6 more videos shown. 12 left.');
  });
});
