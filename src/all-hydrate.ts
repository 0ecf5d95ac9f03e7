// The hydrating CDN entry: Lit's hydration support, then every element. For pages whose
// elements came server-rendered (`smartstream-widgets/ssr`): the elements take over the
// server's DOM rather than render it again. It must run before Lit's LitElement module does,
// so it is imported first, and a page loads this file instead of the plain one, never both.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';

export * from './all.js';
