import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {LitElement} from 'lit';
import {CatalogError} from '../../src/client/errors.js';
import {ErrorReportController} from '../../src/components/controllers/error-report.js';
import {AttributeError} from '../../src/components/shared/diagnosis.js';
import {stringsFor} from '../../src/components/shared/strings.js';
import type {CatalogErrorEvent} from '../../src/events/error.js';

/** A host that shows `error` the way the elements do, settling it each render. */
class ReportHost extends LitElement {
  static override properties = {error: {attribute: false}};
  error?: unknown;
  retries = 0;
  readonly report = new ErrorReportController(this, () => 'nttsmc');

  protected override update(changed: Map<PropertyKey, unknown>): void {
    this.report.settled(this.error ? 'error' : 'ready', this.error);
    super.update(changed);
  }

  override render() {
    if (!this.error) return html`<p>Loaded</p>`;
    return this.report.render(this.error, stringsFor('en'), () => this.retries++);
  }
}
customElements.define('test-report-host', ReportHost);

const errorPart = (host: ReportHost) => host.shadowRoot!.querySelector('[part~="error"]')!;
const unavailable = () => new CatalogError({status: 500, code: 'SERVER_ERROR', message: 'down'});

async function hostWith(error: unknown, events: CatalogErrorEvent[]): Promise<ReportHost> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.addEventListener('ss-error', (event) => events.push(event));
  const host = document.createElement('test-report-host') as ReportHost;
  host.error = error;
  wrapper.append(host);
  await host.updateComplete;
  return host;
}

describe('ErrorReportController', () => {
  it('fires ss-error once per distinct error, after the render that shows it', async () => {
    const events: CatalogErrorEvent[] = [];
    const host = await hostWith(unavailable(), events);
    expect(events).to.have.length(1);
    expect(events[0]!.detail.error.status).to.equal(500);
    host.requestUpdate();
    await host.updateComplete;
    expect(events).to.have.length(1);
    host.error = unavailable();
    await host.updateComplete;
    expect(events).to.have.length(2);
  });

  it("shows an error on load as page content, and the answer to a person's Retry as an alert", async () => {
    const host = await hostWith(unavailable(), []);
    expect(errorPart(host).textContent).to.contain('temporarily unavailable');
    expect(errorPart(host).getAttribute('role')).to.equal(null);
    errorPart(host).querySelector('button')!.click();
    expect(host.retries).to.equal(1);
    host.error = unavailable();
    await host.updateComplete;
    expect(errorPart(host).getAttribute('role')).to.equal('alert');
  });

  it('offers Retry only where retrying can help', async () => {
    const host = await hostWith(
      new CatalogError({status: 403, code: 'FORBIDDEN', message: 'no'}),
      [],
    );
    expect(errorPart(host).textContent).to.contain('refused access');
    expect(errorPart(host).querySelector('button')).to.equal(null);
  });

  it('says a configuration mistake on the console once, naming the element', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const host = await hostWith(new AttributeError('merchant'), []);
      host.error = new AttributeError('merchant');
      await host.updateComplete;
      await waitUntil(() => warnings.length > 0, 'no warning');
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.equal(
        '<test-report-host> BAD_REQUEST: The "merchant" attribute is required.',
      );
    } finally {
      console.warn = warn;
    }
  });
});
