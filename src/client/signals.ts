import {abortedError} from './errors.js';

/**
 * A signal that aborts when any of `signals` does, with that signal's reason. Written out
 * because `AbortSignal.any` is missing from Safari < 17.4 and other engines still in use.
 * `dispose` removes the listeners, so a long-lived caller signal does not collect them.
 */
export function anySignal(signals: readonly (AbortSignal | undefined)[]): {
  signal: AbortSignal;
  dispose: () => void;
} {
  const controller = new AbortController();
  const present = signals.filter((s): s is AbortSignal => !!s);
  const aborted = present.find((s) => s.aborted);
  if (aborted) {
    controller.abort(aborted.reason);
    return {signal: controller.signal, dispose: () => {}};
  }
  const listeners = present.map((s) => {
    const onAbort = () => {
      dispose();
      controller.abort(s.reason);
    };
    s.addEventListener('abort', onAbort, {once: true});
    return [s, onAbort] as const;
  });
  function dispose() {
    for (const [s, onAbort] of listeners) s.removeEventListener('abort', onAbort);
  }
  return {signal: controller.signal, dispose};
}

/** Default sleep: resolves after `ms`, rejects with the signal's reason when it aborts. */
export function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', onAbort, {once: true});
  });
}

/**
 * Waits for a promise that other callers may share: an abort of `signal` rejects this wait
 * only (with `ABORTED`), never the shared work. `onAbandon` runs when that happens.
 */
export function waitFor<T>(
  promise: Promise<T>,
  signal?: AbortSignal,
  onAbandon?: () => void,
): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    onAbandon?.();
    return Promise.reject(abortedError(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      onAbandon?.();
      reject(abortedError(signal.reason));
    };
    signal.addEventListener('abort', onAbort, {once: true});
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
