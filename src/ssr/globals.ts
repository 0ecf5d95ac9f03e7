import {MutationObserver} from '@lit-labs/ssr-dom-shim';

// `<ss-media-group-list>` makes its observer of the list it controls as it is constructed; Lit's
// DOM shim has an inert one but does not install it. Only where the runtime has none.
globalThis.MutationObserver ??= MutationObserver;
