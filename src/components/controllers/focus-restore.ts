import type {ReactiveController, ReactiveControllerHost} from 'lit';

/** Calls `cancel` on the next pointer press anywhere: a person moving on. */
function cancelOnPointerDown(cancel: () => void): void {
  document.addEventListener('pointerdown', cancel, {capture: true, once: true});
}

/** Focus was lost with the control that had it (Chromium), or left on the body. */
function focusLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body;
}

/**
 * Keeps a keyboard user's place when the control that had focus goes away with a load: the
 * error's Retry (focus goes to the new error, or to the first thing that loaded) and a page
 * button that a page change removes or disables (focus goes to the current page's button).
 * A click elsewhere while it loads is the person moving on: focus is not pulled back then.
 */
export class FocusRestoreController implements ReactiveController {
  /** Retry (or the error) had focus and goes away with the render. */
  private _fromError = false;
  /** The page button a person pressed: focus stays in the pagination if it goes away. */
  private _pressed?: HTMLButtonElement;

  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement & {readonly state: string},
    /** Focuses the new error, else the first thing loaded. */
    private readonly _refocus: () => void,
  ) {
    _host.addController(this);
  }

  hostUpdate(): void {
    if (!this._fromError && this._host.shadowRoot?.activeElement?.closest('[part~="error"]')) {
      this._fromError = true;
      cancelOnPointerDown(() => (this._fromError = false));
    }
  }

  hostUpdated(): void {
    if (this._fromError && this._host.state !== 'loading') {
      this._fromError = false;
      // Only when focus is still lost with the old button, not when the person moved on.
      if (focusLost()) this._refocus();
    }
    this._restorePressed();
  }

  /** A person pressed a button of the pagination, which has focus now. */
  pressed(): void {
    const pressed = this._host.shadowRoot?.activeElement as HTMLButtonElement | null | undefined;
    this._pressed = pressed?.closest('[part~="pagination"]') ? pressed : undefined;
    if (this._pressed) cancelOnPointerDown(() => (this._pressed = undefined));
  }

  /**
   * The button a person pressed can go away with the page change (Next on the last page is
   * disabled, a far page number drops out): focus then moves to the current page's button,
   * else the enabled one of Previous and Next, rather than to the top of the document.
   */
  private _restorePressed(): void {
    const pressed = this._pressed;
    const host = this._host;
    if (!pressed) return;
    if (host.state !== 'loading') this._pressed = undefined;
    if (pressed.isConnected && !pressed.disabled) return;
    // Lost with the button (Chromium), or left on it while disabled (Firefox): not moved on.
    const inside = host.shadowRoot?.activeElement;
    if (!focusLost() && !(document.activeElement === host && (!inside || inside === pressed)))
      return;
    const nav = host.shadowRoot?.querySelector('[part~="pagination"]');
    const target =
      nav?.querySelector<HTMLElement>('[aria-current="page"]') ??
      nav?.querySelector<HTMLElement>('button:not(:disabled)');
    // The page failed to load: the pagination went with it, and its error takes focus.
    if (target) target.focus();
    else this._refocus();
  }
}
