/**
 * A list's cards render in slices of the main thread. Once the current task has spent
 * `SLICE_MS` on them, the next cards wait for a later task, in document order (the first row
 * first). On a slow phone a card costs about 10 ms, so a list of 12 in one task blocked input
 * for 150 ms. A browser counts a task beyond 50 ms as blocking, and a frame can be painted
 * between two slices; the list holds its height meanwhile (see `PagedElement`).
 */
const SLICE_MS = 30;

/** Renders waiting for a later slice, oldest first. */
const waiting: Array<() => void> = [];
/** Work the waiting renders need, each run in a task of its own before the next slice. */
const preparing = new Map<string, () => void>();
const prepared = new Set<string>();
/** When the current task's slice began, or -1 before the first render in it. */
let sliceStart = -1;
let taskEndPosted = false;
/** Both ends kept: an entangled port nobody references may be collected with its handler. */
let channel: MessageChannel | undefined;

/** A message is a new task as soon as the current one ends: no timer clamping, no frame wait. */
function postTaskEnd(): void {
  if (taskEndPosted) return;
  taskEndPosted = true;
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = nextSlice;
  }
  channel.port2.postMessage(null);
}

function nextSlice(): void {
  taskEndPosted = false;
  sliceStart = -1;
  const [key, prepare] = preparing.entries().next().value ?? [];
  if (key !== undefined && waiting.length) {
    preparing.delete(key);
    prepare!();
    postTaskEnd();
    return;
  }
  while (waiting.length && !sliceSpent()) waiting.shift()!();
}

/**
 * Runs `prepare` once per `key`, in a task of its own before the renders waiting for a slice
 * (or inside the first render that needs it, if none waits). For work that is long once per
 * page, such as ICU's locale data: on its own, that task stays short of blocking input.
 */
export function beforeSlices(key: string, prepare: () => void): void {
  if (prepared.has(key)) return;
  prepared.add(key);
  preparing.set(key, prepare);
}

/** Whether this task's slice is used up; the first call in a task starts it. */
export function sliceSpent(): boolean {
  const now = performance.now();
  if (sliceStart < 0) {
    sliceStart = now;
    postTaskEnd();
  }
  return now - sliceStart > SLICE_MS;
}

/**
 * Runs `render` now if this task's slice has time left and nothing waits before it, else in
 * a later task; the promise settles when it has run (a Lit `scheduleUpdate` may return one).
 */
export function inSlice(render: () => unknown): void | Promise<unknown> {
  // A hidden page has no one to answer, and its tasks may be held back: no slices there.
  if (document.hidden || (!waiting.length && !sliceSpent())) return void render();
  return new Promise((resolve, reject) => {
    waiting.push(() => {
      try {
        resolve(render());
      } catch (error) {
        reject(error as Error);
      }
    });
    postTaskEnd();
  });
}
