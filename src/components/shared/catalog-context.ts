import {ContextRoot, createContext} from '@lit/context';

/** What `<ss-catalog>` hands down to the elements inside it. */
export interface CatalogSettings {
  merchant: string | null;
  apiBase: string | null;
  lang: string | null;
}

export const catalogContext = createContext<CatalogSettings>(
  Symbol.for('smartstream-widgets.catalog'),
);

/**
 * For the elements' `lang` property: reflects a set value only. An empty `lang=""` on a host
 * would mark everything inside it (an `<ss-catalog>`'s children too) as of unknown language.
 */
export const langConverter = {
  fromAttribute: (value: string | null): string => value ?? '',
  toAttribute: (value: string): string | null => value || null,
};

const ROOT = Symbol.for('smartstream-widgets.context-root');

/**
 * A context root on the document lets `<ss-catalog>` serve elements that upgraded before it
 * (scripts can register the elements in any order): their unanswered requests are replayed
 * when the provider appears. One root per page, however many copies of this module load.
 */
export function ensureContextRoot(): void {
  const registry = globalThis as unknown as Record<symbol, unknown>;
  if (registry[ROOT] || typeof document === 'undefined') return;
  const root = new ContextRoot();
  root.attach(document.documentElement);
  registry[ROOT] = root;
}
