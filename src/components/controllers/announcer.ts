import type {ReactiveController, ReactiveControllerHost} from 'lit';

/**
 * A list's polite status region (`role="status"`). Focus stays where the person is when a list
 * changes under it (a page button, a group chosen in a group list), so nothing else tells a
 * screen reader what came: the region says `Page 2 of 40` once the page has loaded, or
 * `46 videos` once a new query's first page has; the host also says what a "Load more" added.
 */
export class AnnouncerController implements ReactiveController {
  /** What the region says now. */
  text = '';
  /** A person changed the page: say which page it is once it has loaded. */
  private _page = false;
  /** The query changed: say how many records it found once they have loaded. */
  private _count = false;

  constructor(private readonly _host: ReactiveControllerHost) {
    _host.addController(this);
  }

  hostConnected(): void {}

  /** Says `text` now, e.g. what a "Load more" added. */
  say(text: string): void {
    this.text = text;
    this._host.requestUpdate();
  }

  /** Another query: what it finds is said once loaded, if a page of the old one was shown. */
  queryChanged(afterShownPage: boolean): void {
    this._count = afterShownPage;
    this._page = false;
    this.text = '';
  }

  /** A person asked for another page: which page it is, is said once it has loaded. */
  pageRequested(): void {
    this._page = true;
  }

  /** The page changed; asked by a script, it is the script's to say: no stale "Page 3" for page 4. */
  pageChanged(): void {
    if (!this._page) this.text = '';
  }

  /**
   * Told what loaded: `message(true)` says what a new query found, `message(false)` which
   * page this is ('' for nothing to say).
   */
  loaded(message: (count: boolean) => string): void {
    if (this._count) {
      this._count = false;
      this.text = message(true);
    } else if (this._page) {
      this._page = false;
      this.text = message(false);
    }
  }
}
