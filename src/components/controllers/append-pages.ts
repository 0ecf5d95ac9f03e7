import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {PageResult} from '../shared/paged-element.js';
import {paginationModel} from '../shared/pagination.js';

/** What the pages after the first add to a list that appends ("load more", infinite, shelf). */
export interface AppendedPage {
  /** Items the page added (a record already shown, moved by an edit, is not shown twice). */
  added: number;
  /** Items still to come, or `null` when the response's `count` cannot tell. */
  remaining: number | null;
}

/**
 * The pages a list appends after the one its `page` task loaded: their items, the one under
 * way, its failure, and whether the catalog has more. The items already shown are never
 * replaced, only added to, so a keyed render keeps their DOM nodes.
 */
export class AppendPagesController<Item> implements ReactiveController {
  /** The items of the appended pages, in order, after the first page's. */
  items: Item[] = [];
  /** The failure of the last append, shown inline with Retry until it is retried. */
  error: unknown = undefined;
  /** An append is under way. */
  pending = false;
  private _lastPage = 0;
  private _last?: {count: number; received: number};
  private _key = '';
  private _abort?: AbortController;

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _fetch: (page: number, signal: AbortSignal) => Promise<PageResult<Item>>,
    private readonly _keyOf: (item: Item) => string,
  ) {
    _host.addController(this);
  }

  hostDisconnected(): void {
    this._abort?.abort();
    this.pending = false;
  }

  /**
   * Keeps the appended pages while `key` (the query and first page) stays the same; another
   * query or first page starts again from it.
   */
  sync(key: string): void {
    if (key === this._key) return;
    this._key = key;
    this._abort?.abort();
    this.items = [];
    this.error = undefined;
    this.pending = false;
    this._lastPage = 0;
    this._last = undefined;
  }

  /** Whether the catalog has a page after the last one shown (`first` is the task's page). */
  hasNext(firstPage: number, limit: number, first: PageResult<Item>): boolean {
    const page = this._lastPage || firstPage;
    const last = this._last ?? {count: first.count, received: first.items.length};
    return paginationModel(page, limit, last.count, last.received).hasNext;
  }

  /**
   * Appends the page after the last one shown; resolves with what it added, or `undefined`
   * when it failed (then `error` is set) or was overtaken by another query.
   */
  async append(
    firstPage: number,
    shown: readonly Item[],
  ): Promise<(AppendedPage & {page: number}) | undefined> {
    if (this.pending) return undefined;
    const page = (this._lastPage || firstPage) + 1;
    const key = this._key;
    const abort = (this._abort = new AbortController());
    this.pending = true;
    this.error = undefined;
    this._host.requestUpdate();
    try {
      const result = await this._fetch(page, abort.signal);
      if (key !== this._key || abort.signal.aborted) return undefined;
      const seen = new Set(shown.map(this._keyOf));
      const fresh = result.items.filter((item) => !seen.has(this._keyOf(item)));
      this.items = [...this.items, ...fresh];
      this._lastPage = page;
      this._last = {count: result.count, received: result.items.length};
      const total = shown.length + fresh.length;
      const known = result.count > result.items.length;
      return {
        page,
        added: fresh.length,
        remaining: known ? Math.max(0, result.count - total) : null,
      };
    } catch (error) {
      if (key === this._key && !abort.signal.aborted) this.error = error;
      return undefined;
    } finally {
      if (key === this._key) this.pending = false;
      this._host.requestUpdate();
    }
  }
}
