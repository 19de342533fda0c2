import { promisify } from 'node:util';
import yauzl, { type Entry } from 'yauzl';

const fromBuffer = promisify<Buffer, yauzl.Options, yauzl.ZipFile>(yauzl.fromBuffer);

/**
 * The files of a written EPUB whose names `wanted` accepts, in the container's order, inflated by Node's
 * own zlib (reading the EPUB back with JSZip's JavaScript inflate was most of its check's time). A broken
 * container rejects with yauzl's message, naming what is wrong.
 */
export async function readZip(bytes: Buffer, wanted: (name: string) => boolean): Promise<Map<string, Buffer>> {
  const zip = await fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  const files = new Map<string, Buffer>();
  return new Promise((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve(files));
    zip.on('entry', (entry: Entry) => {
      if (entry.fileName.endsWith('/') || !wanted(entry.fileName)) {
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}
