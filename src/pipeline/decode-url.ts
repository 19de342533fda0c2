/** A URL's part with its %-escapes decoded (`%E7%AF%80` → `節`), or as written when an escape is malformed. */
export function decodeUrlComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A whole URL decoded as `decodeURI` does (reserved characters stay escaped), or as written when malformed. */
export function decodeUrl(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}
