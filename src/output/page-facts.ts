import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { foreignCssReferences } from '../pipeline/css-references.ts';
import { attributeUrls, isOwnReference } from '../pipeline/references.ts';
import { policyDifference } from './site-policy.ts';

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

const embedding = new Set(['iframe', 'object', 'embed', 'frame', 'frameset', 'portal', 'applet']);
/** `http-equiv` values a page may carry; any other (`refresh`, `set-cookie`, a second policy) is refused. */
const allowedHttpEquiv = new Set(['content-security-policy', 'content-type', 'x-ua-compatible']);

export function pageFacts(tree: Root): PageFacts {
  const facts: PageFacts = { lang: 'ja', mainLangs: [], disclosure: '', ids: [], links: [], unsafe: [] };
  const policies: Array<{ content: string; inHead: boolean; afterLoads: boolean }> = [];
  let loadsSeen = false;
  // Kept apart and joined at the end, so the reasons come grouped by kind, in document order within each.
  const inline: string[] = [];
  const handlers: string[] = [];
  const remote: string[] = [];
  const refused: string[] = [];
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
    const httpEquiv = [properties.httpEquiv].flat().join(' ').toLowerCase();
    if (tagName === 'meta' && httpEquiv === 'content-security-policy') {
      policies.push({ content: String(properties.content ?? ''), inHead: parent?.tagName === 'head', afterLoads: loadsSeen });
    } else if (tagName === 'meta' && httpEquiv !== '' && !allowedHttpEquiv.has(httpEquiv)) {
      refused.push(`<meta http-equiv="${httpEquiv}">${httpEquiv === 'refresh' ? ' would send the reader elsewhere' : ' is not one a page of ours carries'}`);
    }
    if (tagName === 'base') refused.push('<base> would change where every relative link and resource points');
    if (tagName === 'script' && src === undefined) inline.push('an inline <script> would run');
    if (['link', 'script', 'style', 'img'].includes(tagName)) loadsSeen = true;
    const handler = Object.keys(properties).find((name) => /^on[a-z]/i.test(name));
    if (handler) handlers.push(`an event handler \`${handler}\` on <${tagName}>`);
    if (embedding.has(tagName)) remote.push(`<${tagName}> loads \`${String(href ?? src ?? properties.data ?? '')}\` from elsewhere; pages load only their own files`);
    for (const [name, value] of Object.entries(properties)) {
      // A link's own target is the reader's to follow; everything else a browser fetches by itself.
      // So is `<link rel=alternate>` (the same page in another language), which no browser fetches.
      if (name === 'href' && (tagName === 'a' || tagName === 'area' || (tagName === 'link' && [properties.rel].flat().join(' ') === 'alternate'))) continue;
      for (const url of attributeUrls(name, value)) {
        if (!isOwnReference(url)) remote.push(`<${tagName}> loads \`${url}\` from elsewhere; pages load only their own files`);
      }
    }
    if (typeof properties.style === 'string') {
      for (const found of foreignCssReferences(properties.style)) remote.push(`<${tagName} style> loads \`${found.url}\` from elsewhere; pages load only their own files`);
    }
    if (tagName === 'style') {
      for (const found of foreignCssReferences(toString(element))) remote.push(`<style> ${found.kind} loads \`${found.url}\` from elsewhere; pages load only their own files`);
    }
    const headerHere = inBodyHeader || (tagName === 'header' && parent?.tagName === 'body');
    for (const child of element.children) {
      if (child.type === 'element') walk(child, element, inMain || tagName === 'main', headerHere);
    }
  };
  for (const child of tree.children) if (child.type === 'element') walk(child, undefined, false, false);
  facts.unsafe.push(...policyProblems(policies), ...refused, ...inline, ...handlers, ...remote);
  return facts;
}

/** One policy, as a child of `<head>` before anything it governs is loaded, and exactly ours. */
function policyProblems(policies: Array<{ content: string; inHead: boolean; afterLoads: boolean }>): string[] {
  const [policy, ...more] = policies.filter((candidate) => candidate.inHead);
  const problems: string[] = [];
  if (policies.some((candidate) => !candidate.inHead)) problems.push('a Content-Security-Policy outside <head>, which browsers ignore');
  if (!policy) return [...problems, 'the page has no Content-Security-Policy in <head>; it must carry the site\'s own'];
  if (more.length > 0) problems.push('more than one Content-Security-Policy in <head>; it must carry the site\'s own, once');
  if (policy.afterLoads) problems.push('the Content-Security-Policy comes after a style sheet, script or image it should govern; put it first in <head>');
  const difference = policyDifference(policy.content);
  if (difference) problems.push(`the Content-Security-Policy is not the site's own: ${difference}`);
  return problems;
}

export function hasClass(element: Element, name: string): boolean {
  const classes = element.properties.className;
  return Array.isArray(classes) && classes.includes(name);
}
