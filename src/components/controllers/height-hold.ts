import {isServer, type ReactiveController, type ReactiveControllerHost} from 'lit';
import {sliceSpent} from '../shared/render-slices.js';

type Card = HTMLElement & {
  deferRender: boolean;
  hasUpdated: boolean;
  updateComplete: Promise<unknown>;
};

/**
 * Keeps a list as tall as its skeletons were until the cards replacing them have rendered:
 * the cards render in slices of the main thread (render-slices), and a frame painted between
 * two slices would otherwise show a shorter list and move what is below it.
 */
export class HeightHoldController implements ReactiveController {
  /** The skeletons' height, measured before the render that replaces them. */
  private _height = 0;
  private _rendered: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement & {readonly state: string},
    /** What holds the height: the element's base, present once it has rendered. */
    private readonly _base: () => HTMLElement | null,
  ) {
    _host.addController(this);
  }

  /** Settles once the cards of the last render that brought new ones have rendered too. */
  get rendered(): Promise<unknown> {
    return this._rendered;
  }

  hostUpdate(): void {
    if (isServer) return;
    // The list's own render counts towards this task's slice.
    sliceSpent();
    // Skeletons on screen (a layout from the last frame, so no extra work to read).
    this._height = this._host.state === 'loading' ? (this._base()?.offsetHeight ?? 0) : 0;
  }

  hostUpdated(): void {
    const base = this._base();
    const cards = base ? [...base.querySelectorAll<Card>('ss-media-card')] : [];
    const waiting = cards.filter((card) => card.deferRender && !card.hasUpdated);
    if (!base || !waiting.length) return;
    const held = this._height > 0;
    if (held) base.style.minHeight = `${this._height}px`;
    this._rendered = Promise.allSettled(waiting.map((card) => card.updateComplete)).then(() => {
      if (held) base.style.minHeight = '';
    });
  }
}
