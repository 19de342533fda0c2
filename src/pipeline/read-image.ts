import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';

/** The largest image accepted by default: e-readers choke on bigger, and a book's figures need far less. */
export const defaultMaxImageBytes = 20 * 1024 * 1024;

/** Why an image file could not be read, told in words for a message at the image. */
export type ImageRead = { bytes: Buffer } | { problem: 'not-a-file' | 'too-large'; detail: string };

/**
 * Reads an image of the book, at most `maxBytes`. Opened without blocking (a FIFO would wait forever for
 * a writer), then checked on the open file itself, so a file swapped for a FIFO, a folder or a device
 * after it was found is still refused; read only up to the size it had, plus one byte to see it grow.
 */
export async function readImage(file: string, maxBytes: number): Promise<ImageRead> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { problem: 'not-a-file', detail: stats.isDirectory() ? 'a folder' : 'not a regular file (a FIFO, socket or device)' };
    if (stats.size > maxBytes) return { problem: 'too-large', detail: `${formatMiB(stats.size)}` };
    const buffer = Buffer.alloc(stats.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > stats.size) return { problem: 'too-large', detail: 'growing while it was read' };
    return { bytes: buffer.subarray(0, length) };
  } finally {
    await handle.close();
  }
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * An image's bytes for an output, read with the same bounds, and only if they are still the bytes its name
 * was made from: a file swapped (for a FIFO, or for other content) since the chapter was compiled is an error.
 */
export async function readBookImage(image: { file: string; target: string }): Promise<Buffer> {
  const read = await readImage(image.file, defaultMaxImageBytes);
  if ('problem' in read) throw new Error(`image ${image.file} is ${read.problem === 'too-large' ? `too large (${read.detail})` : read.detail}`);
  if (!path.basename(image.target).startsWith(createHash('sha256').update(read.bytes).digest('hex').slice(0, 16))) {
    throw new Error(`image ${image.file} changed while the book was being built; build again`);
  }
  return image.target.endsWith('.svg') ? publishableSvg(read.bytes) : read.bytes;
}

/**
 * What drawing programs write into an SVG that EPUB's SVG grammar refuses and no reader needs, left out of
 * every output: a DOCTYPE naming the SVG 1.1 DTD (an external identifier; one with declarations of its own
 * never gets here, remark-images refuses it), and a `class` on `<style>` (Excalidraw's `style-fonts`).
 */
function publishableSvg(bytes: Buffer): Buffer {
  const text = bytes.toString('utf8');
  const published = text
    .replace(/<!DOCTYPE\s+svg\b[^>[]*>[ \t]*\r?\n?/i, '')
    .replace(/(<style\b[^>]*?)\s+class\s*=\s*(?:"[^"]*"|'[^']*')/gi, '$1');
  return published === text ? bytes : Buffer.from(published, 'utf8');
}
