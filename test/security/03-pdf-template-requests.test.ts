import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/output/site/verify.ts';
import { type Attack, buildAttack, filesContaining, plant, prepareAttack } from './attack.ts';
import { withPdfTemplates, writtenOutside } from './pdf-attack.ts';

/**
 * Issue 11, item 3: a book's own PDF template and stylesheets reached the network and local files while the
 * PDF was printed. The print page now runs no script and loads only the files the build wrote: every other
 * request is refused, and the PDF is not published.
 */
let attack: Attack;
beforeEach(async () => {
  attack = await prepareAttack();
  await withPdfTemplates(attack);
});
afterEach(async () => {
  await attack.close();
});

/** Adds `html` to the end of the body of the book's `templates/pdf/book.html`. */
async function plantInTemplate(html: string): Promise<void> {
  const file = path.join(attack.root, 'templates/pdf/book.html');
  await writeFile(file, (await readFile(file, 'utf8')).replace('</body>', `${html}\n</body>`));
}

async function expectRefused(urls: string[]): Promise<void> {
  const result = await buildAttack(attack, ['--format', 'pdf', '--edition', 'ja']);
  expect(result.code).toBe(1);
  expect(result.err).toContain(
    `../dist: error: Could not build the pdf output: The ja PDF's print page asked for ${urls.sort().join(', ')}, which it may not load: a PDF is printed from the files the build wrote (the book's images and its fonts) and nothing else. Remove the reference from the book's templates/pdf/ or stylesheets [render-failed]`,
  );
  expect(attack.requests).toEqual([]);
  expect(await filesContaining(attack.out, attack.secret)).toEqual([]);
  expect((await listFiles(attack.out).catch(() => [])).filter((file) => file.endsWith('.pdf'))).toEqual([]);
  expect(await writtenOutside(attack)).toEqual([]);
}

describe('a book’s PDF template', () => {
  it('cannot load an image, a frame or a script from another host, nor a local file', async () => {
    const secretUrl = `file://${attack.secretFile}`;
    // A preconnect opens a connection and sends no request: a listener of its own counts the connections.
    let connections = 0;
    const listener = createServer(() => void connections++);
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const preconnect = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    await plantInTemplate(
      [
        `<img src="${attack.origin}/img">`,
        `<iframe src="${secretUrl}"></iframe>`,
        `<object data="${secretUrl}"></object>`,
        `<script>fetch('${attack.origin}/fetch'); fetch('${secretUrl}').then((r) => r.text()).then((t) => document.body.append(t))</script>`,
        `<link rel="preconnect" href="${preconnect}"><link rel="dns-prefetch" href="${preconnect}">`,
      ].join('\n'),
    );
    await expectRefused([`${attack.origin}/img`, secretUrl]);
    await new Promise<void>((resolve) => listener.close(() => resolve()));
    expect(connections).toBe(0);
  });

  it('cannot be sent elsewhere by a refresh', async () => {
    await plantInTemplate(`<meta http-equiv="refresh" content="0; url=${attack.origin}/refresh">`);
    await expectRefused([`${attack.origin}/refresh`]);
  });
});

describe('a book’s PDF stylesheet', () => {
  it('cannot import or reference anything outside the files the build wrote', async () => {
    const file = path.join(attack.root, 'templates/pdf/book.css');
    const css = await readFile(file, 'utf8');
    await plant(
      attack.root,
      'templates/pdf/book.css',
      [
        `@import url(${attack.origin}/import.css);`,
        css,
        `body { background: url(${attack.origin}/background.png); }`,
        `@font-face { font-family: Secret; src: url(file://${attack.secretFile}); }`,
        `h1 { font-family: Secret; }`,
      ].join('\n'),
    );
    await expectRefused([`${attack.origin}/import.css`, `${attack.origin}/background.png`, `file://${attack.secretFile}`]);
  });
});
