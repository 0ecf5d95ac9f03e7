// The practical floor for the render part: a hand-written gallery in plain DOM code that
// produces the same markup as <ss-media-list> and <ss-media-card> (same tags, classes, parts,
// attributes, text, shadow roots and constructed stylesheets, the list's JSON-LD) with no
// framework, no reactivity and no cache: it is handed the same media objects and writes them
// out once. English strings, as the measured elements use.

const STRINGS = {
  live: 'LIVE',
  untitled: 'Untitled video',
  subtitles: 'Subtitles',
  captions: 'Captions',
  tags: 'Tags',
  videos: 'Video pages',
  list: 'Videos',
  previous: 'Previous',
  next: 'Next',
};
const LANG = 'en';
const languageNames = new Intl.DisplayNames([LANG], {type: 'language'});
const numbers = new Intl.NumberFormat(LANG);
const lists = new Intl.ListFormat(LANG, {type: 'conjunction'});

/** Same output as the elements' `formatDuration`/`isoDuration` (milliseconds in). */
function durations(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return null;
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  const text = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
  let iso = 'PT';
  if (h) iso += `${h}H`;
  if (m) iso += `${m}M`;
  if (s || iso === 'PT') iso += `${s}S`;
  return {text, iso};
}

function isLive(media) {
  if (typeof media.duration === 'number') return false;
  return /live/i.test(media.encode_type ?? '') || Boolean(media.live_event_id);
}

function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

const cardTemplate = document.createElement('template');
cardTemplate.innerHTML =
  '<article class="card activatable" part="base"><div class="media"></div><div class="body">' +
  '<h3 class="title" part="title" dir="auto"><button class="activator" type="button"></button></h3>' +
  '<p class="description" part="description" dir="auto"></p>' +
  `<ul class="tags" part="tags" aria-label="${STRINGS.tags}"></ul><div class="tags"></div>` +
  '<p class="subtitles" part="subtitles"></p></div></article>';

/**
 * The poster: `<img>` or placeholder. With `later`, the `<img>` is handed to it with its `src`,
 * to be given its loading, priority and `src` (`loadPoster`) once the list knows where its card
 * is; a standalone card loads lazily, as `<ss-media-card>` without `priority` does.
 */
function poster(media, later) {
  const src = media.poster?.src ?? media.thumbnail?.src;
  if (!src) {
    const placeholder = el('div', {class: 'placeholder', part: 'poster', 'aria-hidden': 'true'});
    placeholder.innerHTML =
      '<svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm6 4v6l5-3-5-3z"/></svg>';
    return placeholder;
  }
  const img = el('img', {class: 'poster', part: 'poster', alt: '', decoding: 'async'});
  if (later) later(img, src);
  else loadPoster(img, src, false);
  return img;
}

/** Loading and priority before `src`, which starts the load: the elements' order too. */
function loadPoster(img, src, priority) {
  img.setAttribute('loading', priority ? 'eager' : 'lazy');
  img.setAttribute('fetchpriority', priority ? 'high' : 'auto');
  img.setAttribute('src', src);
}

function tracksText(media) {
  const byKind = new Map();
  for (const track of media.text_tracks) {
    if (!track.lang) continue;
    const kind = track.kind === 'captions' ? STRINGS.captions : STRINGS.subtitles;
    const names = byKind.get(kind) ?? [];
    let name;
    try {
      name = languageNames.of(track.lang) ?? track.lang;
    } catch {
      name = track.lang;
    }
    if (!names.includes(name)) names.push(name);
    byKind.set(kind, names);
  }
  return [...byKind].map(([kind, names]) => `${kind}: ${lists.format(names)}`).join(' · ');
}

/**
 * One card: a host with a shadow root holding the card's markup. With `pending` (an array),
 * its poster waits there for `loadPoster`, as `{card, img, src}`.
 */
export function vanillaCard(media, {sheets, tabIndex = 0, pending}) {
  const host = el('vanilla-media-card', {lang: LANG});
  const root = host.attachShadow({mode: 'open', delegatesFocus: true});
  root.adoptedStyleSheets = sheets;
  const card = cardTemplate.content.cloneNode(true);
  card.firstChild.setAttribute('lang', LANG);
  const [mediaBox, body] = card.firstChild.children;
  mediaBox.append(poster(media, pending && ((img, src) => pending.push({card: host, img, src}))));
  const time = durations(media.duration);
  if (time) {
    mediaBox.append(
      el('span', {class: 'visually-hidden'}, `Duration ${time.text}`),
      el(
        'time',
        {class: 'duration', part: 'duration', 'aria-hidden': 'true', datetime: time.iso},
        time.text,
      ),
    );
  } else if (isLive(media)) {
    mediaBox.append(el('span', {class: 'badge', part: 'badge'}, STRINGS.live));
  }
  const [title, description, tags, noTags, subtitles] = body.children;
  const activator = title.firstChild;
  activator.tabIndex = tabIndex;
  activator.textContent = media.name || STRINGS.untitled;
  activator.addEventListener('click', () =>
    host.dispatchEvent(
      new CustomEvent('ss-media-select', {detail: {media}, bubbles: true, composed: true}),
    ),
  );
  description.textContent = media.description;
  for (const tag of media.tags)
    tags.append(el('li', {class: 'tag', part: 'tag', dir: 'auto'}, tag));
  tags.hidden = media.tags.length === 0;
  noTags.hidden = media.tags.length > 0;
  const text = tracksText(media);
  subtitles.title = text;
  subtitles.textContent = text;
  root.append(card);
  return host;
}

