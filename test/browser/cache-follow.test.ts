import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {LitElement} from 'lit';
import type {CatalogReader} from '../../src/client/index.js';
import {CacheFollowController} from '../../src/components/controllers/cache-follow.js';
import {IDS, MERCHANT, resetAll, useEditingClient} from './helpers/common.js';

/** A host that shows the name of one media, followed in the client's cache. */
class FollowHost extends LitElement {
  static override properties = {name: {}};
  name = '';
  readonly follower = new CacheFollowController(this, true);

  follow(client: CatalogReader, id: string): boolean {
    return this.follower.follow(client, id, () =>
      client.subscribeMedia(MERCHANT, {id}, (media) => (this.name = media?.name ?? 'Deleted')),
    );
  }

  override render() {
    return html`<h3>${this.name}</h3>`;
  }
}
customElements.define('test-follow-host', FollowHost);

const shown = (host: FollowHost) => host.shadowRoot!.querySelector('h3')!.textContent;

describe('CacheFollowController', () => {
  beforeEach(resetAll);

  it('shows an edit of the followed media as soon as the cache has it', async () => {
    const client = useEditingClient();
    await client.getMedia(MERCHANT, {id: IDS.long});
    const host = await fixture<FollowHost>(html`<test-follow-host></test-follow-host>`);
    expect(host.follow(client, IDS.long)).to.equal(true);
    expect(host.follow(client, IDS.long)).to.equal(false);
    await client.updateMedia(MERCHANT, {id: IDS.long}, {name: 'Renamed'});
    await waitUntil(() => shown(host) === 'Renamed', `shows ${shown(host)}`, {timeout: 3000});
  });

  it('stops following out of the document, and follows again when back', async () => {
    const client = useEditingClient();
    await client.getMedia(MERCHANT, {id: IDS.long});
    const host = await fixture<FollowHost>(html`<test-follow-host></test-follow-host>`);
    host.follow(client, IDS.long);
    const parent = host.parentElement!;
    host.remove();
    await client.updateMedia(MERCHANT, {id: IDS.long}, {name: 'While away'});
    expect(host.name).to.equal('');
    parent.append(host);
    await client.updateMedia(MERCHANT, {id: IDS.long}, {name: 'Back again'});
    await waitUntil(() => shown(host) === 'Back again', `shows ${shown(host)}`, {timeout: 3000});
  });
});
