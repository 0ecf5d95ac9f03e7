// Chromium through playwright-core: the system browser, headless, GC exposed for the
// render and memory parts.
import {chromium} from 'playwright-core';

export const VIEWPORT = {width: 1280, height: 900};

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-background-networking',
      '--disable-gpu',
      '--js-flags=--expose-gc',
    ],
  });
}

/**
 * Opens `url` in a fresh context (empty HTTP cache) and waits for the bench page's
 * `window.bench` API. Page errors are collected in `page.errors`.
 */
export async function openPage(browser, url, {waitForBench = true} = {}) {
  const context = await browser.newContext({viewport: VIEWPORT});
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  await page.goto(url);
  if (waitForBench) await page.waitForFunction(() => window.bench);
  return page;
}

/** Throws if the page reported an uncaught error: a figure from a broken page is no figure. */
export function checkErrors(page, what) {
  if (page.errors.length) throw new Error(`${what}: page errors: ${page.errors.join('; ')}`);
}
