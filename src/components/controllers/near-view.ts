import type {ReactiveController, ReactiveControllerHost} from 'lit';

/**
 * Calls back when an element comes near the visible part of a scroller (or of the viewport):
 * what loads the next page before a person reaches the end, and a lazy shelf's first page.
 * `watch` after each render; a new target is observed afresh, so a target already near when
 * it appears calls back at once.
 */
export class NearViewController implements ReactiveController {
  private _observer?: IntersectionObserver;
  private _target?: Element;
  private _root?: Element | null;

  constructor(
    host: ReactiveControllerHost,
    private readonly _onNear: () => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Observes `target` within `margin` (CSS margin syntax) of `root`'s box; `null` root: the viewport. */
  watch(target: Element | null | undefined, root: Element | null, margin: string): void {
    if (target === this._target && root === this._root) return;
    this.stop();
    if (!target) return;
    this._target = target;
    this._root = root;
    this._observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this._onNear();
      },
      {root, rootMargin: margin},
    );
    this._observer.observe(target);
  }

  /** Asks again, e.g. after a page came that did not bring the end out of reach. */
  recheck(): void {
    const target = this._target;
    if (!target || !this._observer) return;
    this._observer.unobserve(target);
    this._observer.observe(target);
  }

  stop(): void {
    this._observer?.disconnect();
    this._observer = undefined;
    this._target = undefined;
    this._root = undefined;
  }
}
