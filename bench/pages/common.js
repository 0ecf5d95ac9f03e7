// Helpers shared by the bench pages (run in Chromium).

/** Resolves at the start of the next animation frame. */
export const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every catalog element under `root` (`<ss-catalog>` aside, it loads nothing), through shadow roots. */
export function catalogElements(root = document) {
  const found = [];
  const walk = (node) => {
    for (const element of node.querySelectorAll('*')) {
      if (element.localName.startsWith('ss-') && element.localName !== 'ss-catalog') {
        found.push(element);
      }
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(root);
  return found;
}

/**
 * True when every catalog element under `root` has rendered and none is still loading
 * (skeleton cards of a loading list aside).
 */
export function settled(root = document) {
  return catalogElements(root).every((element) => {
    if (element.hasAttribute('skeleton')) return true;
    const state = element.getAttribute('state');
    return state !== null && state !== 'loading' && !element.isUpdatePending;
  });
}

export async function waitUntil(predicate, timeoutMs = 15_000) {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error('timed out waiting for the page');
    await sleep(10);
  }
}

/** Forces a full garbage collection (Chromium started with --js-flags=--expose-gc). */
export function collectGarbage() {
  globalThis.gc?.();
}
