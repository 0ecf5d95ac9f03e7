import {TaskStatus, type Task} from '@lit/task';
import {isServer, type ReactiveController, type ReactiveControllerHost} from 'lit';
import type {CatalogError} from '../../client/errors.js';
import {toCatalogError} from '../shared/diagnosis.js';

type Host = ReactiveControllerHost & Element & {readonly state: string};

/** The longest `Retry-After` an element waits out before loading again by itself. */
const MAX_BUSY_WAIT_MS = 5 * 60_000;

/**
 * Loads again with no click on Retry when that can help: back online after a network failure,
 * once a busy catalog's `Retry-After` has passed, and back in the document after a removal
 * stopped a load half-way (nobody sees a removed element: it stops waiting).
 */
export class RetryController<H extends Host = Host> implements ReactiveController {
  private _busyTimer?: ReturnType<typeof setTimeout>;
  private _abortedWhileDisconnected = false;

  constructor(
    private readonly _host: H,
    /** The task that loads the host's data, called on the host. */
    private readonly _task: (this: H) => Task<readonly unknown[], unknown>,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    // A server render connects elements only for their context requests.
    if (isServer) return;
    if (this._host.state === 'error') this._listen(true);
    if (this._abortedWhileDisconnected) {
      this._abortedWhileDisconnected = false;
      void this._currentTask().run();
    }
  }

  hostDisconnected(): void {
    this._listen(false);
    clearTimeout(this._busyTimer);
    const task = this._currentTask();
    if (task.status === TaskStatus.PENDING) {
      this._abortedWhileDisconnected = true;
      task.abort();
    }
  }

  /**
   * Told each state the host settles in, with the error when it is a new one. A busy catalog
   * (429, or a proxy's 503 when its request budget is spent) says in `Retry-After` when to
   * come back: the host loads again then.
   */
  settled(state: string, fresh?: CatalogError): void {
    this._listen(state === 'error' && this._host.isConnected);
    if (fresh || state !== 'error') clearTimeout(this._busyTimer);
    if (!fresh || isServer) return;
    const {status, retryAfterMs} = fresh;
    if ((status !== 429 && status !== 503) || retryAfterMs === undefined) return;
    const wait = Math.min(Math.max(retryAfterMs, 1000), MAX_BUSY_WAIT_MS);
    this._busyTimer = setTimeout(() => this._rerunIfFailed(), wait);
  }

  /**
   * Listens for the browser coming back online while in error only, as the listener itself:
   * a host that loads fine holds no listener, and none holds a closure.
   */
  private _listen(on: boolean): void {
    if (isServer) return;
    if (on) window.addEventListener('online', this);
    else window.removeEventListener('online', this);
  }

  /** Back online: loads again after a network failure. */
  handleEvent(): void {
    if (toCatalogError(this._currentTask().error).code === 'NETWORK_ERROR') this._rerunIfFailed();
  }

  private _currentTask(): Task<readonly unknown[], unknown> {
    return this._task.call(this._host);
  }

  private _rerunIfFailed(): void {
    if (this._host.isConnected && this._host.state === 'error') void this._currentTask().run();
  }
}
