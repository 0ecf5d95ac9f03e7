/** The UI languages the elements speak. */
export type UiLang = 'en' | 'ja';

/** What a bad attribute value should have been (see `AttributeError`). */
export type ExpectedValue =
  | {kind: 'url'}
  | {kind: 'id'}
  | {kind: 'range'; min: number; max?: number}
  | {kind: 'one-of'; values: readonly string[]};

export interface Strings {
  loading: string;
  live: string;
  untitled: string;
  subtitles: string;
  captions: string;
  tagsLabel: string;
  /** One kind of text track and its languages, e.g. `Subtitles: Japanese, English`. */
  trackList: (kind: string, languages: string) => string;
  durationLabel: (duration: string) => string;
  emptyList: string;
  emptyPage: string;
  emptyGroups: string;
  pagination: string;
  groupPagination: string;
  /** The page navigation of a list a page names, e.g. `Dark theme videos: pages`. */
  pagesOf: (label: string) => string;
  /** How many records a changed query found, e.g. `46 videos`. */
  videoCount: (count: number, formatted: string) => string;
  groupCount: (count: number, formatted: string) => string;
  previousPage: string;
  nextPage: string;
  pageLabel: (page: string) => string;
  pageStatus: (page: string, pages: string) => string;
  videosLabel: string;
  groupsLabel: string;
  allVideos: string;
  retry: string;
  errorNotFound: string;
  errorGeo: string;
  errorUnavailable: string;
  errorRateLimited: string;
  errorUnauthorized: string;
  errorInvalidResponse: string;
  errorConfigMissing: (attribute: string, alternative?: string) => string;
  /** The api-base serves no catalog: a 404, or an HTML page where JSON was expected. */
  errorApiBase: (base: string) => string;
  /** Nothing ever answered at the api-base. */
  errorSilent: (base: string) => string;
  /** The api-base is the Catalog API (or the mock with auth on), which wants credentials. */
  errorCredentials: (base: string) => string;
  errorMerchant: (merchant: string) => string;
  errorOrigin: (origin: string) => string;
  errorConfigInvalid: (attribute: string, expected: string) => string;
  /** A configuration error, with the detail from `errorConfigMissing`/`errorConfigInvalid`. */
  errorConfig: (detail: string) => string;
  expected: (expected: ExpectedValue) => string;
  errorGeneric: string;
  /** The button that appends the next page of a list. */
  loadMore: string;
  /** What an appended page brought, and how many are left when the total is known. */
  addedVideos: (added: string, remaining: string | null) => string;
  /** The shelf's scroll buttons (hidden from assistive technology, shown as a tooltip). */
  scrollBack: string;
  scrollForward: string;
}

const en: Strings = {
  loading: 'Loading',
  live: 'LIVE',
  untitled: 'Untitled video',
  subtitles: 'Subtitles',
  captions: 'Captions',
  tagsLabel: 'Tags',
  trackList: (kind, languages) => `${kind}: ${languages}`,
  durationLabel: (duration) => `Duration ${duration}`,
  emptyList: 'No videos to show.',
  emptyPage: 'There are no videos on this page.',
  emptyGroups: 'No collections to show.',
  pagination: 'Video pages',
  groupPagination: 'Collection pages',
  pagesOf: (label) => `${label}: pages`,
  videoCount: (count, formatted) => `${formatted} ${count === 1 ? 'video' : 'videos'}`,
  groupCount: (count, formatted) => `${formatted} ${count === 1 ? 'collection' : 'collections'}`,
  previousPage: 'Previous',
  nextPage: 'Next',
  pageLabel: (page) => `Page ${page}`,
  pageStatus: (page, pages) => `Page ${page} of ${pages}`,
  videosLabel: 'Videos',
  groupsLabel: 'Collections',
  allVideos: 'All videos',
  retry: 'Try again',
  errorNotFound: 'This video could not be found.',
  errorGeo: 'This video is not available in your region.',
  errorUnavailable: 'The video catalog is temporarily unavailable.',
  errorRateLimited: 'The video catalog is busy right now.',
  errorUnauthorized: 'The video catalog refused access. Check the catalog proxy settings.',
  errorInvalidResponse: 'The video catalog sent an answer that could not be read.',
  errorConfigMissing: (attribute, alternative) =>
    `The "${attribute}"${alternative ? ` or "${alternative}"` : ''} attribute is required.`,
  errorApiBase: (base) =>
    `No video catalog at ${base}. Set api-base to the proxy's URL, without /v1.`,
  errorSilent: (base) =>
    `Nothing answers at ${base}. Check api-base, and that the proxy is running.`,
  errorCredentials: (base) =>
    `${base} wants credentials: set api-base to the proxy, or run the mock with --no-auth.`,
  errorMerchant: (merchant) =>
    `The proxy does not serve merchant "${merchant}": check merchant, or SMARTSTREAM_MERCHANTS.`,
  errorOrigin: (origin) =>
    `The proxy does not allow ${origin}: add it to SMARTSTREAM_ALLOWED_ORIGINS.`,
  errorConfigInvalid: (attribute, expected) =>
    `The "${attribute}" attribute is invalid: expected ${expected}.`,
  errorConfig: (detail) => `Configuration error: ${detail}`,
  expected: (expected) => {
    if (expected.kind === 'url') return 'an http(s) URL';
    if (expected.kind === 'id') return 'an id of letters, digits, "_", "-", "." or ":"';
    if (expected.kind === 'range') {
      return expected.max === undefined
        ? `a whole number from ${expected.min}`
        : `a whole number from ${expected.min} to ${expected.max}`;
    }
    return `one of ${expected.values.join(', ')}`;
  },
  errorGeneric: 'Something went wrong while loading videos.',
  loadMore: 'Load more videos',
  addedVideos: (added, remaining) =>
    `${added} more ${added === '1' ? 'video' : 'videos'} shown.` +
    (remaining === null ? '' : ` ${remaining} left.`),
  scrollBack: 'Scroll back',
  scrollForward: 'Scroll forward',
};

