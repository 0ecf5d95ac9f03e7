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

/**
 * The subtitle languages a catalog uses most, named as CLDR names them (`Intl.DisplayNames` in
 * every engine; a test holds them to it): `tag:English name:Japanese name without its 語`.
 * A card names them without ICU, whose locale data costs a slow phone 50 to 130 ms a page.
 * `und` is here because ICU names it `root`.
 */
const COMMON_LANGUAGES =
  'ja:Japanese:日本|en:English:英|ko:Korean:韓国|zh:Chinese:中国|zh-hans:Simplified Chinese:簡体中国|' +
  'zh-hant:Traditional Chinese:繁体中国|fr:French:フランス|de:German:ドイツ|es:Spanish:スペイン|' +
  'it:Italian:イタリア|pt:Portuguese:ポルトガル|ru:Russian:ロシア|th:Thai:タイ|vi:Vietnamese:ベトナム|' +
  'id:Indonesian:インドネシア|ms:Malay:マレー|ar:Arabic:アラビア|hi:Hindi:ヒンディー|nl:Dutch:オランダ|' +
  'tr:Turkish:トルコ|pl:Polish:ポーランド|uk:Ukrainian:ウクライナ|und:Unknown language:不明な言';
let commonNames: Map<string, [string, string]> | undefined;

function commonName(tag: string, lang: UiLang): string | undefined {
  commonNames ??= new Map(
    COMMON_LANGUAGES.split('|').map((entry) => {
      const [key, en, ja] = entry.split(':') as [string, string, string];
      return [key, [en, `${ja}語`]];
    }),
  );
  return commonNames.get(tag.toLowerCase())?.[lang === 'ja' ? 1 : 0];
}

/** Whether naming `tags` needs ICU (a language `COMMON_LANGUAGES` does not have). */
export function namesNeedIcu(tags: readonly string[]): boolean {
  return tags.some((tag) => tag && commonName(tag, 'en') === undefined);
}

const languageNames = new Map<UiLang, Intl.DisplayNames | null>();

/** A language tag's name in the UI language (`ja` -> `Japanese` / `日本語`); the tag itself if unknown. */
export function languageName(tag: string, lang: UiLang): string {
  const common = commonName(tag, lang);
  if (common) return common;
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

/**
 * `Japanese and English` / `日本語、英語`: a list of names the way the UI language writes it,
 * as `Intl.ListFormat` would (a test holds it to that), without ICU.
 */
export function formatList(items: readonly string[], lang: UiLang): string {
  if (lang === 'ja') return items.join('、');
  if (items.length < 3) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}

/**
 * Makes a UI language's language-name format now, for a card whose languages need ICU
 * (`namesNeedIcu`). A page's first Intl object makes ICU load its locale data (50 to 130 ms on
 * a slow phone): a list's cards have it done in a task of its own before they render (see
 * `beforeSlices`).
 */
export function prepareFormats(lang: UiLang): void {
  languageName('qaa', lang);
}
