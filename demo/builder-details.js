// The chosen video's details in the embed builder: what an author checks before pasting.

function formatDuration(ms) {
  const total = Math.round(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const pad = (n) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

function paragraph(text) {
  return Object.assign(document.createElement('p'), {textContent: text});
}

/**
 * Shows `media` (a Media, a CatalogError from looking it up, or null) in `container`, with the
 * builder's strings `t`. Text only through textContent: titles are data, not markup.
 */
export function renderDetails(container, media, t) {
  container.replaceChildren();
  if (!media) {
    container.append(paragraph(t.noMedia));
    return;
  }
  if (media instanceof Error) {
    container.append(paragraph(t.lookupFailed(media.code ?? 'ERROR', media.message)));
    return;
  }
  const poster = media.poster?.src ?? media.thumbnail?.src;
  if (poster)
    container.append(Object.assign(document.createElement('img'), {src: poster, alt: ''}));
  const list = document.createElement('dl');
  const rows = [
    ['title', t.detailTitle, media.name],
    ['id', t.detailId, media.id],
    ['ref-id', t.detailRefId, media.ref_id ?? t.none],
    [
      'duration',
      t.detailDuration,
      media.duration == null ? t.detailLive : formatDuration(media.duration),
    ],
  ];
  for (const [key, term, value] of rows) {
    const dd = Object.assign(document.createElement('dd'), {textContent: value, dir: 'auto'});
    dd.dataset.detail = key;
    list.append(Object.assign(document.createElement('dt'), {textContent: term}), dd);
  }
  container.append(list);
}
