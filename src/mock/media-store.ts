// The catalog's records and groups: each mock works on its own copy of the fixtures.
import {formatJst} from './dates.js';
import {
  BASE_DATE_MS,
  createFixtures,
  FIXTURE_IDS,
  FIXTURE_REF_ID,
  type FixtureSet,
} from './fixtures.js';
import type {AssetSpec, MediaGroup, MediaRecord} from './types.js';

let pristine: FixtureSet | undefined;

/** Fixtures are built once per process; each catalog works on its own deep copy. */
function freshFixtures(): FixtureSet {
  pristine ??= createFixtures();
  return {
    records: structuredClone(pristine.records),
    groups: structuredClone(pristine.groups),
    assets: pristine.assets,
  };
}

/** The media records and groups of every merchant, as PUT and DELETE leave them. */
export class MediaStore {
  private data = freshFixtures();

  /** Back to the fixtures as built. */
  reset(): void {
    this.data = freshFixtures();
  }

  /** The generated files the fixtures point at, by path. */
  get assets(): ReadonlyMap<string, AssetSpec> {
    return this.data.assets;
  }

  records(merchant: string): MediaRecord[] {
    return this.data.records.filter((r) => r.media.merchant_id === merchant);
  }

  groups(merchant: string): MediaGroup[] {
    return this.data.groups.filter((g) => g.merchant_id === merchant);
  }

  /** A merchant's media by id, or by ref_id when the key is `ref:<ref_id>`. */
  find(merchant: string, key: string): MediaRecord | undefined {
    const byRef = key.startsWith('ref:');
    const wanted = byRef ? key.slice(4) : key;
    return this.data.records.find(
      (r) => r.media.merchant_id === merchant && (byRef ? r.media.ref_id : r.media.id) === wanted,
    );
  }

  /** Another media of the same merchant that already has this ref_id. */
  refIdHolder(record: MediaRecord, refId: string): MediaRecord | undefined {
    return this.data.records.find(
      (r) =>
        r !== record &&
        r.media.merchant_id === record.media.merchant_id &&
        r.media.ref_id === refId,
    );
  }

  remove(record: MediaRecord): void {
    this.data.records.splice(this.data.records.indexOf(record), 1);
  }

  /** What `GET /__mock/fixtures` shows: the fixed ids and each merchant's counts. */
  summary() {
    const merchants = [...new Set(this.data.records.map((r) => r.media.merchant_id))];
    return {
      baseDate: formatJst(BASE_DATE_MS),
      ids: FIXTURE_IDS,
      refId: FIXTURE_REF_ID,
      merchants: Object.fromEntries(
        merchants.map((merchant) => [
          merchant,
          {
            medias: this.records(merchant).length,
            mediaGroups: this.groups(merchant).map((g) => ({
              id: g.id,
              name: g.name,
              members: this.data.records.filter((r) => r.media_group_ids.includes(g.id)).length,
            })),
          },
        ]),
      ),
    };
  }
}
