import {createContext} from '@lit/context';

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
