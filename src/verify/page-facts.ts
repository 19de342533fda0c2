import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';

/**
 * What the site's output check needs from one page, read in a single walk of its tree: a pure function
 * of the page's HTML, so it can be kept between builds (see summary-cache.ts) and the check of an
 * unchanged page costs a hash, not a parse.
 */
export interface PageFacts {
  /** `<html lang>`. */
  lang: string;
  /** Every other `lang` inside `<main>`: the languages the page shows. */
  mainLangs: string[];
  /** The text of the first `.disclosure` in a `<header>` that is a child of `<body>`, spaces collapsed. */
  disclosure: string;
  ids: string[];
  /** The targets of `a[href]`, `link[href]` and `img[src]`, in document order. */
  links: string[];
  /** Reasons the page is unsafe (an inline script, an event handler, a remote resource, a weak policy). */
  unsafe: string[];
}

export function pageFacts(tree: Root): PageFacts {
  const facts: PageFacts = { lang: 'ja', mainLangs: [], disclosure: '', ids: [], links: [], unsafe: [] };
  let policy = '';
  // Kept apart and joined at the end, so the reasons come grouped by kind, in document order within each.
  const inline: string[] = [];
  const handlers: string[] = [];
  const remote: string[] = [];
  let disclosureFound = false;
  const walk = (element: Element, parent: Element | undefined, inMain: boolean, inBodyHeader: boolean) => {
    const { tagName, properties } = element;
    if (tagName === 'html') facts.lang = String(properties.lang ?? 'ja');
    if (inMain && properties.lang !== undefined) facts.mainLangs.push(String(properties.lang));
    if (properties.id !== undefined) facts.ids.push(String(properties.id));
    if (inBodyHeader && !disclosureFound && hasClass(element, 'disclosure')) {
      disclosureFound = true;
      facts.disclosure = toString(element).replace(/\s+/g, ' ');
    }
    const href = properties.href;
    const src = properties.src;
    if ((tagName === 'a' || tagName === 'link') && href !== undefined && href !== null) facts.links.push(String(href));
    if (tagName === 'img' && src !== undefined && src !== null) facts.links.push(String(src));
    if (tagName === 'meta' && !policy && [properties.httpEquiv].flat().join(' ') === 'Content-Security-Policy') policy = String(properties.content ?? '');
    if (tagName === 'script' && src === undefined) inline.push('an inline <script> would run');
    const handler = Object.keys(properties).find((name) => /^on[a-z]/i.test(name));
    if (handler) handlers.push(`an event handler \`${handler}\` on <${tagName}>`);
    const loads = (tagName === 'link' && href !== undefined) || ((tagName === 'script' || tagName === 'img') && src !== undefined) || ['iframe', 'object', 'embed'].includes(tagName);
    const target = String(href ?? src ?? '');
    if (loads && (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(target) || ['iframe', 'object', 'embed'].includes(tagName))) {
      remote.push(`<${tagName}> loads \`${target}\` from elsewhere; pages load only their own files`);
    }
    const headerHere = inBodyHeader || (tagName === 'header' && parent?.tagName === 'body');
    for (const child of element.children) {
      if (child.type === 'element') walk(child, element, inMain || tagName === 'main', headerHere);
    }
  };
  for (const child of tree.children) if (child.type === 'element') walk(child, undefined, false, false);
  if (!/script-src 'self'/.test(policy) || /unsafe-inline|unsafe-eval/.test(policy)) {
    facts.unsafe.push('the Content-Security-Policy must allow scripts from the site itself only');
  }
  facts.unsafe.push(...inline, ...handlers, ...remote);
  return facts;
}

export function hasClass(element: Element, name: string): boolean {
  const classes = element.properties.className;
  return Array.isArray(classes) && classes.includes(name);
}
