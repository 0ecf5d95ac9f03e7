// How durations, numbers, language names and lists read on a card
// (src/components/shared/format.ts), in both UI languages, for any value the catalog may send.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
  formatDuration,
  formatList,
  formatNumber,
  isoDuration,
  languageName,
  namesNeedIcu,
} from '../../src/components/shared/format.js';

const HOUR = 3_600_000;

describe('formatDuration', () => {
  it('minutes and seconds under an hour, hours and padded minutes from an hour', () => {
    assert.equal(formatDuration(0), '0:00');
    assert.equal(formatDuration(5_000), '0:05');
    assert.equal(formatDuration(754_000), '12:34');
    assert.equal(formatDuration(HOUR - 1_000), '59:59');
    assert.equal(formatDuration(HOUR), '1:00:00');
    assert.equal(formatDuration(HOUR + 2 * 60_000 + 3_000), '1:02:03');
    assert.equal(formatDuration(100 * HOUR), '100:00:00');
  });

  it('part seconds are cut, never rounded up to a second the video does not have', () => {
    assert.equal(formatDuration(999), '0:00');
    assert.equal(formatDuration(59_999), '0:59');
    assert.equal(formatDuration(HOUR - 1), '59:59');
  });

  it('a huge duration is still written out in hours', () => {
    assert.equal(formatDuration(1e15), '277777777:46:40');
  });

  it('no duration (live), or one that is not a duration, shows nothing', () => {
    for (const value of [null, undefined, -1, -0.5, Number.NaN, Infinity, -Infinity]) {
      assert.equal(formatDuration(value), null, String(value));
    }
    // The wire type says number; an API that sends a string gets no made-up duration.
    assert.equal(formatDuration('65000' as unknown as number), null);
  });
});

describe('isoDuration', () => {
  it('ISO 8601 durations, leaving out zero parts', () => {
    assert.equal(isoDuration(5_000), 'PT5S');
    assert.equal(isoDuration(60_000), 'PT1M');
    assert.equal(isoDuration(HOUR), 'PT1H');
    assert.equal(isoDuration(HOUR + 2 * 60_000 + 3_000), 'PT1H2M3S');
    assert.equal(isoDuration(HOUR + 3_000), 'PT1H3S');
    assert.equal(isoDuration(100 * HOUR + 1_500), 'PT100H1S');
  });

  it('zero (or under a second) is PT0S, never the invalid "PT"', () => {
    assert.equal(isoDuration(0), 'PT0S');
    assert.equal(isoDuration(999), 'PT0S');
  });

  it('an invalid duration gives no attribute value', () => {
    for (const value of [null, undefined, -1_000, Number.NaN, Infinity]) {
      assert.equal(isoDuration(value), null, String(value));
    }
  });
});

describe('formatNumber', () => {
  it('groups thousands in both UI languages', () => {
    assert.equal(formatNumber(0, 'en'), '0');
    assert.equal(formatNumber(1_234_567, 'en'), '1,234,567');
    assert.equal(formatNumber(1_234_567, 'ja'), '1,234,567');
    assert.equal(formatNumber(-42, 'en'), '-42');
  });

  it('decimals and the largest safe integer, as written in both languages', () => {
    assert.equal(formatNumber(1.5, 'en'), '1.5');
    assert.equal(formatNumber(1.5, 'ja'), '1.5');
    assert.equal(formatNumber(Number.MAX_SAFE_INTEGER, 'ja'), '9,007,199,254,740,991');
  });

  it('whole numbers read exactly as Intl writes them, without asking ICU', () => {
    const values = [0, 7, 42, 999, 1_000, 12_345, 999_999, 1_000_000, 2 ** 40];
    for (const lang of ['en', 'ja'] as const) {
      const intl = new Intl.NumberFormat(lang);
      for (const value of [...values, ...values.map((v) => -v - 1)]) {
        assert.equal(formatNumber(value, lang), intl.format(value), `${lang} ${value}`);
      }
    }
  });
});

