import type { Root, Text } from 'mdast';
import remarkSmartypants from 'remark-smartypants';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * English typography from the Markdown's typewriter marks: curly quotes and apostrophes (`"…"` → “…”,
 * `it's` → it’s), `--` → en dash, `---` → em dash, `...` → ellipsis, by remark-smartypants. Code is never
 * touched (it is not text), and neither is a link that shows its own address (a bare URL, `<https://…>`): to
 * remark-smartypants those look like text, so they are hidden from it as inline code, which it reads for context
 * but never changes. The processor uses it for English only: Japanese has its own marks, and `"` in a Japanese
 * source is what its author meant.
 */
export function remarkSmartQuotes(this: Processor) {
  // "oldschool" gives both dashes, as Markdown writers type them: `--` en, `---` em.
  const smarten = (remarkSmartypants as unknown as (options: object) => (tree: Root) => void).call(this, { dashes: 'oldschool' });
  return (tree: Root) => {
    const addresses: Text[] = [];
    visit(tree, 'link', (link) => {
      for (const child of link.children) {
        if (child.type === 'text' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(child.value.trim())) addresses.push(child);
      }
    });
    for (const text of addresses) (text as { type: string }).type = 'inlineCode';
    smarten(tree);
    for (const text of addresses) (text as { type: string }).type = 'text';
  };
}
