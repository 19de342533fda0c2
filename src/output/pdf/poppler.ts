import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PdfRenderError } from './error.ts';

const run = promisify(execFile);

/**
 * Runs one of poppler's command-line tools and returns what it printed. Printing reads the pages back with
 * `pdfinfo` to number the contents, and the output check reads them with `pdftotext`.
 */
export async function poppler(tool: 'pdfinfo' | 'pdftotext' | 'pdffonts' | 'pdftoppm', args: string[]): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const { code, stderr, message } = error as NodeJS.ErrnoException & { stderr?: string };
    if (code === 'ENOENT') {
      throw new PdfRenderError(`\`${tool}\` was not found: the PDF output needs poppler's tools; install them with \`apt-get install -y poppler-utils\``);
    }
    throw new PdfRenderError(`\`${tool} ${args.join(' ')}\` failed: ${(stderr ?? '').trim() || message}`);
  }
}