describe('languageName', () => {
  it("a track's language in the UI language", () => {
    assert.equal(languageName('ja', 'en'), 'Japanese');
    assert.equal(languageName('en', 'en'), 'English');
    assert.equal(languageName('ja', 'ja'), '日本語');
    assert.equal(languageName('en', 'ja'), '英語');
    assert.equal(languageName('en-US', 'en'), 'American English');
  });

  it('a malformed tag from the catalog is shown as given, never thrown', () => {
    for (const tag of ['not a tag!', 'ja_JP_', '<script>', '日本語', 'x'.repeat(10_000)]) {
      assert.equal(languageName(tag, 'en'), tag);
      assert.equal(languageName(tag, 'ja'), tag);
    }
  });

  it('a well-formed tag no one knows is shown as the tag', () => {
    assert.equal(languageName('qaa', 'en'), 'qaa');
  });

  const COMMON =
    'ja en ko zh zh-Hans zh-Hant fr de es it pt ru th vi id ms ar hi nl tr pl uk'.split(' ');

  it('names the common subtitle languages as Intl.DisplayNames does, in any case', () => {
    for (const lang of ['en', 'ja'] as const) {
      const intl = new Intl.DisplayNames([lang], {type: 'language'});
      for (const tag of [...COMMON, 'JA', 'ZH-HANT']) {
        assert.equal(languageName(tag, lang), intl.of(tag), `${lang} ${tag}`);
      }
    }
  });

  it('names the common ones without ICU, and says which need it', () => {
    const {DisplayNames} = Intl;
    const {of} = DisplayNames.prototype;
    const refuse = () => {
      throw new Error('asked ICU');
    };
    (Intl as {DisplayNames: unknown}).DisplayNames = refuse;
    DisplayNames.prototype.of = refuse;
    try {
      assert.deepEqual(COMMON.map((tag) => languageName(tag, 'ja')).slice(0, 4), [
        '日本語',
        '英語',
        '韓国語',
        '中国語',
      ]);
      assert.equal(languageName('uk', 'en'), 'Ukrainian');
    } finally {
      (Intl as {DisplayNames: unknown}).DisplayNames = DisplayNames;
      DisplayNames.prototype.of = of;
    }
    assert.equal(namesNeedIcu(COMMON), false);
    assert.equal(namesNeedIcu(['ja', '', 'en']), false, 'a track with no language is not named');
    assert.equal(namesNeedIcu(['ja', 'sw']), true);
    assert.equal(namesNeedIcu(['en-US']), true);
  });

  it('names "und" as CLDR does, not as ICU\'s "root"', () => {
    assert.equal(languageName('und', 'en'), 'Unknown language');
    assert.equal(languageName('und', 'ja'), '不明な言語');
  });
});

describe('formatList', () => {
  it('joins names the way each UI language writes a list', () => {
    assert.equal(formatList(['Japanese', 'English'], 'en'), 'Japanese and English');
    assert.equal(
      formatList(['Japanese', 'English', 'French'], 'en'),
      'Japanese, English, and French',
    );
    assert.equal(formatList(['日本語', '英語'], 'ja'), '日本語、英語');
  });

  it('writes every length as Intl.ListFormat does, without ICU', () => {
    const names = ['A', 'B', 'C', 'D', 'E'];
    for (const lang of ['en', 'ja'] as const) {
      const intl = new Intl.ListFormat(lang, {type: 'conjunction'});
      for (let n = 0; n <= names.length; n++) {
        assert.equal(
          formatList(names.slice(0, n), lang),
          intl.format(names.slice(0, n)),
          `${lang} ${n}`,
        );
      }
    }
  });

  it('one name is itself, no names is empty', () => {
    assert.equal(formatList(['English'], 'en'), 'English');
    assert.equal(formatList([], 'en'), '');
    assert.equal(formatList([], 'ja'), '');
  });
});
