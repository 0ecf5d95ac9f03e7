// An Eleventy 3 site whose pages carry server-rendered galleries: the `catalog` paired shortcode
// renders the SmartSTREAM tags it wraps with `smartstream-widgets/ssr` at build time, so the
// posters, titles and durations are in the HTML, and the page's hydrating script takes them
// over without asking the catalog again. See docs/ssr.md.
import {CatalogReader} from 'smartstream-widgets/client.js';
import {renderTags} from 'smartstream-widgets/ssr';

export default function (eleventyConfig) {
  /** Where the build reads the catalog: your caching proxy, or the mock (`smartstream-widgets mock`). */
  const apiBase = process.env.SMARTSTREAM_API_BASE ?? 'http://127.0.0.1:8787';
  /** The site's public URL: pages' relative links resolve against it. */
  const siteUrl = process.env.SITE_URL ?? 'https://www.example.com';
  // One reader for the whole build: pages that show the same list share one request.
  const client = new CatalogReader({apiBase});
  // What the pages' elements use in the browser: the same catalog, as visitors reach it.
  eleventyConfig.addGlobalData('catalog', {apiBase: process.env.PUBLIC_API_BASE ?? apiBase});

  // `{% catalog lang %}...{% endcatalog %}`: the page's language, as its <html lang> says.
  eleventyConfig.addPairedShortcode('catalog', async function (markup, lang = 'ja') {
    const {html, snapshot, rendered, reason} = await renderTags(markup, {
      client,
      baseUrl: new URL(this.page.url, siteUrl),
      lang,
    });
    // Not fatal: the tags go out unrendered and the browser renders them itself.
    if (!rendered) console.warn(`[catalog] ${this.page.inputPath} not server-rendered: ${reason}`);
    return snapshot + html;
  });

  // The output folder is Eleventy's default, `_site`, or the `--output` given.
  eleventyConfig.setInputDirectory('src');
}
