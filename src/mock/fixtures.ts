import {formatJst} from './dates.js';
import {Prng} from './prng.js';
import {SAMPLE_POSTER_GIF_BASE64, SAMPLE_THUMBNAIL_JPEG_BASE64} from './sample-images.js';
import {GEO_CODES} from '../api/index.js';
import type {
  AssetSpec,
  EncodeType,
  ImageRef,
  MediaGroup,
  MediaRecord,
  PublishStatus,
  TextTrack,
} from './types.js';

/**
 * Stands for "the origin this request came to" in stored URLs. Absolute image URLs must point at
 * a host that really serves them, and only the request knows which host that is.
 */
export const ORIGIN_PLACEHOLDER = '{{origin}}';

export const MAIN_MERCHANT = 'nttsmc';
export const SECOND_MERCHANT = 'acme';

/** Fixtures are dated relative to this instant, never to the wall clock. */
export const BASE_DATE_MS = Date.parse('2024-04-01T12:00:00.000+09:00');

/** Hand-picked fixtures that tests and demos can rely on by id. */
export const FIXTURE_IDS = {
  /** The reference's example media, verbatim. */
  reference: '7f8d4baf20f244fca34acbe3452886ac',
  referenceLiveEventId: '6126a01db6744dca93aa2af575e9ba0c',
  /** `publish_geo_rule: ["us"]`: 403 GEO_RULE for the default country `jp`. */
  geoBlocked: '5c0ffee0d15ab1ed0000000000000403',
  /** `encode_type: "live"`, `duration: null`. */
  live: '11be0000000000000000000000000001',
  /** `encode_type: "scheduled_live"`, `duration: null`. */
  scheduledLive: '5c4edc1ed11be0000000000000000002',
  /** Has `ref_id` {@link FIXTURE_REF_ID}. */
  withRefId: '0123456789abcdef0123456789abcdef',
  /** `poster: null`, `thumbnail: null`. */
  noImages: 'e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0',
  /** `poster: null` with a thumbnail. */
  thumbnailOnly: '7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b',
  /** Poster and thumbnail given as absolute URLs. */
  absoluteImages: 'abababababababababababababababab',
  /** Over an hour long (1:32:05.250). */
  long: '10a9000000000000000000000000000f',
  /** Five seconds long. */
  short: '5000000000000000000000000000005a',
  /** A media group with members. */
  group: '9f0000000000000000000000000000a1',
  /** A media group with no members. */
  emptyGroup: '9f0000000000000000000000000000e0',
  /** A job id shared by several media (the `job_id` filter). */
  job: 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0',
} as const;

export const FIXTURE_REF_ID = 'tokyo-night-walk';

export interface FixtureSet {
  records: MediaRecord[];
  groups: MediaGroup[];
  /** Generated files served under `/uploads/`, by path. */
  assets: Map<string, AssetSpec>;
}

interface Category {
  key: string;
  ja: string;
  en: string;
  titles: readonly string[];
  descriptions: readonly string[];
  tags: readonly string[];
  /** Duration range in seconds. */
  seconds: readonly [number, number];
}

const PLACES = ['東京', '京都', '大阪', '札幌', '福岡', '沖縄', '金沢', '横浜', '奈良', '函館'];
const PLACES_EN = ['Tokyo', 'Kyoto', 'Osaka', 'Sapporo', 'Fukuoka', 'Okinawa', 'Kanazawa'];
const SEASONS = ['春', '夏', '秋', '冬'];
const DISHES = ['肉じゃが', '親子丼', '天ぷら', '味噌汁', 'お好み焼き', '抹茶ラテ', '餃子'];
const DISHES_EN = ['Ramen', 'Sushi Rolls', 'Miso Soup', 'Okonomiyaki', 'Gyoza', 'Matcha Latte'];
const TEAMS = ['東京ブルース', '大阪タイガース', '横浜マリナーズ', '札幌ベアーズ', 'Kyoto Sanga'];
const ARTISTS = ['ミナミ・カルテット', 'The Night Owls', '青空楽団', 'Sakura Strings', 'DJ Kaze'];
const PRODUCTS = ['SmartSTREAM', 'Cloud Encoder', 'Live Studio', 'Analytics Hub', 'Player SDK'];
const SUBJECTS = ['統計学', 'プログラミング', '日本史', '英会話', 'Machine Learning', '経済学'];
const ANIME = ['星降る街', 'Blue Horizon', '魔法学園ものがたり', 'Steel Garden', 'こねこ探偵'];

