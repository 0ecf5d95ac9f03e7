import type {ReactiveController, ReactiveControllerHost} from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Roving tabindex over a grid or list: the whole collection is one tab stop, and the arrow
 * keys, Home and End move focus between items. Up and Down move by one visual row, worked out
 * from the items' positions, so it follows the responsive grid's column count; Left and Right
 * follow the reading direction. In a single row (a shelf), Up and Down scroll the page as usual.
 */
export class RovingFocusController implements ReactiveController {
  private _activeIndex = 0;

  constructor(
    private readonly _host: Host,
    /** The items in order; each must be focusable with `focus()`. */
    private readonly _items: () => HTMLElement[],
  ) {
    _host.addController(this);
  }

  hostConnected(): void {}

  /** `0` for the item that is the tab stop, `-1` for the others. */
  tabIndexFor(index: number, count: number): number {
    return index === Math.min(this._activeIndex, Math.max(0, count - 1)) ? 0 : -1;
  }

  /** Back to the first item, e.g. when a new page of items replaces the old one. */
  reset(): void {
    this._activeIndex = 0;
  }

  readonly onFocusIn = (event: FocusEvent): void => {
    const index = this._indexOf(event);
    if (index >= 0 && index !== this._activeIndex) {
      this._activeIndex = index;
      this._host.requestUpdate();
    }
  };

  readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const items = this._items();
    const current = this._indexOf(event);
    if (current < 0 || items.length === 0) return;
    const columns = this._columns(items);
    // One row (a shelf): Up and Down are left to the page, not a jump to the row's ends.
    if (columns === items.length && /^Arrow(Up|Down)$/.test(event.key)) return;
    const last = items.length - 1;
    // Right-to-left pages lay the grid out from the right: the arrows follow what is seen.
    const forward = getComputedStyle(this._host).direction === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const next: Record<string, number> = {
      [forward]: Math.min(current + 1, last),
      [forward === 'ArrowLeft' ? 'ArrowRight' : 'ArrowLeft']: Math.max(current - 1, 0),
      ArrowDown: Math.min(current + columns, last),
      ArrowUp: Math.max(current - columns, 0),
      Home: 0,
      End: last,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this._activeIndex = target;
    this._host.requestUpdate();
    void this._host.updateComplete.then(() => items[target]?.focus());
  };

  private _indexOf(event: Event): number {
    const items = this._items();
    const path = event.composedPath();
    return items.findIndex((item) => path.includes(item));
  }

  private _columns(items: HTMLElement[]): number {
    const top = items[0]!.getBoundingClientRect().top;
    const sameRow = items.findIndex((item) => item.getBoundingClientRect().top > top + 1);
    return sameRow === -1 ? items.length : Math.max(1, sameRow);
  }
}
