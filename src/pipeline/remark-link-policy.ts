import type { Root } from 'mdast';
import type { Point, Position } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { asciiWebAddress } from '../config/web-host.ts';
import { report, ruleIds } from '../diagnostics.ts';
import { rewriteRawLinks } from './raw-links.ts';

/** Link targets kept: web and mail addresses, and relative ones. rehype-sanitize enforces the same. */
const safe = /^(?:https?:|mailto:|[^:]*$|[^:]*[/?#])/i;

/**
 * Reports each link (Markdown or raw `<a href>`) whose target would run code or embed data
 * (`javascript:`, `data:`…), which the sanitizer removes, or that no output could carry (a malformed
 * `%` escape, a host EPUB cannot parse). An internationalized host is written in ASCII (punycode), as
 * readers and the EPUB check need it.
 */
export function remarkLinkPolicy() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node) => {
      if (node.type === 'link' || node.type === 'definition') node.url = checkedUrl(node.url, node.position, file, false);
      else if (node.type === 'html') rewriteRawLinks(node, file, ({ url, place }) => checkedUrl(url, place, file, true));
    });
  };
}

/** `raw`: remark-raw-html already warns about a raw tag's script or data URL. */
function checkedUrl(url: string, position: Position | Point | undefined, file: VFile, raw: boolean): string {
  const shown = url.length > 40 ? `${url.slice(0, 40)}…` : url;
  const place = position ? { place: position } : {};
  if (!decodable(url)) {
    // Every later stage that follows the link would fail on it: stop here, where the author can fix it.
    report(file, `Link \`${shown}\` has a malformed \`%\` escape; write \`%25\` for a percent sign, or a whole UTF-8 escape such as \`%E3%81%82\``, {
      ruleId: ruleIds.unsafeUrl,
      ...place,
    });
    return url;
  }
  if (!safe.test(url.trim())) {
    if (raw) return url;
    report(file, `Link \`${shown}\` is removed: only http, https, mailto and relative links are kept`, { ruleId: ruleIds.unsafeUrl, severity: 'warning', ...place });
    return url;
  }
  const ascii = asciiWebAddress(url.trim());
  if (ascii.problem) report(file, `Link \`${shown}\` cannot be carried by an EPUB: ${ascii.problem}; correct the address`, { ruleId: ruleIds.unsafeUrl, ...place });
  return ascii.problem || ascii.url === url.trim() ? url : ascii.url;
}

function decodable(url: string): boolean {
  try {
    decodeURI(url);
    return true;
  } catch {
    return false;
  }
}
