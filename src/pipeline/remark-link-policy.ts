import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';

/** Link targets kept: web and mail addresses, and relative ones. rehype-sanitize enforces the same. */
const safe = /^(?:https?:|mailto:|[^:]*$|[^:]*[/?#])/i;

/** Reports each link whose target would run code or embed data (`javascript:`, `data:`…); the sanitizer removes it. */
export function remarkLinkPolicy() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node) => {
      if (node.type !== 'link' && node.type !== 'definition') return;
      const shown = node.url.length > 40 ? `${node.url.slice(0, 40)}…` : node.url;
      if (!decodable(node.url)) {
        // Every later stage that follows the link would fail on it: stop here, where the author can fix it.
        report(file, `Link \`${shown}\` has a malformed \`%\` escape; write \`%25\` for a percent sign, or a whole UTF-8 escape such as \`%E3%81%82\``, {
          ruleId: ruleIds.unsafeUrl,
          ...(node.position ? { place: node.position } : {}),
        });
        return;
      }
      if (safe.test(node.url.trim())) return;
      report(file, `Link \`${shown}\` is removed: only http, https, mailto and relative links are kept`, {
        ruleId: ruleIds.unsafeUrl,
        severity: 'warning',
        ...(node.position ? { place: node.position } : {}),
      });
    });
  };
}

function decodable(url: string): boolean {
  try {
    decodeURI(url);
    return true;
  } catch {
    return false;
  }
}
