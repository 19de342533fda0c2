import { cp, mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packageDir } from '../config/package-dir.ts';
import { existingChapters } from './existing-chapters.ts';
import { bookYaml, citationsYaml, gitignore, starterChapter, type StarterOptions } from './starter-book.ts';

export interface InitOptions {
  /** The book folder to make (it may exist, but must not hold `content/`). */
  dir: string;
  /** Existing folders of Markdown to start from, the Japanese and its English; else a one-chapter sample. */
  from?: { ja: string; en: string };
  /** Today, `YYYY-MM-DD`. */
  today: string;
}

export interface InitResult {
  /** The files written, relative to `dir`. */
  written: string[];
  /** What the author should look at (see `existingChapters`); `.gitignore` when one was there already. */
  notes: string[];
}

/** A reason `init` cannot go on, for the CLI to print as it is. */
export class InitError extends Error {
  override name = 'InitError';
}

/**
 * Writes a book folder that builds at once: `content/book.yaml`, `content/citations.yaml`, the chapters
 * (a sample, or copies of `from`'s folders) and a `.gitignore`. Never overwrites: a folder that already
 * holds `content/` is refused before anything is written.
 */
export async function initBook({ dir, from, today }: InitOptions): Promise<InitResult> {
  const content = path.join(dir, 'content');
  if (await exists(content)) throw new InitError(`${content} already exists: bilingual-book init never overwrites a book; choose a new folder`);
  if (from) {
    for (const folder of [from.ja, from.en]) {
      if (!(await stat(folder).catch(() => undefined))?.isDirectory()) throw new InitError(`--from ${folder} is not a folder; give the folder of Japanese chapters and the folder of their English`);
    }
  }
  const found = from ? await existingChapters(from.ja, from.en) : { entries: [starterChapter.name], notes: [] };
  if (found.entries.length === 0) throw new InitError(`${from!.ja} holds no .md file: give the folder of the Japanese chapters`);

  const id = bookId(path.basename(path.resolve(dir)));
  const relativeSchema = (name: string) => path.relative(content, path.join(packageDir, 'lib', 'schema', name)).split(path.sep).join('/');
  const options: StarterOptions = {
    id,
    title: from ? { ja: id, en: id } : { ja: 'はじめての本', en: 'My First Book' },
    chapters: found.entries,
    today,
    schemas: { book: relativeSchema('book.schema.json'), citations: relativeSchema('citations.schema.json') },
  };
  const written: string[] = [];
  const notes = [...found.notes];
  const write = async (relative: string, text: string) => {
    await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
    // `wx`: a file that appeared meanwhile is still not overwritten.
    await writeFile(path.join(dir, relative), text, { flag: 'wx' });
    written.push(relative);
  };
  await mkdir(content, { recursive: true });
  await write('content/book.yaml', bookYaml(options));
  if (from) {
    await cp(from.ja, path.join(content, 'ja'), { recursive: true, errorOnExist: true, force: false });
    await cp(from.en, path.join(content, 'en'), { recursive: true, errorOnExist: true, force: false });
    written.push('content/ja/', 'content/en/');
  } else {
    await write('content/citations.yaml', citationsYaml(options));
    await write(`content/ja/${starterChapter.name}.md`, starterChapter.ja);
    await write(`content/en/${starterChapter.name}.md`, starterChapter.en);
  }
  if (await exists(path.join(dir, '.gitignore'))) notes.push('.gitignore was there already, and is left as it was: add dist/ and .cache/ to it');
  else await write('.gitignore', gitignore);
  return { written, notes };
}

/** A folder's name as a book id: lowercase letters, digits and hyphens. */
function bookId(name: string): string {
  const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return id === '' ? 'my-book' : id;
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}
