// bilingual-book: applies the reader's remembered color scheme before the page is drawn, so a dark
// choice never flashes light. Without a choice the page follows prefers-color-scheme (style.css).
try {
  const theme = localStorage.getItem('bilingual-book-theme');
  if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
} catch {
  // Storage refused (a private window, a file:// page in some browsers): the system's scheme serves.
}
