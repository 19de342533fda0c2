/**
 * Whether a URL written in an output stays on the site (or in the EPUB). Decided by the WHATWG URL parser,
 * the one browsers use, so every spelling a browser accepts (`HTTPS:`, `//host`, `\\host`, tabs or
 * spaces inside the scheme) is judged as the browser would load it, not as a pattern guesses.
 */
const ownBase = 'https://own.invalid/a/b/page.html';

export function isOwnReference(value: string): boolean {
  try {
    return new URL(value, ownBase).origin === new URL(ownBase).origin;
  } catch {
    // Unparsable: a browser would not load it either, but nothing of ours writes one.
    return false;
  }
}

/** The URLs of a `srcset` (or `imagesrcset`): each candidate's first token. */
export function srcsetUrls(value: string): string[] {
  return value
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter((url) => url !== '');
}

/**
 * Attributes whose value a browser or reader fetches or follows, lower-cased (hast's `srcSet`, `xLinkHref`
 * and XML's `srcset`, `xlink:href` alike): every one must stay on the site, except a link's own target
 * (`a[href]`, `area[href]`), which the reader chooses to follow.
 */
const urlAttributes = new Set([
  'href', 'src', 'srcset', 'imagesrcset', 'poster', 'data', 'action', 'formaction', 'cite', 'background', 'longdesc',
  'manifest', 'ping', 'xlinkhref', 'xlink:href', 'codebase', 'archive', 'icon', 'profile', 'usemap', 'itemtype',
]);

/** The URLs an attribute holds: none when it is not a URL attribute, several for `srcset` or `ping`. */
export function attributeUrls(name: string, value: unknown): string[] {
  const key = name.toLowerCase();
  if (!urlAttributes.has(key) || value === undefined || value === null || value === false) return [];
  const text = Array.isArray(value) ? value.join(' ') : String(value);
  if (key === 'srcset' || key === 'imagesrcset') return srcsetUrls(text);
  if (key === 'ping' || key === 'archive') return text.split(/\s+/).filter(Boolean);
  return [text];
}
