import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageDir, packageTemplate } from './package-dir.ts';
import { readInput } from './read-input.ts';

/** The largest page shell or style sheet read: a template is a few kilobytes; this is far past any real one. */
export const maxTemplateBytes = 1024 * 1024;

/**
 * A file under `templates/` (`site/page.html`, `pdf/book.css`…): the book's own copy when it has one, file by
 * file, else the tool's. A book's copy is untrusted like the rest of its folder: read through the bounded reader
 * (inside the book folder after symlinks, a regular file, at most 1 MB), so a template linked to a file
 * elsewhere, a FIFO or a huge file fails that format with a message instead of being printed, hanging or
 * filling memory.
 */
export async function readTemplate(root: string, relative: string): Promise<Buffer> {
  const own = path.join(root, 'templates', relative);
  const [file, within] = existsSync(own) ? [own, root] : [packageTemplate(relative), packageDir];
  const read = await readInput(file, { within, maxBytes: maxTemplateBytes });
  if ('bytes' in read) return read.bytes;
  const { problem } = read;
  const shown = path.join('templates', relative);
  const why =
    problem.kind === 'outside'
      ? `it resolves to ${problem.target}, outside the book folder`
      : problem.kind === 'not-a-file'
        ? `it is ${problem.type}, not a file`
        : problem.kind === 'too-large'
          ? `it has ${problem.bytes} bytes, over the ${maxTemplateBytes} a template may have`
          : problem.kind === 'missing'
            ? 'it does not exist'
            : `it cannot be read (${problem.code})`;
  throw new Error(`The book's ${shown} cannot be used: ${why}; replace it with a plain file in the book folder, or remove it to use the tool's own`);
}

/** The same, as text. */
export async function readTemplateText(root: string, relative: string): Promise<string> {
  return (await readTemplate(root, relative)).toString('utf8');
}
