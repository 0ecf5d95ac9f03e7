import type {UiLang} from './strings.js';

/** Whole hours, minutes and seconds of a duration in milliseconds; `null` when it is not one. */
function durationParts(ms: number | null | undefined): [number, number, number] | null {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return null;
  const total = Math.floor(ms / 1000);
  return [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
}

/** `0:05`, `12:34`, `1:02:03` from milliseconds; `null` for a missing or invalid duration. */
export function formatDuration(ms: number | null | undefined): string | null {
  const parts = durationParts(ms);
  if (!parts) return null;
  const [hours, minutes, seconds] = parts;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** ISO 8601 duration (`PT1H2M3S`) for `<time datetime>` and schema.org. */
export function isoDuration(ms: number | null | undefined): string | null {
  const parts = durationParts(ms);
  if (!parts) return null;
  const [hours, minutes, seconds] = parts;
  let out = 'PT';
  if (hours) out += `${hours}H`;
  if (minutes) out += `${minutes}M`;
  if (seconds || out === 'PT') out += `${seconds}S`;
  return out;
}

const numberFormats = new Map<UiLang, Intl.NumberFormat>();

/**
 * `1,234` in both UI languages. Whole numbers are grouped here rather than by ICU: on a slow
 * phone the first Intl object of a page costs a long task (ICU loads its locale data), and a
 * list's first page needs only page numbers and counts.
 */
export function formatNumber(value: number, lang: UiLang): string {
  if (Number.isSafeInteger(value)) {
    return `${value < 0 ? '-' : ''}${String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ',')}`;
  }
  let format = numberFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang);
    numberFormats.set(lang, format);
  }
  return format.format(value);
}

const languageNames = new Map<UiLang, Intl.DisplayNames | null>();

/** A language tag's name in the UI language (`ja` -> `Japanese` / `日本語`); the tag itself if unknown. */
export function languageName(tag: string, lang: UiLang): string {
  if (!languageNames.has(lang)) {
    try {
      languageNames.set(lang, new Intl.DisplayNames([lang], {type: 'language'}));
    } catch {
      languageNames.set(lang, null);
    }
  }
  try {
    return languageNames.get(lang)?.of(tag) ?? tag;
  } catch {
    // Intl.DisplayNames throws a RangeError for a malformed tag; show it as given.
    return tag;
  }
}

const listFormats = new Map<UiLang, Intl.ListFormat>();

/** `Japanese and English` / `日本語、英語`: a list of names the way the UI language writes it. */
export function formatList(items: readonly string[], lang: UiLang): string {
  let format = listFormats.get(lang);
  if (!format) {
    format = new Intl.ListFormat(lang, {type: 'conjunction'});
    listFormats.set(lang, format);
  }
  return format.format(items);
}

/**
 * Makes a UI language's language-name and list formats now. A page's first Intl object makes
 * ICU load its locale data (50 to 130 ms on a slow phone): a list's cards have it done in a
 * task of its own before they render (see `beforeSlices`).
 */
export function prepareFormats(lang: UiLang): void {
  languageName(lang, lang);
  formatList(['', ''], lang);
}
