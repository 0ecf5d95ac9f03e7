import {html, type TemplateResult} from 'lit';
import type {ShelfScrollController} from '../controllers/shelf-scroll.js';
import type {Strings, UiLang} from '../shared/strings.js';

/** Every part of the cards, re-exported as `card-<part>` so one rule on the list themes them. */
export const CARD_PARTS = [
  'base',
  'poster',
  'title',
  'duration',
  'badge',
  'description',
  'tags',
  'tag',
  'subtitles',
  'error',
]
  .map((part) => `${part}:card-${part}`)
  .join(',');

/** Placeholder cards: the first load's, or what a pending append will bring. */
export function renderSkeletonItems(count: number, lang: UiLang): TemplateResult[] {
  return Array.from(
    {length: count},
    () =>
      html`<li class="item" part="item" aria-hidden="true">
        <ss-media-card exportparts=${CARD_PARTS} lang=${lang} skeleton></ss-media-card>
      </li>`,
  );
}

/** A shelf's previous or next button: for pointers; keyboards use the arrow keys. */
export function renderScrollButton(
  shelf: ShelfScrollController,
  strings: Strings,
  direction: 1 | -1,
): TemplateResult {
  const next = direction === 1;
  return html`<button
    type="button"
    class="scroll ${next ? 'next' : 'previous'}"
    part="scroll-button"
    tabindex="-1"
    aria-hidden="true"
    title=${next ? strings.scrollForward : strings.scrollBack}
    ?hidden=${next ? shelf.atEnd : shelf.atStart}
    @click=${() => shelf.page(direction)}
  >
    ${next ? '›' : '‹'}
  </button>`;
}