const CATEGORIES: readonly Category[] = [
  {
    key: 'news',
    ja: 'ニュース',
    en: 'News',
    titles: ['朝のニュース {date}', '週刊ニュースまとめ 第{n}回', 'Morning Briefing {date}'],
    descriptions: [
      '今週の主なニュースを5分でお届けします。',
      'Top stories of the day, summarised by our newsroom.',
      '',
    ],
    tags: ['news', 'ニュース', 'daily', '速報'],
    seconds: [180, 900],
  },
  {
    key: 'travel',
    ja: '旅行',
    en: 'Travel',
    titles: ['{place}の旅 — {season}', '{place}散歩 その{n}', 'Walking Tour: {placeEn}'],
    descriptions: [
      '{place}の魅力を地元ガイドと一緒に歩いて紹介します。\n撮影：{season}',
      'A slow walk through {placeEn}, filmed in 4K.',
    ],
    tags: ['旅行', 'travel', '4K', '観光', 'japan'],
    seconds: [120, 1500],
  },
  {
    key: 'cooking',
    ja: '料理',
    en: 'Cooking',
    titles: ['{dish}の作り方', '簡単！{dish}レシピ', 'Cooking Basics: {dishEn}'],
    descriptions: ['材料は4人分です。', 'Step-by-step recipe with a shopping list.', ''],
    tags: ['料理', 'recipe', 'レシピ', 'cooking', '和食'],
    seconds: [150, 720],
  },
  {
    key: 'sports',
    ja: 'スポーツ',
    en: 'Sports',
    titles: ['{team} vs {team2} ハイライト', 'Match Highlights #{n}', '今日のスーパープレー'],
    descriptions: ['試合のハイライトをお届けします。', 'All the goals from matchday {n}.'],
    tags: ['sports', 'スポーツ', 'highlights', 'サッカー', '野球'],
    seconds: [45, 480],
  },
  {
    key: 'music',
    ja: '音楽',
    en: 'Music',
    titles: [
      '{artist} ライブ at 日本武道館',
      'Studio Session: {artist}',
      '{artist} — Acoustic Set',
    ],
    descriptions: ['フルライブ映像です。', 'Recorded live in a single take.', ''],
    tags: ['music', '音楽', 'live', 'ライブ', 'acoustic'],
    seconds: [200, 5400],
  },
  {
    key: 'tech',
    ja: 'テクノロジー',
    en: 'Tech',
    titles: ['Product Demo: {product}', '{product} 入門 第{n}回', 'Webinar: Scaling {product}'],
    descriptions: [
      'Learn how to get started in under ten minutes.',
      '{product}の基本的な使い方を解説します。',
      'Slides and sample code are linked below.\nQ&A starts at 45:00.',
    ],
    tags: ['tech', 'webinar', 'テクノロジー', 'tutorial', 'cloud'],
    seconds: [300, 4500],
  },
  {
    key: 'education',
    ja: '教育',
    en: 'Education',
    titles: ['はじめての{subject} 第{n}回', 'Lecture {n}: {subject}', '{subject} 集中講座'],
    descriptions: ['大学の公開講座を収録しました。', 'Full lecture with slides.', ''],
    tags: ['教育', 'education', '講座', 'lecture'],
    seconds: [1200, 5700],
  },
  {
    key: 'anime',
    ja: 'アニメ',
    en: 'Anime',
    titles: ['アニメ「{anime}」第{n}話 予告', 'Trailer: {anime}', '「{anime}」ノンクレジットOP'],
    descriptions: ['次回もお楽しみに！', 'Official trailer.', ''],
    tags: ['アニメ', 'anime', 'trailer', '予告'],
    seconds: [5, 150],
  },
];

const EXTRA_TAGS = ['featured', 'new', 'おすすめ', '字幕あり', 'インタビュー', 'documentary', 'HD'];
const TRACK_LANGS = ['ja', 'en', 'ko', 'zh'] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

