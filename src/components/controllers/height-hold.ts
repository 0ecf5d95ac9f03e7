import {isServer, type ReactiveController, type ReactiveControllerHost} from 'lit';
import {displayedBox, itemsSeen} from '../shared/page-query.js';
import {sliceSpent} from '../shared/render-slices.js';

type Card = HTMLElement & {
  deferRender: boolean;
  hasUpdated: boolean;
  updateComplete: Promise<unknown>;
};

/**
 * Keeps each item of a list as tall as the skeleton it replaces until its card has rendered:
 * the cards render in slices of the main thread (render-slices), and a frame painted between
 * two slices would otherwise show short rows and move what is below them. Each item keeps its
 * own skeleton's height, so a grid's rows (and what follows) stay where they are.
 */
export class HeightHoldController implements ReactiveController {
  /** The skeleton items' boxes, measured before the render that replaces them. */
  private _boxes: DOMRect[] = [];
  /** The list's box when measured; `undefined` when it had none (not displayed). */
  private _listBox?: DOMRect;
  private _rendered: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement & {readonly state: string},
    /** The element around the items (the list's `part="list"`), skeletons or cards. */
    private readonly _list: () => HTMLElement | null,
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
    this.measure();
  }

  /** Reads the skeletons' boxes: laid out in the last frame, they cost nothing to read. */
  measure(): void {
    const list = this._host.state === 'loading' ? this._list() : null;
    this._listBox = displayedBox(list);
    this._boxes = list ? [...list.children].map((item) => item.getBoundingClientRect()) : [];
  }

  /**
   * Which items the first screen shows, from where the skeletons they replace were: those with
   * at least a quarter of their height in it (a row showing a few pixels at the bottom would
   * only take connections from the rows above it), and some of their width (`itemsSeen`: a
   * shelf's cards past either end are not). None for a list below the first screen (its
   * posters would compete with the page's own) or not displayed; `undefined` after no
   * skeletons.
   */
  firstScreen(): ReadonlySet<number> | undefined {
    if (!this._boxes.length) return undefined;
    return itemsSeen(this._listBox, this._boxes, ({top, bottom, height}) => {
      return top + height / 4 < innerHeight && bottom - height / 4 > 0;
    });
  }

  hostUpdated(): void {
    const items = [...(this._list()?.children ?? [])] as HTMLElement[];
    const waiting: Array<Promise<unknown>> = [];
    items.forEach((item, i) => {
      const card = item.querySelector<Card>('ss-media-card');
      if (!card?.deferRender || card.hasUpdated) return;
      const height = this._boxes[i]?.height;
      if (height) item.style.minHeight = `${height}px`;
      waiting.push(card.updateComplete.finally(() => item.style.removeProperty('min-height')));
    });
    if (waiting.length) this._rendered = Promise.allSettled(waiting);
  }
}
