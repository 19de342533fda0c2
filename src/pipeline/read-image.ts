import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

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
