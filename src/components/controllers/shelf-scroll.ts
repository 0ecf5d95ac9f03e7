import type {ReactiveController, ReactiveControllerHost} from 'lit';

/**
 * The previous/next buttons of a horizontal shelf: whether anything lies before or after the
 * visible part of the row (each button is hidden when nothing does), and paging by the width
 * of the cards fully in view, so the card cut at the edge becomes the first one shown.
 */
export class ShelfScrollController implements ReactiveController {
  /** Nothing before the visible part of the row. */
  atStart = true;
  /** Nothing after it. */
  atEnd = true;
  private _scroller?: HTMLElement;
  /** Made on the first row it follows: a server render has no ResizeObserver. */
  private _resize?: ResizeObserver;

  constructor(private readonly _host: ReactiveControllerHost & HTMLElement) {
    _host.addController(this);
  }

  hostDisconnected(): void {
    this._resize?.disconnect();
    this._scroller = undefined;
  }

  /**
   * Follows the row `scroller` after each render (appended cards make it longer). Measured in
   * the next frame: a re-render from inside the host's update would be scheduled twice.
   */
  watch(scroller: HTMLElement | null): void {
    if (scroller !== (this._scroller ?? null)) {
      this._resize?.disconnect();
      this._scroller = scroller ?? undefined;
      if (scroller) (this._resize ??= new ResizeObserver(() => this.measure())).observe(scroller);
    }
    requestAnimationFrame(this.measure);
  }

  /** Reads the scroll position; re-renders only when a button appears or goes. */
  readonly measure = (): void => {
    const row = this._scroller;
    // Right to left, scrollLeft runs from 0 down to negative values.
    const offset = row ? Math.abs(row.scrollLeft) : 0;
    const atStart = !row || offset <= 1;
    const atEnd = !row || offset + row.clientWidth >= row.scrollWidth - 1;
    if (atStart === this.atStart && atEnd === this.atEnd) return;
    this.atStart = atStart;
    this.atEnd = atEnd;
    this._host.requestUpdate();
  };

  /** Scrolls one view forward (`1`) or back (`-1`) in reading order. */
  page(direction: 1 | -1): void {
    const row = this._scroller;
    if (!row) return;
    const item = row.firstElementChild?.getBoundingClientRect().width ?? 0;
    const gap = parseFloat(getComputedStyle(row).columnGap) || 0;
    // Whole cards: the one cut at the edge comes fully into view rather than scrolling past.
    const step = item > 0 ? Math.max(1, Math.floor((row.clientWidth + gap) / (item + gap))) : 0;
    const width = step ? step * (item + gap) : row.clientWidth;
    const rtl = getComputedStyle(row).direction === 'rtl';
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    row.scrollBy({left: width * direction * (rtl ? -1 : 1), behavior: reduce ? 'auto' : 'smooth'});
  }
}
