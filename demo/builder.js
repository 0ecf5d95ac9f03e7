// The embed builder: a form, the catalog browsed through the package's own elements and shared
// client, a live preview of exactly the snippet, and a Copy button. See docs/builder.md.
import {CatalogError, getSharedClient} from '../dist/smartstream-widgets.min.js';
import {elementMarkup, snippet, styleText} from './builder-snippet.js';
import {STRINGS} from './builder-strings.js';

const form = document.getElementById('settings');
const apiBaseInput = document.getElementById('api-base');
const apiBaseError = document.getElementById('api-base-error');
const browseGroups = document.getElementById('browse-groups');
const browseMedia = document.getElementById('browse-media');
const details = document.getElementById('details');
const output = document.getElementById('snippet');
const copyButton = document.getElementById('copy');
const copyStatus = document.getElementById('copy-status');

let uiLang = 'en';
let chosenMedia = null;

// ---- settings ------------------------------------------------------------------------------

function readSettings() {
  const data = new FormData(form);
  const value = (name) => String(data.get(name) ?? '').trim();
  return {
    apiBase: value('apiBase'),
    merchant: value('merchant'),
    element: value('element') || 'list',
    layout: value('layout'),
    paging: value('paging'),
    groupLayout: value('groupLayout'),
    groupId: value('groupId'),
    identify: value('identify'),
    mediaId: value('mediaId'),
    refId: value('refId'),
    limit: value('limit'),
    sort: value('sort'),
    order: value('order'),
    href: value('href'),
    label: value('label'),
    lang: value('lang'),
    accent: value('accent'),
    radius: value('radius'),
    columns: value('columns'),
    shelfWidth: value('shelfWidth'),
    reserve: data.has('reserve'),
  };
}

/** Fields that do not apply to the chosen element (or layout) are hidden, and so not sent. */
function showApplicable(s) {
  const shelf =
    ((s.element === 'list' || s.element === 'catalog') && s.layout === 'shelf') ||
    ((s.element === 'groups' || s.element === 'catalog') && s.groupLayout === 'shelves');
  for (const node of form.querySelectorAll('[data-for]')) {
    let applies = node.dataset.for.split(' ').includes(s.element);
    if (applies && node.dataset.layout === 'grid') applies = s.layout === 'grid';
    if (applies && node.dataset.layout === 'shelf') applies = shelf;
    node.hidden = !applies;
    if (node instanceof HTMLOptionElement) node.disabled = !applies;
  }
  const sort = form.elements.namedItem('sort');
  if (sort.selectedOptions[0]?.disabled) sort.value = 'updated_at';
}

/** Only the settings whose fields are shown count. */
function applicable(s) {
  const result = {...s};
  for (const field of form.elements) {
    if (field.name && field.closest('[hidden]') && field.type !== 'radio') result[field.name] = '';
  }
  return result;
}

/** The api-base the elements can use, or an error message for the field. */
function checkApiBase(apiBase) {
  try {
    getSharedClient(apiBase);
    return undefined;
  } catch (error) {
    return error instanceof CatalogError ? error.message : String(error);
  }
}

// ---- output --------------------------------------------------------------------------------

const preview = document.getElementById('preview').attachShadow({mode: 'open'});
preview.innerHTML = '<style></style><div class="stage"></div>';
const previewStyle = preview.querySelector('style');
const previewStage = preview.querySelector('.stage');

function update() {
  const raw = readSettings();
  showApplicable(raw);
  const s = applicable(raw);
  const problem = checkApiBase(s.apiBase);
  apiBaseError.hidden = !problem;
  apiBaseError.textContent = problem ? STRINGS[uiLang].apiBaseInvalid(problem) : '';
  apiBaseInput.setAttribute('aria-invalid', problem ? 'true' : 'false');
  output.value = snippet(s);
  if (problem) return;
  for (const el of [browseGroups, browseMedia]) {
    el.setAttribute('api-base', s.apiBase);
    el.setAttribute('merchant', s.merchant);
  }
  // The preview is the snippet itself, minus the script tag the page has already run, in a
  // shadow root so its style cannot restyle the builder.
  previewStyle.textContent = styleText(s);
  const markup = elementMarkup(s);
  if (previewStage.dataset.markup !== markup) {
    previewStage.dataset.markup = markup;
    previewStage.innerHTML = markup;
  }
}

let pending;
/** Typing a limit of 12 should not also ask the catalog for a page of 1. */
function updateSoon() {
  clearTimeout(pending);
  pending = setTimeout(update, 400);
}

// ---- browsing ------------------------------------------------------------------------------

