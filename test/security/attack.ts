import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { listFiles } from '../../src/output/site/verify.ts';
import { cli, fixtureBooks, tempDir } from '../helpers.ts';

/**
 * What the security tests share: a fresh book folder for the attacker to fill, a secret file outside it that
 * must never reach an output, a local listener that counts every request a build makes, and a scan of every
 * output (pages, EPUB entries, PDF text) for what must not be there.
 */

export interface Attack {
  /** The attacker's book folder: a copy of the small fixture book. */
  root: string;
  /** The output folder the build is pointed at. */
  out: string;
  /** A file outside the book folder, holding `secret`: its content must never appear in an output. */
  secretFile: string;
  secret: string;
  /** Every request that reached the listener: none may, ever. */
  requests: string[];
  /** `http://127.0.0.1:PORT`: the attacker's "remote" host. */
  origin: string;
  close(): Promise<void>;
}

/** A fresh attack: book folder, secret, listener. Call `close()` (in `afterEach`) to stop the listener. */
export async function prepareAttack(book = 'small'): Promise<Attack> {
  const base = await tempDir('bilingual-book-attack-');
  const root = path.join(base, 'book');
  await cp(path.join(fixtureBooks, book), root, { recursive: true });
  const secret = `SECRET-${randomBytes(12).toString('hex')}`;
  const secretFile = path.join(base, 'secret.txt');
  await writeFile(secretFile, `${secret}\n`);
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.setHeader('content-type', 'text/plain');
    response.end(secret);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { root, out: path.join(base, 'dist'), secretFile, secret, requests, origin, close };
}

/** Writes `text` to `relative` inside the book folder, making folders as needed. */
export async function plant(root: string, relative: string, text: string | Buffer): Promise<void> {
  const file = path.join(root, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

/** Runs `bilingual-book build` in this process on the attack's book, into its output folder. */
export function buildAttack(attack: Attack, extra: string[] = []): ReturnType<typeof cli> {
  return cli(['build', '--root', attack.root, '--out', attack.out, ...extra], attack.root);
}

const run = promisify(execFile);

/** The text of every output file under `dir`: pages as they are, EPUB entries unzipped, PDFs through pdftotext. */
export async function outputTexts(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  let files: string[] = [];
  try {
    files = await listFiles(dir);
  } catch {
    return texts;
  }
  for (const file of files) {
    const full = path.join(dir, file);
    if (file.endsWith('.epub')) {
      const zip = await JSZip.loadAsync(await readFile(full));
      for (const entry of Object.values(zip.files)) {
        if (!entry.dir) texts.set(`${file}!${entry.name}`, await entry.async('string'));
      }
    } else if (file.endsWith('.pdf')) {
      texts.set(file, (await run('pdftotext', ['-raw', full, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout);
      texts.set(`${file}#bytes`, (await readFile(full)).toString('latin1'));
    } else {
      texts.set(file, (await readFile(full)).toString('utf8'));
    }
  }
  return texts;
}

/** The output files (or EPUB entries, or PDF texts) under `dir` that contain `needle`. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const [file, text] of await outputTexts(dir)) if (text.includes(needle)) found.push(file);
  return found;
}