function pagination(page, pages, go) {
  const button = (label, target, disabled) => {
    // Spaced as the elements' template writes the label.
    const b = el('button', {type: 'button', part: 'page-button'}, ` ${label} `);
    b.disabled = disabled;
    b.addEventListener('click', () => go(target));
    return b;
  };
  const items = el('ul', {});
  for (const item of pageItems(page, pages)) {
    if (item === 'ellipsis') {
      items.append(el('li', {class: 'ellipsis', 'aria-hidden': 'true'}, '…'));
      continue;
    }
    const b = button(numbers.format(item), item, false);
    b.setAttribute('aria-label', `Page ${numbers.format(item)}`);
    b.setAttribute('aria-current', item === page ? 'page' : 'false');
    items.append(el('li', {}, b));
  }
  return el(
    'nav',
    {class: 'pagination', part: 'pagination', 'aria-label': STRINGS.videos},
    button(STRINGS.previous, page - 1, page <= 1),
    items,
    button(STRINGS.next, page + 1, page >= pages),
  );
}

function pageItems(current, pages) {
  if (pages <= 7) return Array.from({length: pages}, (_, i) => i + 1);
  const wanted = new Set([1, pages, current - 1, current, current + 1]);
  if (current <= 3) [2, 3, 4].forEach((p) => wanted.add(p));
  if (current >= pages - 2) [pages - 3, pages - 2, pages - 1].forEach((p) => wanted.add(p));
  const sorted = [...wanted].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const items = [];
  sorted.forEach((p, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && p - previous === 2) items.push(previous + 1);
    else if (previous !== undefined && p - previous > 2) items.push('ellipsis');
    items.push(p);
  });
  return items;
}

function videoObject(media) {
  const object = {
    '@type': 'VideoObject',
    name: media.name,
    description: media.description || media.name,
    thumbnailUrl: [media.poster?.src, media.thumbnail?.src].filter(Boolean),
    uploadDate: media.created_at,
    dateModified: media.updated_at,
    identifier: media.id,
  };
  const time = durations(media.duration);
  if (time) object.duration = time.iso;
  if (media.tags.length) object.keywords = media.tags.join(', ');
  const languages = [...new Set(media.text_tracks.map((t) => t.lang).filter(Boolean))];
  if (languages.length) object.inLanguage = languages.length === 1 ? languages[0] : languages;
  const captions = media.text_tracks
    .filter((t) => t.src)
    .map((t) => ({
      '@type': 'MediaObject',
      encodingFormat: t.mime_type ?? 'text/vtt',
      contentUrl: t.src,
      inLanguage: t.lang,
    }));
  if (captions.length) object.caption = captions;
  if (media.publish_geo_rule.length) {
    object.regionsAllowed = media.publish_geo_rule.map((code) => code.toUpperCase());
  }
  return object;
}

/**
 * Which cards' posters load at once and at high priority: on the first page, the first row,
 * by the grid's column count. That is what the list does with a page it shows straight from
 * the cache, as in these cases: its cards are not placed yet when it decides (see
 * `prioritizeFirstScreen` in src/components/shared/page-query.ts), and reading the columns
 * lays the list out once, in the task that writes it, as the list's update does.
 */
function prioritized(list, cards) {
  const columns = getComputedStyle(list).gridTemplateColumns.split(' ').length;
  return new Set(cards.slice(0, columns));
}

/**
 * A list: a host whose shadow root holds the grid of cards and the pagination, plus the
 * ItemList JSON-LD in its light DOM. `render({medias, count, page})` writes a page; the
 * host must be in the document by then, since the first page's posters are chosen by where
 * their cards are.
 */
export function vanillaList({listSheets, cardSheets, limit, onPage}) {
  const host = el('vanilla-media-list', {lang: LANG});
  const root = host.attachShadow({mode: 'open'});
  root.adoptedStyleSheets = listSheets;
  const base = el('div', {part: 'base', lang: LANG, 'aria-busy': 'false'});
  const list = el('ul', {class: 'list', part: 'list', 'aria-label': STRINGS.list});
  // The status region that announces a page a person picked.
  const status = el('p', {class: 'visually-hidden', role: 'status'});
  base.append(list, status);
  root.append(base);
  const jsonLd = el('script', {type: 'application/ld+json', 'data-ss-structured-data': ''});
  host.append(jsonLd);
  return {
    host,
    render({medias, count, page}) {
      if (page === 1 && !host.isConnected) {
        throw new Error('render the first page in the document: its posters need its layout');
      }
      const pending = [];
      const cards = medias.map((media, i) =>
        vanillaCard(media, {sheets: cardSheets, tabIndex: i === 0 ? 0 : -1, pending}),
      );
      list.replaceChildren(...cards.map((card) => el('li', {class: 'item', part: 'item'}, card)));
      base.querySelector('nav')?.remove();
      status.before(pagination(page, Math.max(1, Math.ceil(count / limit)), onPage));
      const first = page === 1 ? prioritized(list, cards) : new Set();
      for (const {card, img, src} of pending) loadPoster(img, src, first.has(card));
      jsonLd.textContent = JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'ItemList',
        numberOfItems: medias.length,
        itemListElement: medias.map((media, i) => ({
          '@type': 'ListItem',
          position: (page - 1) * limit + i + 1,
          item: videoObject(media),
        })),
      }).replace(
        /[<>&\u2028\u2029]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
    },
  };
}
