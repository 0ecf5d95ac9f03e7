// The embed builder: a form, the catalog browsed through the package's own elements and shared
// client, a live preview of exactly the snippet, and a Copy button. See docs/builder.md.
import {CatalogError, getSharedClient} from '../dist/smartstream-widgets.min.js';
import {renderDetails} from './builder-details.js';
import {elementMarkup, firstRequests, headMarkup, snippet, styleText} from './builder-snippet.js';
import {STRINGS} from './builder-strings.js';

/** The api-base the elements can use: undefined, or what is wrong with it. */
function apiBaseProblem(apiBase) {
  try {
    getSharedClient(apiBase);
    return undefined;
  } catch (error) {
    return error instanceof CatalogError ? error.message : String(error);
  }
}

/** The old copy command, for pages without clipboard access; false where it is refused. */
function execCopy() {
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/**
 * Runs the builder on the markup of builder.html inside `root` (the document, or a test's
 * fixture). `params`: `api-base`, `merchant` and `lang` (the builder's own language).
 */
export class EmbedBuilder {
  uiLang = 'en';
  /** A Media, the CatalogError of looking one up, or null. */
  chosenMedia = null;
  #pending;
  #lookup;

  constructor(root = document, params = new URLSearchParams(location.search)) {
    this.root = root;
    const $ = (id) => root.querySelector(`#${id}`);
    this.form = $('settings');
    this.apiBaseInput = $('api-base');
    this.apiBaseError = $('api-base-error');
    this.browseGroups = $('browse-groups');
    this.browseMedia = $('browse-media');
    this.details = $('details');
    this.output = $('snippet');
    this.copyStatus = $('copy-status');
    this.headOutput = $('head-snippet');
    this.headCopyStatus = $('copy-head-status');
    this.#startPreview($('preview'));
    if (params.get('api-base')) this.apiBaseInput.value = params.get('api-base');
    if (params.get('merchant')) this.#field('merchant').value = params.get('merchant');
    this.#listen(root, $('copy'), $('copy-head'));
    this.setUiLang(params.get('lang') ?? (navigator.language.startsWith('ja') ? 'ja' : 'en'));
    this.update();
  }

  #field(name) {
    return this.form.elements.namedItem(name);
  }

  #startPreview(host) {
    const preview = host.attachShadow({mode: 'open'});
    // The stage's own rule stands in for a CMS column: a single card is not page-wide there.
    preview.innerHTML =
      '<style>.stage:has(> ss-media-card) { max-width: 360px; }</style><style></style><div class="stage"></div>';
    this.previewStyle = preview.querySelectorAll('style')[1];
    this.previewStage = preview.querySelector('.stage');
    // The posters' origin is known once the preview has rendered: the head follows it.
    new MutationObserver(() => this.#writeHead(this.settings())).observe(this.previewStage, {
      subtree: true,
      attributes: true,
      attributeFilter: ['state'],
    });
  }

  #listen(root, copyButton, copyHeadButton) {
    for (const button of root.querySelectorAll('[data-ui-lang]')) {
      button.addEventListener('click', () => this.setUiLang(button.dataset.uiLang));
    }
    this.form.addEventListener('submit', (event) => event.preventDefault());
    this.form.addEventListener('input', () => this.#updateSoon());
    this.form.addEventListener('change', (event) => {
      this.update();
      if (['mediaId', 'refId', 'identify'].includes(event.target.name)) this.#lookUpTyped();
    });
    copyButton.addEventListener('click', () => this.copy());
    copyHeadButton.addEventListener('click', () => this.copyHead());
    this.browseGroups.addEventListener('ss-media-group-select', (event) => {
      this.#field('label').value = event.detail.group.name;
    });
    // The group list sets or clears ("All videos") the browsing list's filter: the form follows.
    new MutationObserver(() => {
      this.#field('groupId').value = this.browseMedia.getAttribute('media-group-id') ?? '';
      this.update();
    }).observe(this.browseMedia, {attributes: true, attributeFilter: ['media-group-id']});
    this.browseMedia.addEventListener('ss-media-select', (event) => {
      event.preventDefault();
      this.#chooseMedia(event.detail.media);
    });
  }

  /** The form's settings; those of fields hidden for the chosen element are empty. */
  settings() {
    const data = new FormData(this.form);
    const s = {reserve: data.has('reserve')};
    for (const field of this.form.elements) {
      if (!field.name || field.name === 'reserve' || field.name in s) continue;
      const hidden = field.type !== 'radio' && field.closest('[hidden]');
      s[field.name] = hidden ? '' : String(data.get(field.name) ?? '').trim();
    }
    return s;
  }

  /** Fields that do not apply to the chosen element (or layout) are hidden, and so not sent. */
  #showApplicable() {
    const element = new FormData(this.form).get('element');
    const layout = this.#field('layout').value;
    const list = element === 'list' || element === 'catalog';
    const shelf =
      (list && layout === 'shelf') ||
      (element !== 'list' && element !== 'card' && this.#field('groupLayout').value === 'shelves');
    for (const node of this.form.querySelectorAll('[data-for]')) {
      let applies = node.dataset.for.split(' ').includes(element);
      if (applies && node.dataset.layout === 'grid') applies = layout === 'grid';
      if (applies && node.dataset.layout === 'shelf') applies = shelf;
      node.hidden = !applies;
      if (node instanceof HTMLOptionElement) node.disabled = !applies;
    }
    const sort = this.#field('sort');
    if (sort.selectedOptions[0]?.disabled) sort.value = 'updated_at';
  }

  /** Writes the snippet, and the preview and the browsing elements when the api-base works. */
  update() {
    clearTimeout(this.#pending);
    this.#showApplicable();
    const s = this.settings();
    const problem = apiBaseProblem(s.apiBase);
    this.apiBaseError.hidden = !problem;
    this.apiBaseError.textContent = problem ? STRINGS[this.uiLang].apiBaseInvalid(problem) : '';
    this.apiBaseInput.setAttribute('aria-invalid', problem ? 'true' : 'false');
    this.output.value = snippet(s);
    this.output.rows = Math.min(Math.max(this.output.value.split('\n').length, 6), 24);
    this.#writeHead(problem ? undefined : s);
    if (problem) return;
    for (const el of [this.browseGroups, this.browseMedia]) {
      el.setAttribute('api-base', s.apiBase);
      el.setAttribute('merchant', s.merchant);
    }
    // The preview is the snippet itself, minus the script tag the page has already run, in a
    // shadow root so its style cannot restyle the builder.
    this.previewStyle.textContent = styleText(s);
    const markup = elementMarkup(s);
    if (this.previewStage.dataset.markup !== markup) {
      this.previewStage.dataset.markup = markup;
      this.previewStage.innerHTML = markup;
    }
  }

  /** The recommended head for the settings, or nothing while the api-base is not usable. */
  #writeHead(s) {
    if (!s || apiBaseProblem(s.apiBase)) {
      this.headOutput.value = '';
      return;
    }
    const client = getSharedClient(s.apiBase);
    const preloads = [];
    for (const [call, arg] of firstRequests(s)) {
      try {
        preloads.push(client.apiBase + client.cacheKey(call, s.merchant, arg));
      } catch {
        // A bad merchant or id: the snippet's element shows the error; there is nothing to preload.
      }
    }
    const apiOrigin = new URL(client.apiBase).origin;
    this.headOutput.value = headMarkup({preloads, posterOrigin: this.#posterOrigin(), apiOrigin});
    this.headOutput.rows = Math.max(this.headOutput.value.split('\n').length, 2);
  }

  /** The origin of the first poster the preview shows, looking into the elements' shadow roots. */
  #posterOrigin() {
    const pending = [this.previewStage];
    while (pending.length) {
      const node = pending.shift();
      const img = node.querySelector('img[src]');
      if (img) return new URL(img.getAttribute('src'), document.baseURI).origin;
      for (const el of node.querySelectorAll('*')) if (el.shadowRoot) pending.push(el.shadowRoot);
    }
    return undefined;
  }

  /** Typing a limit of 12 should not also ask the catalog for a page of 1. */
  #updateSoon() {
    clearTimeout(this.#pending);
    this.#pending = setTimeout(() => this.update(), 400);
  }

  #chooseMedia(media) {
    this.chosenMedia = media;
    this.#field('mediaId').value = media.id;
    this.#field('refId').value = media.ref_id ?? '';
    if (!media.ref_id) this.#field('identify').value = 'media-id';
    renderDetails(this.details, media, STRINGS[this.uiLang]);
    this.update();
  }

  /** A typed id or ref id: looked up through the shared client, as the card will. */
  async #lookUpTyped() {
    const s = this.settings();
    const byRef = s.identify === 'ref-id';
    const value = byRef ? s.refId : s.mediaId;
    this.#lookup?.abort();
    if (!value || apiBaseProblem(s.apiBase)) return;
    const {signal} = (this.#lookup = new AbortController());
    try {
      const selector = byRef ? {refId: value} : {id: value};
      this.chosenMedia = await getSharedClient(s.apiBase).getMedia(s.merchant, selector, {signal});
    } catch (error) {
      if (signal.aborted) return;
      this.chosenMedia = error;
    }
    renderDetails(this.details, this.chosenMedia, STRINGS[this.uiLang]);
  }

  #announce(status, message) {
    // Emptied first, so a second copy is announced again.
    status.textContent = '';
    setTimeout(() => (status.textContent = message), 50);
  }

  /** Copies the snippet; the textarea is left selected, so the author sees what was copied. */
  copy() {
    this.update();
    return this.#copyFrom(this.output, this.copyStatus);
  }

  /** Copies the recommended head, like {@link EmbedBuilder.copy}. */
  copyHead() {
    this.update();
    return this.#copyFrom(this.headOutput, this.headCopyStatus);
  }

  async #copyFrom(output, status) {
    const text = output.value;
    const t = STRINGS[this.uiLang];
    try {
      await navigator.clipboard.writeText(text);
      output.setSelectionRange(0, text.length);
      this.#announce(status, t.copied);
    } catch {
      // No clipboard access (an insecure origin, a frame, a denied permission): select the text.
      output.focus();
      output.select();
      this.#announce(status, execCopy() ? t.copied : t.copyManually);
    }
  }

  setUiLang(lang) {
    this.uiLang = lang === 'ja' ? 'ja' : 'en';
    const t = STRINGS[this.uiLang];
    document.documentElement.lang = this.uiLang;
    document.title = `${t.title}: smartstream-widgets`;
    for (const node of this.root.querySelectorAll('[data-text]')) {
      node.textContent = t[node.dataset.text];
    }
    for (const button of this.root.querySelectorAll('[data-ui-lang]')) {
      button.setAttribute('aria-pressed', String(button.dataset.uiLang === this.uiLang));
    }
    this.browseGroups.setAttribute('lang', this.uiLang);
    this.browseGroups.setAttribute('label', t.browseGroups);
    this.browseMedia.setAttribute('lang', this.uiLang);
    this.browseMedia.setAttribute('label', t.browseVideos);
    renderDetails(this.details, this.chosenMedia, STRINGS[this.uiLang]);
  }
}
