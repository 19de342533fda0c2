import { parsableAuthority } from '../../config/web-host.ts';

/**
 * Attributes EPUB 3's XHTML schema refuses (HTML5's obsolete presentational ones), by element; `*` for
 * any element. EPUBCheck fails a book for each; Markdown or raw HTML can bring some (`align` from GFM
 * table alignment), so the build's own check looks for all of them. Change this list when EPUBCheck's
 * schema does.
 */
const refusedAttributes: Record<string, string[]> = {
  '*': ['align', 'valign', 'bgcolor', 'background', 'nowrap', 'char', 'charoff', 'hspace', 'vspace', 'clear', 'compact', 'frame', 'rules', 'cellpadding', 'cellspacing', 'language', 'noshade', 'link', 'vlink', 'alink', 'text'],
  td: ['width', 'height', 'scope', 'axis', 'abbr'],
  th: ['width', 'height', 'axis'],
  table: ['width', 'summary'],
  col: ['width'],
  hr: ['size', 'width'],
  ul: ['type'],
  a: ['name', 'charset', 'rev', 'shape', 'coords'],
  img: ['border', 'longdesc', 'name'],
};

/** Elements EPUB 3's XHTML schema does not know. */
const refusedElements = new Set(['acronym', 'applet', 'basefont', 'big', 'blink', 'center', 'dir', 'font', 'frame', 'frameset', 'isindex', 'marquee', 'nobr', 'noframes', 'strike', 'tt', 'xmp']);

/**
 * What EPUBCheck would report as invalid in one XHTML file of ours, beyond well-formedness: refused
 * elements and attributes, an `img` without `src`, an id used twice, a web link whose host cannot be
 * parsed. Fed each element as a streaming parser opens it; each problem is one line naming the element.
 */
export function epubMarkupChecker(): { element(tagName: string, attributes: Record<string, string>): void; problems: string[] } {
  const problems: string[] = [];
  const ids = new Set<string>();
  return {
    problems,
    element(name, attributes) {
      const tagName = name.toLowerCase();
      if (refusedElements.has(tagName)) problems.push(`<${tagName}> is not allowed in EPUB 3`);
      const refused = [...(refusedAttributes['*'] ?? []), ...(refusedAttributes[tagName] ?? [])];
      for (const key of Object.keys(attributes)) {
        const attribute = key.toLowerCase();
        if (refused.includes(attribute)) problems.push(`<${tagName} ${attribute}> is not allowed in EPUB 3`);
      }
      if (tagName === 'img' && !attributes.src) problems.push('<img> has no `src`');
      const id = attributes.id;
      if (id !== undefined) {
        if (ids.has(id)) problems.push(`id \`${id}\` is used twice`);
        ids.add(id);
      }
      const href = tagName === 'a' ? (attributes.href ?? '') : '';
      const host = /^https?:\/\/([^/?#]*)/i.exec(href)?.[1];
      if (host !== undefined && !parsableAuthority.test(host)) problems.push(`link \`${href}\` has a host that cannot be parsed`);
    },
  };
}
