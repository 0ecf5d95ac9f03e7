export {renderTags, RENDER_DEFAULTS} from './render.js';
export type {RenderTagsOptions, RenderTagsResult} from './render.js';
export {snapshotScript} from './snapshot.js';