function formatDuration(ms) {
  const total = Math.round(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const pad = (n) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

function renderDetails() {
  const t = STRINGS[uiLang];
  details.replaceChildren();
  if (!chosenMedia) {
    details.append(Object.assign(document.createElement('p'), {textContent: t.noMedia}));
    return;
  }
  if (chosenMedia instanceof Error) {
    const message = t.lookupFailed(chosenMedia.code ?? 'ERROR', chosenMedia.message);
    details.append(Object.assign(document.createElement('p'), {textContent: message}));
    return;
  }
  const media = chosenMedia;
  const poster = media.poster?.src ?? media.thumbnail?.src;
  if (poster) {
    details.append(Object.assign(document.createElement('img'), {src: poster, alt: ''}));
  }
  const list = document.createElement('dl');
  const rows = [
    [t.detailTitle, media.name],
    [t.detailId, media.id],
    [t.detailRefId, media.ref_id ?? t.none],
    [t.detailDuration, media.duration == null ? t.detailLive : formatDuration(media.duration)],
  ];
  for (const [term, value] of rows) {
    const dd = Object.assign(document.createElement('dd'), {textContent: value});
    dd.dir = 'auto';
    list.append(Object.assign(document.createElement('dt'), {textContent: term}), dd);
  }
  details.append(list);
}

function chooseMedia(media) {
  chosenMedia = media;
  form.elements.namedItem('mediaId').value = media.id;
  form.elements.namedItem('refId').value = media.ref_id ?? '';
  const identify = form.elements.namedItem('identify');
  if (!media.ref_id) identify.value = 'media-id';
  renderDetails();
  update();
}

let lookup;
/** A typed id or ref id: looked up through the shared client, as the card will. */
async function lookUpTyped() {
  const s = readSettings();
  const byRef = s.identify === 'ref-id';
  const value = byRef ? s.refId : s.mediaId;
  lookup?.abort();
  if (!value || checkApiBase(s.apiBase)) return;
  lookup = new AbortController();
  const signal = lookup.signal;
  try {
    const selector = byRef ? {refId: value} : {id: value};
    const media = await getSharedClient(s.apiBase).getMedia(s.merchant, selector, {signal});
    chosenMedia = media;
  } catch (error) {
    if (signal.aborted) return;
    chosenMedia = error;
  }
  renderDetails();
}

browseGroups.addEventListener('ss-media-group-select', (event) => {
  form.elements.namedItem('label').value = event.detail.group.name;
});

// The group list sets or clears ("All videos") the browsing list's filter: the form follows.
new MutationObserver(() => {
  form.elements.namedItem('groupId').value = browseMedia.getAttribute('media-group-id') ?? '';
  update();
}).observe(browseMedia, {attributes: true, attributeFilter: ['media-group-id']});

browseMedia.addEventListener('ss-media-select', (event) => {
  event.preventDefault();
  chooseMedia(event.detail.media);
});

// ---- copying -------------------------------------------------------------------------------

function announce(message) {
  // Emptied first, so a second copy is announced again.
  copyStatus.textContent = '';
  setTimeout(() => (copyStatus.textContent = message), 50);
}

/** The old copy command, for pages without clipboard access; false where it is refused. */
function execCopy() {
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

async function copy() {
  update();
  const text = output.value;
  const t = STRINGS[uiLang];
  try {
    await navigator.clipboard.writeText(text);
    output.setSelectionRange(0, text.length);
    announce(t.copied);
  } catch {
    // No clipboard access (an insecure origin, a frame, a denied permission): select the text.
    output.focus();
    output.select();
    announce(execCopy() ? t.copied : t.copyManually);
  }
}

// ---- language and start-up -----------------------------------------------------------------

function setUiLang(lang) {
  uiLang = lang === 'ja' ? 'ja' : 'en';
  const t = STRINGS[uiLang];
  document.documentElement.lang = uiLang;
  document.title = `${t.title}: smartstream-widgets`;
  for (const node of document.querySelectorAll('[data-text]')) {
    node.textContent = t[node.dataset.text];
  }
  for (const button of document.querySelectorAll('[data-ui-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.uiLang === uiLang));
  }
  browseGroups.setAttribute('lang', uiLang);
  browseGroups.setAttribute('label', t.browseGroups);
  browseMedia.setAttribute('lang', uiLang);
  browseMedia.setAttribute('label', t.browseVideos);
  renderDetails();
}

function start() {
  const params = new URLSearchParams(location.search);
  if (params.get('api-base')) apiBaseInput.value = params.get('api-base');
  if (params.get('merchant')) form.elements.namedItem('merchant').value = params.get('merchant');
  const lang = params.get('lang') ?? (navigator.language.startsWith('ja') ? 'ja' : 'en');
  setUiLang(lang);
  for (const button of document.querySelectorAll('[data-ui-lang]')) {
    button.addEventListener('click', () => setUiLang(button.dataset.uiLang));
  }
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('input', updateSoon);
  form.addEventListener('change', (event) => {
    update();
    if (['mediaId', 'refId', 'identify'].includes(event.target.name)) lookUpTyped();
  });
  copyButton.addEventListener('click', copy);
  update();
}

start();
