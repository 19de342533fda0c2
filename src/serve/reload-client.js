// The live-reload client `bilingual-book serve` adds to every page it serves (never to the files on
// disk). A same-origin file rather than an inline script, so a page's `script-src 'self'` policy allows it.
// It listens to the server's build statuses: a build that changed this page (or a stylesheet or an
// image) reloads it; a build with content errors shows them over the page until a build succeeds.
(() => {
  const script = document.currentScript;
  const page = script.dataset.page;
  const session = script.dataset.session;
  let seen = Number(script.dataset.version);
  const overlayId = 'bilingual-book-errors';

  const events = new EventSource('/__bilingual-book/events');
  events.addEventListener('status', (event) => {
    const status = JSON.parse(event.data);
    showErrors(status.errors);
    if (status.session !== session) return location.reload(); // the server was restarted
    if (status.version <= seen) return;
    // `changed` lists what the latest build changed: a page that missed a build cannot tell, so it reloads.
    const missed = status.version > seen + 1;
    const mine = status.changed.some((file) => file === page || (!file.endsWith('.html') && usedHere(file)));
    if (missed || mine) return location.reload();
    seen = status.version;
  });

  // An edition's search index (assets/search-ja.js) changes with every edit of its text, and only its
  // search page (ja/search.html) loads it; any other file that is not a page (a style sheet, an image) may be in use.
  function usedHere(file) {
    const index = /^assets\/search-([a-z]+)\.js$/.exec(file);
    return index ? page === `${index[1]}/search.html` : true;
  }

  function showErrors(errors) {
    document.getElementById(overlayId)?.remove();
    if (errors.length === 0) return;
    // Styled through the CSSOM, which a `style-src` policy does not block (style attributes it would).
    const overlay = document.createElement('section');
    overlay.id = overlayId;
    overlay.setAttribute('role', 'alert');
    Object.assign(overlay.style, {
      position: 'fixed', inset: '0', zIndex: '2147483647', overflow: 'auto', margin: '0', padding: '2rem',
      background: 'rgba(20, 20, 20, 0.94)', color: '#fff', font: '14px/1.5 ui-monospace, monospace',
    });
    // A paragraph, not a heading: the page's heading styles and outline stay out of it.
    const heading = document.createElement('p');
    heading.textContent = `The book has ${errors.length} error(s); this is the last good build. Fix them and the page reloads.`;
    Object.assign(heading.style, { font: 'bold 16px/1.4 system-ui, sans-serif', margin: '0 0 1rem', color: '#ff8a80' });
    const list = document.createElement('pre');
    list.textContent = errors.join('\n');
    Object.assign(list.style, { whiteSpace: 'pre-wrap', margin: '0' });
    overlay.append(heading, list);
    document.body.append(overlay);
  }
})();
