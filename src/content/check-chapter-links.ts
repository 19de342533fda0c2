import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import { chapterOutputName } from '../config/chapter-names.ts';
import { nearest } from '../config/nearest.ts';
import { type Lang, languages } from '../config/schema.ts';
import { report, ruleIds } from '../diagnostics.ts';
import type { Chapter } from './compile-chapters.ts';
import { decodeUrl } from '../pipeline/decode-url.ts';

/**
 * Checks every link an author wrote to a chapter (remark-chapter-links recorded them) against the whole
 * book: the chapter must be in `book.yaml`, and its fragment a heading (or other id) of that chapter in
 * the linking file's language. Reported at the link in the Markdown, with the nearest target, so a
 * broken link is found by `check`, not by the output check naming built pages.
 */
export function checkChapterLinks(chapters: readonly Chapter[], root: string): void {
  const byName = new Map(chapters.map((chapter) => [chapter.name, chapter]));
  const byOutput = new Map(chapters.map((chapter) => [chapterOutputName(chapter.name), chapter]));
  for (const chapter of chapters) {
    for (const lang of languages) {
      const file = chapter[lang].file;
      if (file.data.absent) continue;
      for (const link of file.data.chapterLinks ?? []) {
        const place = link.place ? { place: link.place } : {};
        // A page of the site the text was written for, or a Markdown file the book leaves out (a few chapters of
        // a larger work): the reader of the book has no such page, so the words stay and the link goes.
        const leftOut = link.kind === 'source' && !byName.has(link.target) && !link.target.startsWith('..') && existsSync(path.join(root, 'content', lang, `${link.target}.md`));
        if (link.kind === 'elsewhere' || leftOut) {
          const what = leftOut ? `\`content/${lang}/${link.target}.md\`, which \`chapters\` in book.yaml does not list` : 'a page of the site this text was written for, which the book does not have';
          report(file, `Link \`${link.url}\` points to ${what}; its text is printed without the link (list the chapter, or link a web address)`, {
            ruleId: ruleIds.brokenLink,
            severity: 'warning',
            ...place,
          });
          unlink(chapter[lang].tree, link.href);
          continue;
        }
        const target = link.kind === 'source' ? byName.get(link.target) : byOutput.get(link.target);
        if (!target) {
          const candidates = link.kind === 'source' ? relativeNames(chapter.name, chapters, '.md') : [...byOutput.keys()].map((name) => `${name}.html`);
          const written = link.url.split('#')[0]!;
          const match = nearest(written, candidates);
          const where = link.kind === 'source' ? `\`content/${lang}/${link.target}.md\`, which is not a chapter of the book` : `a page no chapter has`;
          report(file, `Link \`${link.url}\` points to ${where}${match ? `; did you mean \`${match}\`?` : '; link to a chapter’s Markdown file listed in `chapters`'}`, {
            ruleId: ruleIds.brokenLink,
            ...place,
          });
          continue;
        }
        if (link.fragment === undefined) continue;
        const { ids, prefix } = targetIds(target, lang);
        if (ids.has(`${prefix}${link.fragment}`)) continue;
        const bare = [...ids].filter((id) => id.startsWith(prefix) && !/-(?:note|noteref|fn)-/.test(id)).map((id) => id.slice(prefix.length));
        const match = nearest(link.fragment, bare);
        const name = target === chapter ? 'this chapter' : `\`${target.name}\``;
        report(file, `Link \`${link.url}\` points to \`#${link.fragment}\`, which no heading of ${name} has${match ? `; did you mean \`#${match}\`?` : ''}`, {
          ruleId: ruleIds.brokenLink,
          ...place,
        });
      }
    }
  }
}

/** Replaces each link to `href` in the tree by its content (the page has it %-encoded: `/ja/文書/` is `/ja/%E6%96%87%E6%9B%B8/`). */
function unlink(tree: Root, href: string): void {
  const wanted = decodeUrl(href);
  visit(tree, 'element', (element, index, parent) => {
    const found = element.properties.href;
    if (element.tagName !== 'a' || typeof found !== 'string' || (found !== href && decodeUrl(found) !== wanted) || !parent || index === undefined) return;
    parent.children.splice(index, 1, ...element.children);
    return index;
  });
}

/** The ids a reader of `lang` finds in the chapter: an untranslated chapter shows its Japanese. */
export function targetIds(chapter: Chapter, lang: Lang): { ids: Set<string>; prefix: string } {
  const shown = lang === 'en' && !chapter.translated ? 'ja' : lang;
  return { ids: treeIds(chapter[shown].tree), prefix: `${shown}-` };
}

/** Every id in the tree. */
export function treeIds(tree: Root): Set<string> {
  const ids = new Set<string>();
  // By hand rather than with unist-util-visit: every warm build walks every chapter's tree for its ids, and
  // skipping text nodes without a call each halves the time.
  const walk = (nodes: Root['children']) => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      if (node.properties.id !== undefined && node.properties.id !== null) ids.add(String(node.properties.id));
      if (node.children.length > 0) walk(node.children);
    }
  };
  walk(tree.children);
  return ids;
}

/** Every chapter as a `.md` path relative to `from`'s folder, as an author would link it. */
function relativeNames(from: string, chapters: readonly Chapter[], extension: string): string[] {
  const dir = path.posix.dirname(from);
  return chapters.map((chapter) => `${path.posix.relative(dir, chapter.name)}${extension}`);
}
