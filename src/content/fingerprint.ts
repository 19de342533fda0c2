import { createHash } from 'node:crypto';
import type { RootContent } from 'mdast';
import type { VFile } from 'vfile';

/** A block's Markdown as written, white space folded: what a translator translated. */
export function blockSource(file: VFile, node: RootContent): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return '';
  return String(file.value).slice(start, end).replace(/\s+/g, ' ').trim();
}

/** A short content hash of a block; the lock file records one per translated block. */
export function fingerprint(source: string): string {
  return createHash('sha256').update(source).digest('hex').slice(0, 12);
}