function fillTemplate(template: string, rng: Prng, createdMs: number): string {
  const date = formatJst(createdMs).slice(0, 10);
  const team = rng.pick(TEAMS);
  const values: Record<string, () => string> = {
    date: () => date,
    n: () => String(rng.int(1, 48)),
    place: () => rng.pick(PLACES),
    placeEn: () => rng.pick(PLACES_EN),
    season: () => rng.pick(SEASONS),
    dish: () => rng.pick(DISHES),
    dishEn: () => rng.pick(DISHES_EN),
    team: () => team,
    team2: () => rng.pick(TEAMS.filter((t) => t !== team)),
    artist: () => rng.pick(ARTISTS),
    product: () => rng.pick(PRODUCTS),
    subject: () => rng.pick(SUBJECTS),
    anime: () => rng.pick(ANIME),
  };
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key]?.() ?? key);
}

class CatalogBuilder {
  readonly records: MediaRecord[] = [];
  readonly groups: MediaGroup[] = [];
  readonly assets = new Map<string, AssetSpec>();
  private readonly refIds = new Set<string>();

  constructor(readonly rng: Prng) {}

  posterPath(merchant: string, id: string, kind: 'posters' | 'thumbnails'): string {
    return `/uploads/${merchant}/${kind}/${id}.svg`;
  }

  /** Registers generated poster/thumbnail files and returns the refs the media points at. */
  images(
    merchant: string,
    id: string,
    title: string,
    subtitle: string,
    mode: 'both' | 'absolute' | 'mixed' | 'thumbnail' | 'poster' | 'none' | 'sample',
  ): {poster: ImageRef | null; thumbnail: ImageRef | null} {
    if (mode === 'sample') {
      return {
        poster: {src: `/uploads/${merchant}/sample_poster.gif`},
        thumbnail: {src: `/uploads/${merchant}/sample_thumbnail.jpg`},
      };
    }
    const seed = parseInt(id.slice(0, 8), 16);
    const posterPath = this.posterPath(merchant, id, 'posters');
    const thumbPath = this.posterPath(merchant, id, 'thumbnails');
    this.assets.set(posterPath, {type: 'poster', title, subtitle, seed});
    this.assets.set(thumbPath, {type: 'thumbnail', title, subtitle, seed});
    const rel = (path: string): ImageRef => ({src: path});
    const abs = (path: string): ImageRef => ({src: ORIGIN_PLACEHOLDER + path});
    switch (mode) {
      case 'both':
        return {poster: rel(posterPath), thumbnail: rel(thumbPath)};
      case 'absolute':
        return {poster: abs(posterPath), thumbnail: abs(thumbPath)};
      case 'mixed':
        return {poster: rel(posterPath), thumbnail: abs(thumbPath)};
      case 'thumbnail':
        return {poster: null, thumbnail: rel(thumbPath)};
      case 'poster':
        return {poster: abs(posterPath), thumbnail: null};
      case 'none':
        return {poster: null, thumbnail: null};
    }
  }

  textTracks(merchant: string, id: string, title: string, langs: readonly string[]): TextTrack[] {
    return langs.map((lang, i) => {
      const path = `/uploads/${merchant}/tracks/${id}.${lang}.vtt`;
      this.assets.set(path, {type: 'vtt', lang, title});
      const kind =
        (lang === 'ja' || lang === 'en') && this.rng.chance(0.25) ? 'captions' : 'subtitles';
      return {
        kind,
        lang,
        mime_type: 'text/vtt',
        src: i % 2 === 0 ? ORIGIN_PLACEHOLDER + path : path,
      };
    });
  }

  uniqueRefId(base: string): string {
    let candidate = base;
    for (let n = 2; this.refIds.has(candidate); n++) candidate = `${base}-${n}`;
    this.refIds.add(candidate);
    return candidate;
  }

  add(record: MediaRecord): MediaRecord {
    if (record.media.ref_id !== null) this.refIds.add(record.media.ref_id);
    this.records.push(record);
    return record;
  }
}

