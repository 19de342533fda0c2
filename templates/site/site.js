// bilingual-book: the site's small behaviours. Every page works without it; it adds the color-scheme
// toggle and marks, in the contents sidebar, the section being read.
const root = document.documentElement;
const dark = window.matchMedia('(prefers-color-scheme: dark)');

function isDark() {
  return root.dataset.theme ? root.dataset.theme === 'dark' : dark.matches;
}

for (const button of document.querySelectorAll('.theme-toggle')) {
  button.hidden = false;
  button.setAttribute('aria-pressed', String(isDark()));
  button.addEventListener('click', () => {
    const theme = isDark() ? 'light' : 'dark';
    root.dataset.theme = theme;
    try {
      localStorage.setItem('bilingual-book-theme', theme);
    } catch {
      // Not remembered: the choice holds for this page only.
    }
    button.setAttribute('aria-pressed', String(theme === 'dark'));
  });
}

// The section being read: the last heading above the top third of the window.
const links = new Map();
for (const link of document.querySelectorAll('.sidebar-sections a[href^="#"]')) {
  const target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
  if (target) links.set(target, link);
}
function markCurrent() {
  let current;
  for (const heading of links.keys()) {
    if (heading.getBoundingClientRect().top <= window.innerHeight / 3) current = heading;
  }
  if (current === undefined && links.size > 0) current = links.keys().next().value;
  for (const [heading, link] of links) {
    if (heading === current) link.setAttribute('aria-current', 'location');
    else link.removeAttribute('aria-current');
  }
}
if (links.size > 0) {
  let pending = false;
  window.addEventListener('scroll', () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      markCurrent();
    });
  }, { passive: true });
  window.addEventListener('hashchange', markCurrent);
  markCurrent();
}

// The contents are open beside the text on a wide screen and one closed line on a phone (style.css's 64rem).
const wide = window.matchMedia('(min-width: 64rem)');
for (const details of document.querySelectorAll('.sidebar-details')) {
  details.open = wide.matches;
  wide.addEventListener('change', () => {
    details.open = wide.matches;
  });
}
