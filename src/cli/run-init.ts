import { existsSync } from 'node:fs';
import path from 'node:path';
import { InitError, initBook } from '../init/init-book.ts';
import type { CliIo } from './io.ts';
import type { CliOptions } from './parse-options.ts';

/** `init [DIR] [--from …]`: a new book folder, then the two commands to run next. */
export async function runInit(options: CliOptions, io: CliIo): Promise<number> {
  const from = fromFolders(options.from.map((folder) => path.resolve(io.cwd, folder)));
  if (typeof from === 'string') {
    io.err(`bilingual-book: ${from}`);
    return 2;
  }
  let result;
  try {
    result = await initBook({ dir: options.dir, today: new Date().toISOString().slice(0, 10), ...(from ? { from } : {}) });
  } catch (error) {
    if (!(error instanceof InitError)) throw error;
    io.err(`bilingual-book: ${error.message}`);
    return 2;
  }
  const shown = path.relative(io.cwd, options.dir);
  io.out(`Made a book in ${shown === '' ? 'this folder' : `${shown}/`}: ${result.written.join(', ')}`);
  for (const note of result.notes) io.err(`note: ${note}`);
  const root = shown === '' ? '' : ` --root ${/^[\w./-]+$/.test(shown) ? shown : JSON.stringify(shown)}`;
  io.out('Next:');
  io.out(`  npx bilingual-book serve${root} --open   # preview the site as you write`);
  io.out(`  npx bilingual-book build${root}          # the site, EPUBs and PDFs, into ${path.join(shown, 'dist')}/`);
  return 0;
}

/** `--from ja/ --from en/`, or one `--from` folder holding `ja/` and `en/`; a string says what is wrong. */
function fromFolders(folders: string[]): { ja: string; en: string } | string | undefined {
  if (folders.length === 0) return undefined;
  if (folders.length === 2) return { ja: folders[0]!, en: folders[1]! };
  const [folder] = folders as [string];
  if (existsSync(path.join(folder, 'ja')) && existsSync(path.join(folder, 'en'))) return { ja: path.join(folder, 'ja'), en: path.join(folder, 'en') };
  return `--from ${folder} holds no ja/ and en/ folders; give both folders, the Japanese first: --from ja/ --from en/`;
}
