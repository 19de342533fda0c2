import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chapterNameProblem } from '../config/chapter-names.ts';
import { yamlString } from './starter-book.ts';

export interface FoundChapters {
  /** `book.yaml`'s chapter entries, in file order. */
  entries: string[];
  /** One line each about what the author should look at: a file with no title, one with no translation. */
  notes: string[];
}

/** A folder's own page comes first among its files, as a documentation site shows it. */
const folderPages = new Set(['index', '_index', 'readme']);

/**
 * The chapters of an existing book: every `.md` file under `jaDir` in file order (folder by folder, a
 * folder's index page first; numbers in names sort as numbers, so `2-x` comes before `10-x`). A file with
 * no `#` heading and no front-matter `title` is listed with its name as a title to replace.
 */
export async function existingChapters(jaDir: string, enDir: string): Promise<FoundChapters> {
  const names = await markdownNames(jaDir);
  const english = new Set(await markdownNames(enDir));
  const entries: string[] = [];
  const notes: string[] = [];
  for (const name of names) {
    const problem = chapterNameProblem(name);
    if (problem) {
      notes.push(`Left out ${name}.md: its name ${problem}`);
      continue;
    }
    if (!english.has(name)) notes.push(`${name}.md has no English file yet: the English editions show its Japanese, marked untranslated`);
    const ja = await readFile(path.join(jaDir, `${name}.md`), 'utf8');
    if (hasTitle(ja)) {
      entries.push(name);
      continue;
    }
    // The file's name, not a heading further down: that is a section's (`# 問題` in every exercise).
    const title = titleOf(name);
    entries.push(`{ file: ${yamlString(name)}, title: { ja: ${yamlString(title)}, en: ${yamlString(title)} } }`);
    notes.push(`${name}.md does not open with a # heading: book.yaml gives it the title "${title}"; change it there`);
  }
  for (const name of english) if (!names.includes(name)) notes.push(`Left out en/${name}.md: there is no ja/${name}.md it translates`);
  return { entries, notes };
}

/** Paths of the `.md` files under `dir`, without `.md`, with `/` between folders, in file order. */
async function markdownNames(dir: string): Promise<string[]> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && /\.md$/i.test(entry.name))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep))
    .filter((parts) => !parts.some((part) => part.startsWith('.') || part === 'node_modules'));
  return files.sort(compareParts).map((parts) => parts.join('/').replace(/\.md$/i, ''));
}

const collator = new Intl.Collator('en', { numeric: true });

function compareParts(a: string[], b: string[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    if (a[index] === b[index]) continue;
    // A file and a folder at the same level: the folder's own index page first, then in name order.
    const [aFile, bFile] = [index === a.length - 1, index === b.length - 1];
    const [aPage, bPage] = [aFile && folderPages.has(stem(a[index]!)), bFile && folderPages.has(stem(b[index]!))];
    if (aPage !== bPage) return aPage ? -1 : 1;
    return collator.compare(stem(a[index]!), stem(b[index]!));
  }
  return a.length - b.length;
}

const stem = (name: string): string => name.replace(/\.md$/i, '').toLowerCase();

/** Whether the chapter names its title as the loader reads it: front matter's `title`, or a `#` heading first. */
function hasTitle(markdown: string): boolean {
  const { body, frontMatter } = splitFrontMatter(markdown);
  if (/^title\s*:\s*\S/m.test(frontMatter)) return true;
  const first = body.split('\n').find((line) => line.trim() !== '' && !/^\s*(?:-{3,}|\*{3,}|<!--.*-->)\s*$/.test(line));
  return first !== undefined && /^ {0,3}# /.test(first);
}

/** `part-1/arrow_function` → `Arrow function`: a placeholder the author replaces. */
function titleOf(name: string): string {
  const words = name.split('/').at(-1)!.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function splitFrontMatter(markdown: string): { frontMatter: string; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(markdown);
  return match ? { frontMatter: match[1]!, body: markdown.slice(match[0].length) } : { frontMatter: '', body: markdown };
}
