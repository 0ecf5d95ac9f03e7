// The page bar of <ss-media-list> and <ss-media-group-list> (src/components/shared/pagination.ts)
// without a browser: which page numbers a person sees, when "Next" works, and the bar's markup
// rendered on the server as the elements' SSR renders it.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {render} from '@lit-labs/ssr';
import {collectResultSync} from '@lit-labs/ssr/lib/render-result.js';
import fc from 'fast-check';
import {nothing} from 'lit';
import {
  pageItems,
  paginationModel,
  renderPagination,
  type PageItem,
  type PaginationModel,
} from '../../src/components/shared/pagination.js';
import {stringsFor, type UiLang} from '../../src/components/shared/strings.js';

const E = 'ellipsis';

describe('pageItems', () => {
  it('shows every page, without ellipsis, up to seven pages', () => {
    assert.deepEqual(pageItems(1, 1), [1]);
    assert.deepEqual(pageItems(4, 7), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(pageItems(7, 7), [1, 2, 3, 4, 5, 6, 7]);
  });

  it('no pages, or a page count that is not a number, shows no page buttons', () => {
    assert.deepEqual(pageItems(1, 0), []);
    assert.deepEqual(pageItems(1, -3), []);
    assert.deepEqual(pageItems(1, Number.NaN), []);
  });

  it('from eight pages: first, last, the current page with its neighbours, gaps as ellipses', () => {
    assert.deepEqual(pageItems(1, 8), [1, 2, 3, 4, E, 8]);
    assert.deepEqual(pageItems(5, 10), [1, E, 4, 5, 6, E, 10]);
    assert.deepEqual(pageItems(10, 10), [1, E, 7, 8, 9, 10]);
    assert.deepEqual(pageItems(500, 1000), [1, E, 499, 500, 501, E, 1000]);
  });

  it('a gap of one page shows that page instead of an ellipsis standing for it', () => {
    assert.deepEqual(pageItems(4, 10), [1, 2, 3, 4, 5, E, 10]);
    assert.deepEqual(pageItems(7, 10), [1, E, 6, 7, 8, 9, 10]);
    assert.deepEqual(pageItems(5, 8), [1, E, 4, 5, 6, 7, 8]);
  });

  it('a current page past the last (the list shrank) still shows the last pages', () => {
    assert.deepEqual(pageItems(15, 10), [1, E, 7, 8, 9, 10]);
    assert.deepEqual(pageItems(0, 10), [1, 2, 3, 4, E, 10]);
  });

  it('for any page of any count: at most 7 items, ordered, first, last and current shown', () => {
    const pageOf = fc
      .integer({min: 1, max: 5000})
      .chain((pages) => fc.tuple(fc.integer({min: 1, max: pages}), fc.constant(pages)));
    fc.assert(
      fc.property(pageOf, ([current, pages]) => {
        const items = pageItems(current, pages);
        const numbers = items.filter((item): item is number => item !== E);
        assert.ok(items.length <= 7, `${items.length} items`);
        assert.equal(items[0], 1);
        assert.equal(items.at(-1), pages);
        assert.ok(numbers.includes(current));
        items.forEach((item, i) => {
          const next: PageItem | undefined = items[i + 1];
          if (item === E) {
            // An ellipsis stands for two or more pages, between two numbers.
            const [before, after] = [items[i - 1], next];
            assert.ok(typeof before === 'number' && typeof after === 'number');
            assert.ok(after - before > 2, `ellipsis between ${before} and ${after}`);
          } else if (typeof next === 'number') {
            assert.equal(next, item + 1, `${item} then ${next}`);
          }
        });
      }),
    );
  });
});

describe('paginationModel', () => {
  it('a count above the items received is the total: page numbers come from it', () => {
    assert.deepEqual(paginationModel(1, 10, 95, 10), {page: 1, pages: 10, hasNext: true});
    assert.deepEqual(paginationModel(10, 10, 95, 5), {page: 10, pages: 10, hasNext: false});
    assert.deepEqual(paginationModel(3, 100, 1_000_001, 100), {
      page: 3,
      pages: 10_001,
      hasNext: true,
    });
  });

  it('past the last page (an empty page of a known total): no next, pages still known', () => {
    assert.deepEqual(paginationModel(12, 10, 95, 0), {page: 12, pages: 10, hasNext: false});
  });

  it('a count equal to the items received cannot tell: previous/next only, next on a full page', () => {
    assert.deepEqual(paginationModel(1, 10, 10, 10), {page: 1, pages: null, hasNext: true});
    assert.deepEqual(paginationModel(2, 10, 3, 3), {page: 2, pages: null, hasNext: false});
  });

  it('an empty list: no pages and no next', () => {
    assert.deepEqual(paginationModel(1, 10, 0, 0), {page: 1, pages: null, hasNext: false});
  });
});

/** The bar as server-rendered HTML, Lit's comment markers removed. */
function bar(model: PaginationModel, lang: UiLang = 'en'): string {
  const result = renderPagination(model, 'Video pages', stringsFor(lang), lang, () => {});
  if (result === nothing) return '';
  return collectResultSync(render(result))
    .replace(/<!--.*?-->/g, '')
    .replace(/\s+/g, ' ')
    .replace(/ >/g, '>');
}

/** The page buttons' accessible names, in order, the current one marked with `*`. */
function pageButtons(html: string): string[] {
  return [...html.matchAll(/aria-label="([^"]+)" aria-current="(page|false)"/g)].map(
    ([, label, current]) => (current === 'page' ? `*${label}` : label!),
  );
}

describe('renderPagination (server-rendered)', () => {
  it('one page and nothing after it: no bar at all', () => {
    assert.equal(bar({page: 1, pages: 1, hasNext: false}), '');
    assert.equal(bar({page: 1, pages: null, hasNext: false}), '');
    assert.equal(bar({page: 1, pages: 0, hasNext: false}), '');
  });

  it('a named navigation landmark; the current page is aria-current, Previous off on page 1', () => {
    const html = bar({page: 1, pages: 3, hasNext: true});
    assert.match(html, /<nav class="pagination" part="pagination" aria-label="Video pages">/);
    assert.deepEqual(pageButtons(html), ['*Page 1', 'Page 2', 'Page 3']);
    assert.match(html, /<button type="button" part="page-button" disabled> Previous <\/button>/);
    assert.match(html, /<button type="button" part="page-button"> Next <\/button>/);
  });

  it('on the last page Next is off, and the gaps are hidden from screen readers', () => {
    const html = bar({page: 20, pages: 20, hasNext: false});
    assert.deepEqual(pageButtons(html), ['Page 1', 'Page 17', 'Page 18', 'Page 19', '*Page 20']);
    assert.match(html, /<li class="ellipsis" aria-hidden="true">…<\/li>/);
    assert.match(html, /<button type="button" part="page-button" disabled> Next <\/button>/);
  });

  it('page numbers as the UI language writes them, labels in Japanese', () => {
    const html = bar({page: 1000, pages: 1200, hasNext: true}, 'ja');
    assert.deepEqual(pageButtons(html), [
      '1ページ',
      '999ページ',
      '*1,000ページ',
      '1,001ページ',
      '1,200ページ',
    ]);
    assert.match(html, /> 前へ </);
    assert.match(html, /> 次へ </);
  });

  it('an unknown page count: no page list, the current page told to screen readers only', () => {
    const html = bar({page: 2, pages: null, hasNext: true});
    assert.doesNotMatch(html, /<ul>/);
    assert.match(html, /<span class="visually-hidden">Page 2<\/span>/);
  });
});