const ja: Strings = {
  loading: '読み込み中',
  live: 'ライブ',
  untitled: '無題の動画',
  subtitles: '字幕',
  captions: 'クローズドキャプション',
  tagsLabel: 'タグ',
  trackList: (kind, languages) => `${kind}：${languages}`,
  durationLabel: (duration) => `再生時間 ${duration}`,
  emptyList: '表示できる動画はありません。',
  emptyPage: 'このページに動画はありません。',
  emptyGroups: '表示できるコレクションはありません。',
  pagination: '動画のページ',
  groupPagination: 'コレクションのページ',
  pagesOf: (label) => `${label}のページ`,
  videoCount: (_count, formatted) => `動画${formatted}本`,
  groupCount: (_count, formatted) => `コレクション${formatted}件`,
  previousPage: '前へ',
  nextPage: '次へ',
  pageLabel: (page) => `${page}ページ`,
  pageStatus: (page, pages) => `${pages}ページ中${page}ページ目`,
  videosLabel: '動画',
  groupsLabel: 'コレクション',
  allVideos: 'すべての動画',
  retry: '再試行',
  errorNotFound: 'この動画は見つかりませんでした。',
  errorGeo: 'この動画はお住まいの地域ではご覧いただけません。',
  errorUnavailable: '動画カタログに一時的に接続できません。',
  errorRateLimited: '動画カタログが混み合っています。',
  errorUnauthorized: '動画カタログへのアクセスが拒否されました。プロキシの設定を確認してください。',
  errorInvalidResponse: '動画カタログから読み取れない応答が返されました。',
  errorConfigMissing: (attribute, alternative) =>
    `「${attribute}」${alternative ? `または「${alternative}」` : ''}属性は必須です。`,
  errorApiBase: (base) =>
    `${base} に動画カタログはありません。api-base はプロキシの URL（/v1 なし）にしてください。`,
  errorSilent: (base) =>
    `${base} から応答がありません。api-base と、プロキシが動いているかを確認してください。`,
  errorCredentials: (base) =>
    `${base} は認証を求めています。api-base をプロキシにするか、モックを --no-auth で起動してください。`,
  errorMerchant: (merchant) =>
    `プロキシはマーチャント「${merchant}」を扱いません。merchant か SMARTSTREAM_MERCHANTS を確認してください。`,
  errorOrigin: (origin) =>
    `プロキシは ${origin} を許可していません。SMARTSTREAM_ALLOWED_ORIGINS に追加してください。`,
  errorConfigInvalid: (attribute, expected) =>
    `「${attribute}」属性が不正です（${expected}を指定してください）。`,
  errorConfig: (detail) => `設定エラー：${detail}`,
  expected: (expected) => {
    if (expected.kind === 'url') return 'http(s) の URL';
    if (expected.kind === 'id') return '英数字と「_」「-」「.」「:」からなる ID';
    if (expected.kind === 'range') {
      return expected.max === undefined
        ? `${expected.min}以上の整数`
        : `${expected.min}から${expected.max}までの整数`;
    }
    return `${expected.values.join('、')}のいずれか`;
  },
  errorGeneric: '動画の読み込み中に問題が発生しました。',
  loadMore: '動画をもっと見る',
  addedVideos: (added, remaining) =>
    `動画を${added}本追加しました。` + (remaining === null ? '' : `残り${remaining}本です。`),
  scrollBack: '前へスクロール',
  scrollForward: '次へスクロール',
};

const tables: Record<UiLang, Strings> = {en, ja};

/** The string table for a UI language. */
export function stringsFor(lang: UiLang): Strings {
  return tables[lang];
}

/** Maps any BCP 47 tag to a UI language: Japanese for `ja*`, English otherwise. */
export function toUiLang(tag: string | null | undefined): UiLang {
  return tag && /^ja\b/i.test(tag.trim()) ? 'ja' : 'en';
}

/** A `lang` the elements speak (`ja*`, `en*`); another one is passed over for the page's. */
export function isUiLang(tag: string | null | undefined): boolean {
  return Boolean(tag && /^(ja|en)\b/i.test(tag.trim()));
}
