import type {ReactiveController, ReactiveControllerHost} from 'lit';

/**
 * Follows one entry of the shared client's cache while the host is in the document: a
 * background refresh, a list that brings a newer copy, a mutation or a deletion calls the
 * host back, so it never shows an outdated record. Out of the document it stops listening;
 * `resume` says whether it listens again by itself when the host comes back (a list), or
 * waits for the host to `follow` again (a card, which reads the entry afresh then).
 */
export class CacheFollowController implements ReactiveController {
  private _source?: object;
  private _key = '';
  private _subscribe?: () => () => void;
  private _unsubscribe?: () => void;

  constructor(
    private readonly _host: ReactiveControllerHost & Element,
    private readonly _resume: boolean,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    if (this._resume) this._start();
  }

  hostDisconnected(): void {
    this._unsubscribe?.();
    this._unsubscribe = undefined;
  }

  /**
   * Follows the entry `key` of `source` (a client) through `subscribe`, which returns its
   * unsubscribe; no `subscribe`: follows nothing. True when it starts following afresh (the
   * host reads the entry then), false when it already follows that entry.
   */
  follow(source: object | undefined, key: string, subscribe?: () => () => void): boolean {
    if (source === this._source && key === this._key && (this._unsubscribe || !subscribe)) {
      return false;
    }
    this.hostDisconnected();
    this._source = source;
    this._key = key;
    // Kept only to follow again by itself: a host that follows afresh needs it no longer.
    this._subscribe = this._resume ? subscribe : undefined;
    this._start(subscribe);
    return true;
  }

  private _start(subscribe = this._subscribe): void {
    if (this._host.isConnected && !this._unsubscribe) this._unsubscribe = subscribe?.();
  }
}
