import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Diagnostics, messageFile, report, ruleIds } from '../diagnostics.ts';
import { packageTemplate } from './package-dir.ts';
import { readInput } from './read-input.ts';
import { maxTemplateBytes } from './read-template.ts';

/**
 * The EPUB package, navigation and chapter templates are EJS, which is JavaScript: a book's own copy
 * would run as the building user. The book folder is not trusted, so only the tool's EJS runs, and a book
 * may override the e-reader stylesheet (`templates/epub/style.css`) alone. Each EJS file a book brings is
 * reported where its first code tag is; a byte-for-byte copy of the tool's own changes nothing and is not.
 */
export async function checkBookTemplates(root: string, diagnostics: Diagnostics): Promise<void> {
  const dir = path.join(root, 'templates', 'epub');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.ejs')).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    // Never run, only compared with ours and reported: read within bounds (a FIFO must not hang the build).
    const read = await readInput(file, { within: root, maxBytes: maxTemplateBytes });
    const text = 'bytes' in read ? read.bytes.toString('utf8') : '';
    const own = await readFile(packageTemplate(`epub/${name}`), 'utf8').catch(() => undefined);
    if (text === own) continue;
    const vfile = messageFile(file);
    const at = Math.max(0, text.indexOf('<%'));
    const before = text.slice(0, at).split('\n');
    const place = { line: before.length, column: before.at(-1)!.length + 1 };
    report(
      vfile,
      `A book's EJS template is never run (EJS executes code at build time); ${own === undefined ? 'this file is not one the tool uses' : `the tool's own ${name} was used`}. Remove templates/epub/${name}: a book may override only templates/epub/style.css`,
      { place, ruleId: ruleIds.unsafeTemplate, severity: 'warning' },
    );
    diagnostics.add(vfile);
  }
}
