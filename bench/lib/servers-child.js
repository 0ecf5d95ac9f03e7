// The servers of the proxy part, in their own process so that the load generator (in the
// parent) and the server under test do not share an event loop.
//   node bench/lib/servers-child.js proxy   the mock (auth on, 50 requests/min) and the proxy
//   node bench/lib/servers-child.js bare    a bare Node http server; its response comes by IPC
// Each reports {url} to the parent, then answers {type: 'stats'} and {type: 'close'}.
import {createServer} from 'node:http';
import {startMockServer} from '../../dist/mock/index.js';
import {startProxyServer} from '../../dist/proxy/index.js';

const quiet = {info() {}, warn() {}, error() {}};
const mode = process.argv[2];

async function startProxy() {
  // The mock's defaults: the API key and credentials below, and the API's 50 requests/minute.
  const mock = await startMockServer({port: 0});
  const {url, proxy, close} = await startProxyServer({
    apiBase: mock.url,
    apiKey: 'mock-api-key',
    credentials: {mail_address: 'demo@example.com', password: 'demo-password'},
    merchants: ['nttsmc'],
    allowedOrigins: '*',
    // autocannon is one address standing for many visitors, measured in a steady state:
    // neither its share of the budget nor the start-up ramp should shape these figures.
    clientBudgetPerMinute: 50,
    budgetRampMs: 0,
    log: quiet,
  });
  return {
    url,
    stats: () => ({mock: mock.catalog.stats(), proxy: proxy.stats()}),
    close: () => Promise.all([close(), mock.close()]),
  };
}

/** Answers every request with the status, headers and body it was given. */
async function startBare({status, headers, body}) {
  const bytes = Buffer.from(body, 'base64');
  const server = createServer((request, response) => {
    response.writeHead(status, headers).end(bytes);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stats: () => ({}),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const response =
  mode === 'bare' ? await new Promise((resolve) => process.once('message', resolve)) : null;
const running = mode === 'bare' ? await startBare(response) : await startProxy();
process.send({type: 'ready', url: running.url});
process.on('message', async (message) => {
  if (message.type === 'stats') process.send({type: 'stats', stats: running.stats()});
  if (message.type === 'close') {
    await running.close();
    process.disconnect();
  }
});
