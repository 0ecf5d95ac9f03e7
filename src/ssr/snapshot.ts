import type {CatalogReader} from '../client/reader.js';
import {SNAPSHOT_ID} from '../client/shared.js';
import {escapeInlineJson} from '../components/shared/structured-data.js';

/**
 * The `<script type="application/json">` the page's shared clients prime themselves from: the
 * render's cache entries (each with the time it was fetched) under every `api-base` the elements
 * used. Escaped so no value can end the script element or break it as JavaScript.
 */
export function snapshotScript(client: CatalogReader, apiBases: Iterable<string>): string {
  const entries = client.snapshot();
  const byApiBase = Object.fromEntries([...apiBases].map((apiBase) => [apiBase, entries]));
  const json = escapeInlineJson(JSON.stringify(byApiBase));
  return `<script type="application/json" id="${SNAPSHOT_ID}">${json}</script>`;
}
