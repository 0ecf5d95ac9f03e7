import type {SsMediaCard} from '../../../src/index.js';
import {mockStats} from './common.js';

/** The cards a person sees in a list's shadow root (not skeletons). */
export function cards(list: Element): SsMediaCard[] {
  return [...list.shadowRoot!.querySelectorAll('ss-media-card')].filter((card) => !card.skeleton);
}

/** Media list requests the mock answered since the last reset. */
export async function listRequests(): Promise<number> {
  return (await mockStats()).byRoute['list-medias'] ?? 0;
}