function formatDuration(ms: number | null): string {
  if (ms === null) return 'LIVE';
  // Floored like the elements' badge (and players), so a poster never disagrees with it.
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function referenceMedia(): MediaRecord {
  return {
    media: {
      merchant_id: 'nttsmc',
      id: '7f8d4baf20f244fca34acbe3452886ac',
      ref_id: null,
      live_event_id: '6126a01db6744dca93aa2af575e9ba0c',
      name: 'live_event_6126a01db6744dca93aa2af575e9ba0c',
      description: '',
      duration: null,
      encode_type: null,
      custom_fields: {keywords: 'live, test', link: 'http://test_link'},
      publish_geo_rule: ['jp'],
      poster: {src: '/uploads/nttsmc/sample_poster.gif'},
      thumbnail: {src: '/uploads/nttsmc/sample_thumbnail.jpg'},
      seek_preview_config: null,
      tags: [],
      offline_enabled: false,
      text_tracks: [
        {
          kind: 'subtitles',
          lang: 'ja',
          mime_type: 'type/vtt',
          src: 'https://s3-ap-northeast-1.amazonaws.com/sample.mp3',
        },
      ],
      created_at: '2018-02-22T12:03:36.427+09:00',
      updated_at: '2018-02-22T18:44:38.839+09:00',
    },
    job_id: null,
    media_group_ids: [],
    publish_status: 'publish_on',
    publish_start_at: '2018-02-22T12:03:36.427+09:00',
    publish_end_at: null,
    access_control_ips: null,
    access_control_hosts: null,
  };
}

interface MediaDraft {
  id: string;
  merchant: string;
  category: Category;
  name: string;
  description: string;
  encodeType: EncodeType | null;
  duration: number | null;
  liveEventId: string | null;
  refId: string | null;
  geo: string[];
  imageMode: Parameters<CatalogBuilder['images']>[4];
  trackLangs: readonly string[];
  tags: string[];
  createdMs: number;
  updatedMs: number;
  jobId: string | null;
  publishStatus: PublishStatus;
}

function buildRecord(b: CatalogBuilder, d: MediaDraft): MediaRecord {
  const rng = b.rng;
  const subtitle = `${d.category.en} · ${formatDuration(d.duration)}`;
  const {poster, thumbnail} = b.images(d.merchant, d.id, d.name, subtitle, d.imageMode);
  const customFields: Record<string, string> = {};
  if (rng.chance(0.6)) {
    customFields.category = d.category.ja;
    if (rng.chance(0.5)) customFields.keywords = d.tags.slice(0, 3).join(', ');
    if (rng.chance(0.3))
      customFields.link = `https://example.com/${d.category.key}/${d.id.slice(0, 6)}`;
    if (rng.chance(0.2)) customFields.speaker = rng.pick(['山田 太郎', 'Jane Smith', '佐藤 花子']);
    if (rng.chance(0.15)) customFields.copyright = '© 2024 Example Media';
  }
  const createdAt = formatJst(d.createdMs);
  return {
    media: {
      merchant_id: d.merchant,
      id: d.id,
      ref_id: d.refId,
      live_event_id: d.liveEventId,
      name: d.name,
      description: d.description,
      duration: d.duration,
      encode_type: d.encodeType,
      custom_fields: customFields,
      publish_geo_rule: d.geo,
      poster,
      thumbnail,
      seek_preview_config:
        d.encodeType === 'file' && rng.chance(0.4)
          ? {enabled: true, interval: rng.pick([5, 10]), width: 160, height: 90}
          : null,
      tags: d.tags,
      offline_enabled: d.encodeType === 'file' && rng.chance(0.15),
      text_tracks: b.textTracks(d.merchant, d.id, d.name, d.trackLangs),
      created_at: createdAt,
      updated_at: formatJst(d.updatedMs),
    },
    job_id: d.jobId,
    media_group_ids: [],
    publish_status: d.publishStatus,
    publish_start_at: createdAt,
    publish_end_at: rng.chance(0.1) ? formatJst(d.createdMs + 365 * DAY_MS) : null,
    access_control_ips: rng.chance(0.1) ? {black_ips: ['203.0.113.7']} : null,
    access_control_hosts: rng.chance(0.1) ? {white_hosts: ['https://www.example.com']} : null,
  };
}

/** The value of the first bound the roll is under, else `otherwise`: a weighted choice. */
function byRoll<T>(roll: number, bounds: ReadonlyArray<readonly [number, T]>, otherwise: T): T {
  for (const [bound, value] of bounds) if (roll < bound) return value;
  return otherwise;
}

/** Shares of encode types (the rest `file`), image modes (the rest `sample`), statuses. */
const ENCODE_TYPE_SHARES: ReadonlyArray<readonly [number, EncodeType | null]> = [
  [0.07, 'live'],
  [0.12, 'scheduled_live'],
  [0.14, null],
];
const IMAGE_MODE_SHARES: ReadonlyArray<readonly [number, MediaDraft['imageMode']]> = [
  [0.45, 'both'],
  [0.65, 'absolute'],
  [0.7, 'mixed'],
  [0.8, 'thumbnail'],
  [0.85, 'poster'],
  [0.93, 'none'],
];
const STATUS_SHARES: ReadonlyArray<readonly [number, PublishStatus]> = [
  [0.85, 'publish_on'],
  [0.92, 'publish_off'],
  [0.96, 'before_review'],
];

function randomDates(rng: Prng): {createdMs: number; updatedMs: number} {
  const createdMs = BASE_DATE_MS - rng.int(1, 730) * DAY_MS - rng.int(0, DAY_MS - 1);
  const updatedMs = Math.min(
    BASE_DATE_MS - 1000,
    createdMs + rng.int(0, 90) * DAY_MS + rng.int(0, 9e6),
  );
  return {createdMs, updatedMs};
}

function randomEncoding(
  rng: Prng,
  category: Category,
): {encodeType: EncodeType | null; duration: number | null} {
  const encodeType = byRoll<EncodeType | null>(rng.next(), ENCODE_TYPE_SHARES, 'file');
  let duration: number | null = null;
  if (encodeType === 'file') {
    const [min, max] = category.seconds;
    duration = rng.int(min, max) * 1000 + rng.int(0, 999);
  }
  return {encodeType, duration};
}

function randomGeo(rng: Prng): string[] {
  const roll = rng.next();
  if (roll < 0.55) return ['jp'];
  if (roll < 0.7) return [];
  if (roll < 0.93) return ['jp', ...rng.sample(GEO_CODES.slice(1), rng.int(1, 5))];
  return rng.sample(GEO_CODES.slice(1), rng.int(1, 3));
}

// The draws happen in a fixed order (the fixtures depend on it): reorder nothing here.
function randomDraft(b: CatalogBuilder, merchant: string, jobs: readonly string[]): MediaDraft {
  const rng = b.rng;
  const id = rng.hexId();
  const category = rng.pick(CATEGORIES);
  const {createdMs, updatedMs} = randomDates(rng);
  const {encodeType, duration} = randomEncoding(rng, category);
  const title = rng.chance(0.02) ? rng.pick(['無題', 'Untitled']) : rng.pick(category.titles);
  const name = fillTemplate(title, rng, createdMs);
  const geo = randomGeo(rng);
  const imageMode = byRoll(rng.next(), IMAGE_MODE_SHARES, 'sample');
  const trackCount = rng.pick([0, 0, 1, 1, 2, 2, 3, 4]);
  const tags = rng.sample([...category.tags, ...EXTRA_TAGS], rng.int(0, 8));
  const publishStatus = byRoll(rng.next(), STATUS_SHARES, 'draft');
  return {
    id,
    merchant,
    category,
    name,
    description: fillTemplate(rng.pick(category.descriptions), rng, createdMs),
    encodeType,
    duration,
    liveEventId: encodeType === 'file' && !rng.chance(0.05) ? null : rng.hexId(),
    refId: rng.chance(0.65) ? b.uniqueRefId(`${category.key}-${id.slice(0, 6)}`) : null,
    geo,
    imageMode,
    trackLangs: rng.sample(TRACK_LANGS, trackCount),
    tags,
    createdMs,
    updatedMs,
    jobId: encodeType === 'file' ? rng.pick(jobs) : null,
    publishStatus,
  };
}

function categoryNamed(key: string): Category {
  return CATEGORIES.find((category) => category.key === key)!;
}

/** A hand-made draft of the main merchant: a ten-minute file in Japan unless `over` says. */
function specialDraft(
  over: Partial<MediaDraft> & Pick<MediaDraft, 'id' | 'name' | 'category'>,
): MediaDraft {
  return {
    merchant: MAIN_MERCHANT,
    description: '',
    encodeType: 'file',
    duration: 600_000,
    liveEventId: null,
    refId: null,
    geo: ['jp'],
    imageMode: 'both',
    trackLangs: ['ja', 'en'],
    tags: [],
    createdMs: BASE_DATE_MS - 30 * DAY_MS,
    updatedMs: BASE_DATE_MS - 2 * DAY_MS,
    jobId: null,
    publishStatus: 'publish_on',
    ...over,
  };
}

/** The geo-blocked, live, scheduled-live and ref_id fixtures. */
function featuredDrafts(b: CatalogBuilder): MediaDraft[] {
  return [
    specialDraft({
      id: FIXTURE_IDS.geoBlocked,
      name: 'US Exclusive: Behind the Scenes',
      category: categoryNamed('tech'),
      description: 'Only viewable from the United States.',
      geo: ['us'],
      tags: ['exclusive', 'us-only'],
      refId: b.uniqueRefId('us-exclusive-bts'),
    }),
    specialDraft({
      id: FIXTURE_IDS.live,
      name: '【LIVE】渋谷スクランブル交差点 ライブカメラ',
      category: categoryNamed('travel'),
      description: '24時間ライブ配信中。',
      encodeType: 'live',
      duration: null,
      liveEventId: 'f1e2d3c4b5a69788796a5b4c3d2e1f00',
      trackLangs: [],
      tags: ['ライブ', 'live', '東京'],
      updatedMs: BASE_DATE_MS - 60 * 60 * 1000,
    }),
    specialDraft({
      id: FIXTURE_IDS.scheduledLive,
      name: '新製品発表会 2024 (Scheduled Live)',
      category: categoryNamed('tech'),
      description: '4月10日 19:00 配信開始予定',
      encodeType: 'scheduled_live',
      duration: null,
      liveEventId: 'a0b1c2d3e4f5061728394a5b6c7d8e9f',
      trackLangs: ['ja', 'en', 'ko', 'zh'],
      tags: ['live', '発表会'],
    }),
    specialDraft({
      id: FIXTURE_IDS.withRefId,
      name: 'Tokyo Night Walk 東京夜散歩',
      category: categoryNamed('travel'),
      description: 'Neon streets of Shinjuku and Shibuya after dark.\n新宿と渋谷の夜をお散歩。',
      duration: 754_120,
      refId: b.uniqueRefId(FIXTURE_REF_ID),
      trackLangs: ['ja', 'en', 'ko', 'zh'],
      tags: ['travel', '旅行', '4K', 'night', '東京', 'featured', 'walking', 'city'],
      geo: [],
    }),
  ];
}

/** The fixtures for image and duration edge cases. */
function shapeDrafts(b: CatalogBuilder): MediaDraft[] {
  return [
    specialDraft({
      id: FIXTURE_IDS.noImages,
      name: 'ポスター未設定の動画',
      category: categoryNamed('news'),
      description: 'No poster and no thumbnail yet.',
      imageMode: 'none',
      trackLangs: [],
      refId: b.uniqueRefId('no-images'),
    }),
    specialDraft({
      id: FIXTURE_IDS.thumbnailOnly,
      name: 'Thumbnail Only Clip',
      category: categoryNamed('news'),
      imageMode: 'thumbnail',
      duration: 95_000,
      trackLangs: ['en'],
    }),
    specialDraft({
      id: FIXTURE_IDS.absoluteImages,
      name: '絶対URLの画像 / Absolute image URLs',
      category: categoryNamed('music'),
      imageMode: 'absolute',
      duration: 245_500,
    }),
    specialDraft({
      id: FIXTURE_IDS.long,
      name: '統計学 集中講座 (フル収録)',
      category: categoryNamed('education'),
      description: '全編ノーカットでお届けします。',
      duration: 5_525_250,
      tags: ['教育', 'lecture', '講座'],
      refId: b.uniqueRefId('stats-intensive-full'),
    }),
    specialDraft({
      id: FIXTURE_IDS.short,
      name: '5秒ジングル',
      category: categoryNamed('music'),
      duration: 5_000,
      trackLangs: [],
      imageMode: 'mixed',
    }),
  ];
}

/** Two archives of the reference's live event, so the live_event_id filter finds three. */
function archiveDrafts(): MediaDraft[] {
  return [1, 2].map((n) =>
    specialDraft({
      id: `6126a01db6744dca93aa2af575e9ba${n.toString(16).padStart(2, '0')}`,
      name: `ライブアーカイブ Part ${n}`,
      category: categoryNamed('news'),
      encodeType: 'file',
      duration: 1_800_000 + n * 61_000,
      liveEventId: FIXTURE_IDS.referenceLiveEventId,
      createdMs: Date.parse('2018-02-22T20:00:00.000+09:00') + n * DAY_MS,
      updatedMs: Date.parse('2018-02-23T09:00:00.000+09:00') + n * DAY_MS,
    }),
  );
}

interface GroupSpec {
  id?: string;
  name: string;
  description: string;
  refId: string | null;
  members: (record: MediaRecord, index: number) => boolean;
}

function addGroups(b: CatalogBuilder, merchant: string, specs: GroupSpec[]): void {
  const rng = b.rng;
  const records = b.records.filter((r) => r.media.merchant_id === merchant);
  for (const spec of specs) {
    const id = spec.id ?? rng.hexId();
    const createdMs = BASE_DATE_MS - rng.int(30, 700) * DAY_MS;
    b.groups.push({
      merchant_id: merchant,
      id,
      ref_id: spec.refId,
      name: spec.name,
      description: spec.description,
      created_at: formatJst(createdMs),
      updated_at: formatJst(createdMs + rng.int(0, 25) * DAY_MS),
    });
    records.forEach((record, index) => {
      if (spec.members(record, index)) record.media_group_ids.push(id);
    });
  }
}

function categoryOf(record: MediaRecord): string | undefined {
  return record.media.ref_id?.split('-')[0] ?? record.media.custom_fields.category;
}

/** The main merchant's 240 media; returns the category each random one was drawn from. */
function mainRecords(b: CatalogBuilder): Map<string, string> {
  const rng = b.rng;
  b.add(referenceMedia());
  const jobs = [FIXTURE_IDS.job, ...Array.from({length: 39}, () => rng.hexId())];
  const specials = [...featuredDrafts(b), ...shapeDrafts(b), ...archiveDrafts()];
  for (const draft of specials) b.add(buildRecord(b, draft));
  // Those share one job, so the job_id filter has a known answer.
  for (const id of [FIXTURE_IDS.withRefId, FIXTURE_IDS.long, FIXTURE_IDS.short]) {
    b.records.find((r) => r.media.id === id)!.job_id = FIXTURE_IDS.job;
  }
  const categoryByMedia = new Map<string, string>();
  while (b.records.length < 240) {
    const draft = randomDraft(b, MAIN_MERCHANT, jobs);
    categoryByMedia.set(draft.id, draft.category.key);
    b.add(buildRecord(b, draft));
  }
  // A bulk edit: identical updated_at values make the tie-break on id matter for paging.
  const bulkEdited = formatJst(BASE_DATE_MS - 3 * DAY_MS);
  for (const record of b.records.slice(20, 45)) record.media.updated_at = bulkEdited;
  return categoryByMedia;
}

/** One group per category, and the share of the category's media that joins it. */
const CATEGORY_GROUPS: ReadonlyArray<
  Omit<GroupSpec, 'members'> & {category: string; share: number}
> = [
  {name: 'ニュース', description: '毎日のニュース', refId: 'news', category: 'news', share: 0.8},
  {
    name: '旅行 Travel',
    description: '日本各地の旅',
    refId: 'travel',
    category: 'travel',
    share: 0.8,
  },
  {name: '料理チャンネル', description: '', refId: null, category: 'cooking', share: 0.9},
  {
    name: 'Sports Highlights',
    description: 'Best plays of the week',
    refId: 'sports',
    category: 'sports',
    share: 0.8,
  },
  {
    name: '音楽ライブ',
    description: 'フルライブ映像',
    refId: 'music',
    category: 'music',
    share: 0.8,
  },
  {
    name: 'Tech Webinars',
    description: 'Product demos and webinars',
    refId: null,
    category: 'tech',
    share: 0.9,
  },
  {
    name: '教育講座',
    description: '大学公開講座',
    refId: 'education',
    category: 'education',
    share: 0.9,
  },
  {
    name: 'アニメ予告編',
    description: '新作アニメの予告',
    refId: 'anime',
    category: 'anime',
    share: 0.9,
  },
];

/** The groups that are not one category: features, picks, 4K, subtitled and an empty one. */
function curatedGroups(rng: Prng): GroupSpec[] {
  const special = new Set<string>(Object.values(FIXTURE_IDS));
  return [
    {
      name: '特集：春の日本',
      description: '桜の季節の特集',
      refId: 'spring-feature',
      members: () => rng.chance(0.06),
    },
    {
      name: "Editor's Picks",
      description: '編集部のおすすめ',
      refId: 'editors-picks',
      members: (r) => r.media.id === FIXTURE_IDS.withRefId || rng.chance(0.07),
    },
    {
      name: '4K Collection',
      description: 'Shot in 4K',
      refId: null,
      members: (r) => r.media.tags.includes('4K'),
    },
    {
      name: '字幕付き / With Subtitles',
      description: '',
      refId: 'subtitled',
      members: (r) => r.media.text_tracks.length >= 3 && !special.has(r.media.id),
    },
    {
      id: FIXTURE_IDS.emptyGroup,
      name: '準備中 (Coming soon)',
      description: 'まだ動画がありません',
      refId: 'coming-soon',
      members: () => false,
    },
  ];
}

function mainCatalog(b: CatalogBuilder): void {
  const rng = b.rng;
  const categoryByMedia = mainRecords(b);
  const inCategory = (key: string, share: number) => (r: MediaRecord) =>
    (categoryByMedia.get(r.media.id) ?? categoryOf(r)) === key && rng.chance(share);
  addGroups(b, MAIN_MERCHANT, [
    {
      id: FIXTURE_IDS.group,
      name: 'ライブ配信 / Live',
      description: '配信中・配信予定のライブとアーカイブ',
      refId: 'live',
      members: (r) => r.media.duration === null || r.media.live_event_id !== null,
    },
    ...CATEGORY_GROUPS.map(({category, share, ...group}) => ({
      ...group,
      members: inCategory(category, share),
    })),
    ...curatedGroups(rng),
  ]);
}

function secondCatalog(b: CatalogBuilder): void {
  const jobs = [b.rng.hexId(), b.rng.hexId()];
  for (let i = 0; i < 24; i++) {
    const draft = randomDraft(b, SECOND_MERCHANT, jobs);
    draft.name = `${draft.category.en} Showcase ${i + 1}`;
    draft.description = `Acme Corp ${draft.category.en.toLowerCase()} video number ${i + 1}.`;
    b.add(buildRecord(b, draft));
  }
  addGroups(b, SECOND_MERCHANT, [
    {
      name: 'Acme Highlights',
      description: 'The best of Acme',
      refId: 'highlights',
      members: (_, i) => i % 2 === 0,
    },
    {name: 'Acme Tutorials', description: '', refId: null, members: (_, i) => i % 3 === 0},
    {
      name: 'Acme Live',
      description: 'Live shows',
      refId: 'live',
      members: (r) => r.media.duration === null,
    },
  ]);
}

/** Builds the whole fixture catalog. Pure: the same output on every call. */
export function createFixtures(): FixtureSet {
  const b = new CatalogBuilder(new Prng(20240401));
  mainCatalog(b);
  secondCatalog(b);
  for (const merchant of [MAIN_MERCHANT, SECOND_MERCHANT]) {
    b.assets.set(`/uploads/${merchant}/sample_poster.gif`, {
      type: 'bytes',
      contentType: 'image/gif',
      base64: SAMPLE_POSTER_GIF_BASE64,
    });
    b.assets.set(`/uploads/${merchant}/sample_thumbnail.jpg`, {
      type: 'bytes',
      contentType: 'image/jpeg',
      base64: SAMPLE_THUMBNAIL_JPEG_BASE64,
    });
  }
  return {records: b.records, groups: b.groups, assets: b.assets};
}
