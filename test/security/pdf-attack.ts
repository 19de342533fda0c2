import { cp } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from '../../src/output/site/verify.ts';
import { repoRoot } from '../helpers.ts';
import type { Attack } from './attack.ts';

/** What the PDF's security tests share besides the harness: a book with its own PDF templates, and where a build wrote. */

/** Gives the attack's book a copy of the tool's `templates/pdf/`, for the attacker to change. */
export async function withPdfTemplates(attack: Attack): Promise<void> {
  await cp(path.join(repoRoot, 'templates/pdf'), path.join(attack.root, 'templates/pdf'), { recursive: true });
}

/** Every file beside the book, the secret and the output folder: a build must write nothing there. */
export async function writtenOutside(attack: Attack): Promise<string[]> {
  const written = await listFiles(path.dirname(attack.out));
  return written.filter((file) => !file.startsWith('dist/') && !file.startsWith('book/') && file !== 'secret.txt');
}
