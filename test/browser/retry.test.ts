import {Task, TaskStatus} from '@lit/task';
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {LitElement, type PropertyValues} from 'lit';
import {CatalogError} from '../../src/client/errors.js';
import {RetryController} from '../../src/components/controllers/retry.js';

/** A host that loads through a task, failing with the errors it is given, one per load. */
class RetryHost extends LitElement {
  state = 'loading';
  loads = 0;
  failures: CatalogError[] = [];
  /** The next load hangs until it is aborted. */
  hang = false;
  readonly task = new Task(this, {
    task: async (_args, {signal}) => {
      this.loads++;
      if (this.hang) {
        this.hang = false;
        await new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        );
      }
      const failure = this.failures.shift();
      if (failure) throw failure;
      return 'Loaded';
    },
    args: () => [],
  });
  readonly retry = new RetryController(this, () => this.task);

  protected override update(changed: PropertyValues<this>): void {
    const {status, error} = this.task;
    const state =
      status === TaskStatus.ERROR ? 'error' : status === TaskStatus.COMPLETE ? 'ready' : 'loading';
    const fresh = state === 'error' && this.state !== 'error' ? (error as CatalogError) : undefined;
    this.state = state;
    this.retry.settled(state, fresh);
    super.update(changed);
  }

  override render() {
    return this.task.render({
      pending: () => 'Loading',
      complete: (text) => text,
      error: () => 'Failed',
    });
  }
}
customElements.define('test-retry-host', RetryHost);

const text = (host: RetryHost) => host.shadowRoot!.textContent!.trim();

async function failingHost(...failures: CatalogError[]): Promise<RetryHost> {
  const host = document.createElement('test-retry-host') as RetryHost;
  host.failures = failures;
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.append(host);
  await waitUntil(() => text(host) === 'Failed', 'the first load did not fail', {timeout: 3000});
  return host;
}

describe('RetryController', () => {
  it('loads again by itself when the browser comes back online after a network failure', async () => {
    const host = await failingHost(
      new CatalogError({status: 0, code: 'NETWORK_ERROR', message: 'offline'}),
    );
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => text(host) === 'Loaded', 'no reload when back online', {timeout: 3000});
    expect(host.loads).to.equal(2);
  });

  it('does not load again when back online after an error the network did not cause', async () => {
    const host = await failingHost(
      new CatalogError({status: 403, code: 'FORBIDDEN', message: 'refused'}),
    );
    window.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(text(host)).to.equal('Failed');
    expect(host.loads).to.equal(1);
  });

  it("loads again once a busy catalog's Retry-After has passed, not before", async () => {
    const busy = {status: 503, code: 'SERVICE_UNAVAILABLE', message: 'busy', retryAfterMs: 1000};
    const host = await failingHost(new CatalogError(busy));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(text(host)).to.equal('Failed');
    await waitUntil(() => text(host) === 'Loaded', 'no reload after Retry-After', {timeout: 3000});
    expect(host.loads).to.equal(2);
  });

  it('stops a load when the element is removed, and loads again when it comes back', async () => {
    const host = document.createElement('test-retry-host') as RetryHost;
    host.hang = true;
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(host);
    await waitUntil(() => host.loads === 1, 'no load');
    host.remove();
    await waitUntil(() => host.task.status !== TaskStatus.PENDING, 'the load was not stopped');
    wrapper.append(host);
    await waitUntil(() => text(host) === 'Loaded', 'no load on coming back', {timeout: 3000});
    expect(host.loads).to.equal(2);
  });
});
