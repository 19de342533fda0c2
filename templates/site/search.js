// bilingual-book: the search page. The index (assets/search-<edition>.js) holds every block of the edition
// in its real language; a query matches where its text occurs, so a Japanese compound (情報処理安全確保支援士)
// is found whole and part of a word (支援士, キュリティ) is found too, with no word list to miss it.
// Intl.Segmenter ranks hits that are whole words above hits inside a longer word.
const index = self.bookSearchIndex;
const form = document.querySelector('.search');
const input = document.getElementById('search-input');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const limit = 50;

const fold = (value) => {
  const folded = value.normalize('NFKC').toLowerCase();
  return folded.length === value.normalize('NFKC').length ? folded : value.normalize('NFKC');
};
const segmenters = new Map();
const segmenter = (lang) => {
  if (!segmenters.has(lang)) segmenters.set(lang, new Intl.Segmenter(lang, { granularity: 'word' }));
  return segmenters.get(lang);
};
const blocks = index.blocks.map(([page, section, heading, lang, text, otherLang, otherText, otherHref]) => ({
  page: index.pages[page],
  section,
  heading,
  lang,
  text,
  folded: fold(text),
  isHeading: text === heading,
  other: otherLang ? { lang: otherLang, text: otherText, href: otherHref } : undefined,
}));

/** Where each term occurs in `folded`, or undefined when one term does not. */
function find(folded, terms) {
  const hits = [];
  for (const term of terms) {
    let at = folded.indexOf(term);
    if (at < 0) return undefined;
    while (at >= 0) {
      hits.push([at, at + term.length]);
      at = folded.indexOf(term, at + term.length);
    }
  }
  return hits.sort((a, b) => a[0] - b[0]);
}

function score(block, hits) {
  const words = segmenter(block.lang).segment(block.folded);
  let total = block.isHeading ? 20 : 0;
  for (const [start, end] of hits) {
    const first = words.containing(start);
    const last = words.containing(end - 1);
    const whole = first.index === start && last.index + last.segment.length === end;
    total += whole ? 3 : 1;
  }
  return total;
}

/** A snippet of `text` around its first hit, the hits marked. */
function snippet(text, hits, length = 120) {
  const [first] = hits;
  const start = Math.max(0, (first ? first[0] : 0) - 30);
  const end = Math.min(text.length, start + length);
  const fragment = document.createDocumentFragment();
  if (start > 0) fragment.append('…');
  let at = start;
  for (const [from, to] of hits) {
    if (from < at || from >= end) continue;
    fragment.append(text.slice(at, from));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(from, Math.min(to, end));
    fragment.append(mark);
    at = Math.min(to, end);
  }
  fragment.append(text.slice(at, end));
  if (end < text.length) fragment.append('…');
  return fragment;
}

function render(query) {
  const terms = fold(query).split(/\s+/).filter(Boolean);
  list.replaceChildren();
  if (terms.length === 0) return;
  const found = [];
  for (const block of blocks) {
    const hits = find(block.folded, terms);
    if (hits) found.push({ block, hits, score: score(block, hits) });
  }
  found.sort((a, b) => b.score - a.score);
  status.textContent = found.length === 0 ? status.dataset.empty : status.dataset.count.replace('{count}', String(found.length));
  for (const { block, hits } of found.slice(0, limit)) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `../${index.edition}/${block.page[0]}${block.section ? `#${encodeURIComponent(block.section)}` : ''}`;
    link.className = 'search-hit-title';
    link.textContent = block.heading && block.heading !== block.page[1] ? `${block.page[1]} › ${block.heading}` : block.page[1];
    const text = document.createElement('p');
    text.className = 'search-hit-text';
    if (block.lang !== index.lang) text.lang = block.lang;
    text.append(snippet(block.text, hits));
    item.append(link, text);
    if (block.other) {
      const other = document.createElement('p');
      other.className = 'search-hit-other';
      const label = document.createElement('span');
      label.className = 'search-other-label';
      label.textContent = `${status.dataset.other}: `;
      const otherLink = document.createElement('a');
      otherLink.href = block.other.href;
      otherLink.lang = block.other.lang;
      otherLink.hreflang = block.other.lang;
      otherLink.textContent = block.other.text.length > 140 ? `${block.other.text.slice(0, 140)}…` : block.other.text;
      other.append(label, otherLink);
      item.append(other);
    }
    list.append(item);
  }
}

if (index && form && input) {
  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      render(input.value);
      const url = new URL(location.href);
      if (input.value) url.searchParams.set('q', input.value);
      else url.searchParams.delete('q');
      history.replaceState(null, '', url);
    }, 120);
  });
  const query = new URL(location.href).searchParams.get('q');
  if (query) {
    input.value = query;
    render(query);
  }
}
