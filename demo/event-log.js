// Shows the elements' events as they fire: the names and detail a page's own script would get.
const log = document.getElementById('event-log');
const events = ['ss-media-select', 'ss-media-group-select', 'ss-page-change', 'ss-error'];

function describe(event) {
  const {detail} = event;
  if (detail.media) return `media ${detail.media.id} "${detail.media.name}"`;
  if (detail.group) return `group ${detail.group.id} "${detail.group.name}"`;
  if (detail.page) return `page ${detail.page}`;
  if (detail.error) return `${detail.error.code} (${detail.error.status}): ${detail.error.message}`;
  return JSON.stringify(detail);
}

for (const name of events) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    const source = event.composedPath()[0];
    const time = new Date().toLocaleTimeString();
    item.textContent = `${time}  ${name}  <${source.localName}${source.id ? `#${source.id}` : ''}>  ${describe(event)}`;
    log.prepend(item);
    while (log.children.length > 50) log.lastElementChild.remove();
  });
}
