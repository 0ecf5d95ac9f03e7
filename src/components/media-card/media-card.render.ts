import {html, isServer, nothing, render, svg, type TemplateResult} from 'lit';
import type {Media} from '../../client/types.js';
import {formatDuration, formatList, isoDuration, languageName} from '../shared/format.js';
import type {Strings, UiLang} from '../shared/strings.js';

const PLAY_ICON = svg`<path d="M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm6 4v6l5-3-5-3z"/>`;
const ALERT_ICON = svg`<path d="M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zm-1 5v5h2V8h-2zm0 7v2h2v-2h-2z"/>`;

/** Live and scheduled-live media have no duration; the reference's own example has no encode type either. */
export function isLive(media: Media): boolean {
  if (typeof media.duration === 'number') return false;
  return /live/i.test(media.encode_type ?? '') || Boolean(media.live_event_id);
}

function renderIcon(icon: ReturnType<typeof svg>): TemplateResult {
  return html`<svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">${icon}</svg>`;
}

/**
 * The poster `src` (a poster that failed to load gives way to the thumbnail, then to the
 * placeholder, rather than the browser's broken-image icon) with its loading priority. The
 * card hears its `error` on its shadow root: no listener and closure per card.
 */
export function renderPoster(src: string | undefined, priority: boolean): TemplateResult {
  if (!src) {
    return html`<div class="placeholder" part="poster" aria-hidden="true">
      ${renderIcon(PLAY_ICON)}
    </div>`;
  }
  // Decorative: the title link right after it says the name, which screen readers would
  // otherwise read twice per card.
  // Loading and priority before `src`: Lit sets them in this order, and `src` starts the load.
  return html`<img
    class="poster"
    part="poster"
    loading=${priority ? 'eager' : 'lazy'}
    .fetchPriority=${priority ? 'high' : 'auto'}
    src=${src}
    alt=""
    decoding="async"
  />`;
}

export function renderTime(media: Media, strings: Strings): TemplateResult | typeof nothing {
  const text = formatDuration(media.duration);
  if (text) {
    // Named by hidden text: an aria-label on <time> is not read by every screen reader.
    return html`<span class="visually-hidden">${strings.durationLabel(text)}</span
      ><time
        class="duration"
        part="duration"
        datetime=${isoDuration(media.duration)!}
        aria-hidden="true"
        >${text}</time
      >`;
  }
  return isLive(media) ? html`<span class="badge" part="badge">${strings.live}</span>` : nothing;
}

/**
 * The tags: in the browser plain `<li>` elements, one part for the whole list rather than a
 * template instance per tag (no tag is ever moved or kept, so no keyed list is needed).
 */
export function tagItems(tags: readonly string[]): unknown {
  if (isServer) return tags.map((tag) => html`<li class="tag" part="tag" dir="auto">${tag}</li>`);
  const items = document.createDocumentFragment();
  // `part` takes a string: the token list forwards it to its value.
  for (const tag of tags) {
    const item = {className: 'tag', part: 'tag', dir: 'auto', textContent: tag};
    items.append(Object.assign(document.createElement('li'), item));
  }
  return items;
}

/**
 * The DOM of `template`, without Lit's parts for it: a card's text changes only with new
 * media, and a thousand cards' parts cost more memory than their DOM.
 */
export function madeOnce(template: TemplateResult, host: object): Element {
  const scratch = document.createDocumentFragment();
  render(template, scratch, {host});
  // Lit's markers go with its parts: comments only, each a JS object while it stays. Found
  // first, removed after: a tree walker loses its place, and a node iterator, which would not,
  // slows every removal in the document while it lives.
  const walker = document.createTreeWalker(scratch, NodeFilter.SHOW_COMMENT);
  const markers: ChildNode[] = [];
  while (walker.nextNode()) markers.push(walker.currentNode as ChildNode);
  for (const marker of markers) marker.remove();
  // The card's one element, without `scratch`, which holds Lit's root part and goes with it.
  return scratch.firstElementChild!;
}

/** The subtitle and caption languages, e.g. `Subtitles: Japanese, English · Captions: English`. */
export function trackText(media: Media, strings: Strings, lang: UiLang): string {
  const byKind = new Map<string, string[]>();
  for (const track of media.text_tracks) {
    if (!track.lang) continue;
    const kind = track.kind === 'captions' ? strings.captions : strings.subtitles;
    const names = byKind.get(kind) ?? [];
    const name = languageName(track.lang, lang);
    if (!names.includes(name)) names.push(name);
    byKind.set(kind, names);
  }
  return [...byKind]
    .map(([kind, names]) => strings.trackList(kind, formatList(names, lang)))
    .join(' · ');
}

/** The error inside the card's frame: the same size as the skeleton and the media it replaces. */
export function renderFailure(lang: UiLang, error: TemplateResult): TemplateResult {
  return html`<div class="card" part="base" lang=${lang}>
    <div class="media placeholder">${renderIcon(ALERT_ICON)}</div>
    <div class="body failure">
      ${error}
      <div class="title"></div>
      <div class="description"></div>
      <div class="tags"></div>
      <div class="subtitles"></div>
    </div>
  </div>`;
}

export function renderSkeleton(strings: Strings): TemplateResult {
  return html`<div
    class="card"
    part="base"
    aria-busy="true"
    aria-label=${strings.loading}
    role="group"
  >
    <div class="media skeleton"></div>
    <div class="body" aria-hidden="true">
      <div class="title"><div class="skeleton skeleton-line long"></div></div>
      <div class="description">
        <div class="skeleton skeleton-line"></div>
        <div class="skeleton skeleton-line short"></div>
      </div>
      <div class="tags"></div>
      <div class="subtitles"></div>
    </div>
  </div>`;
}

/** Template strings made from the card's, by heading level, twice for button cards. */
const variants: TemplateStringsArray[] = [];

/**
 * The card's template with the name's heading at `level` (a native heading, at the level the
 * page's outline needs, else 3) and, for a card that is no link, a `<button type>` for the
 * `<a href>`, whose value is then `button`. One template for the whole card, heading and link
 * in it, makes a tenth of the parts of a template each for the heading and the link: the
 * variants are made once each from the one written in the card.
 */
export function cardVariant(card: TemplateResult, level: number | null, link: boolean) {
  const h = level && level >= 1 && level <= 6 ? level : 3;
  if (h === 3 && link) return card;
  const strings = (variants[h * 2 + Number(link)] ??= (() => {
    const made = card.strings.map((part) => {
      const headed = part.replace(/(<\/?)h3\b/g, `$1h${h}`);
      return link ? headed : headed.replace(/(<\/?)a\b/g, '$1button').replace(/\bhref=$/, 'type=');
    });
    // Lit takes only template strings arrays, which have `raw`.
    return Object.assign(made, {raw: made}) as unknown as TemplateStringsArray;
  })());
  return html(strings, ...card.values);
}
