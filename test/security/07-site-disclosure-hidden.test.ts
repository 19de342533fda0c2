import { execFile } from 'node:child_process';
import { appendFile, cp, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type Attack, buildAttack } from './attack.ts';
import { expectNothingEscaped, expectRefused, onEachAttack } from './refused.ts';
import { edit, repoRoot } from '../helpers.ts';

/**
 * Issue 11, item 7 (site and EPUB): the disclosure could be emptied (an empty or zero-width string passed
 * `includes('')`) or hidden by a book's style sheet. Its text must now name the sponsor in visible
 * characters, and, under a book's own shell or style sheets, every page is opened in Chromium and its
 * disclosure measured: rendered, opaque, legible, in contrast, on the first screen and uncovered.
 */
const run = promisify(execFile);
let attack: Attack;
onEachAttack((fresh) => (attack = fresh));

const build = () => buildAttack(attack, ['--format', 'site,epub']);
const ownLocales = () => cp(path.join(repoRoot, 'locales'), path.join(attack.root, 'locales'), { recursive: true });
const ownTemplates = () => cp(path.join(repoRoot, 'templates'), path.join(attack.root, 'templates'), { recursive: true });
const style = (css: string) => appendFile(path.join(attack.root, 'templates/site/style.css'), `\n${css}\n`);
const hidden = (page: string, reason: string) =>
  `../dist/site/${page}: error: ${page}: the sponsor disclosure must be plainly visible, but ${reason} [output-check]`;

describe('the disclosure text', () => {
  // Found at the locale string by the content stage (`check` too), before any output is written.
  const notNamed =
    'locales/ja.json:14:5: error: The ja disclosure sentence (`disclosure.text` in locales/ja.json) does not name the sponsor `株式会社スポンサー`; write `{{sponsor}}` in it [config-invalid-value]';

  it('refuses an empty sentence', async () => {
    await ownLocales();
    await edit(attack.root, 'locales/ja.json', /"text": "[^"]*"/, '"text": ""');
    await expectRefused(attack, await build(), [notNamed]);
  });

  it('refuses a sentence of zero-width characters', async () => {
    await ownLocales();
    await edit(attack.root, 'locales/ja.json', /"text": "[^"]*"/, '"text": "\\u200b\\u200d\\u2060\\ufeff"');
    await expectRefused(attack, await build(), [notNamed]);
  });

  it('refuses a sentence that does not name the sponsor, and a zero-width label', async () => {
    await ownLocales();
    await edit(attack.root, 'locales/ja.json', /"text": "[^"]*"/, '"text": "本書は{{publisher}}が制作しました。"');
    await edit(attack.root, 'locales/en.json', /"label": "[^"]*"/, '"label": "\\u200b"');
    await expectRefused(attack, await build(), [
      notNamed,
      'locales/en.json:13:5: error: The en disclosure label (`disclosure.label` in locales/en.json) is empty or invisible; it must say that the book is an advertisement [config-invalid-value]',
    ]);
  });
});

describe("a book style sheet that hides the disclosure (measured in Chromium)", () => {
  it('refuses display:none', async () => {
    await ownTemplates();
    await style('.disclosure { display: none; }');
    const result = await build();
    await expectRefused(attack, result, [hidden('bilingual/01-first.html', '`PR` is not rendered (display, visibility, opacity or content-visibility hides it) (on a 1280×800 screen); `本書は、株式会社スポンサーをスポンサーとしてテス…` is not rendered (display, visibility, opacity or content-visibility hides it) (on a 1280×800 screen); and 10 more')]);
  });

  it('refuses a print style sheet that leaves the disclosure out of the printed page', async () => {
    await ownTemplates();
    await appendFile(path.join(attack.root, 'templates/site/print.css'), '\n.disclosure { display: none; }\n');
    await expectRefused(attack, await build(), [
      hidden('bilingual/01-first.html', '`PR` is not rendered (display, visibility, opacity or content-visibility hides it) (in print); `本書は、株式会社スポンサーをスポンサーとしてテス…` is not rendered (display, visibility, opacity or content-visibility hides it) (in print); and 2 more'),
    ]);
  });

  it('refuses white 1px text', async () => {
    await ownTemplates();
    await style('.disclosure, .disclosure * { color: #fff !important; font-size: 1px !important; }');
    const result = await build();
    await expectRefused(attack, result, [
      hidden(
        'bilingual/01-first.html',
        '`PR` is set at 1.0px, under the legible 9px (on a 1280×800 screen); `PR` has a contrast of 1.00:1 with its background, under 4.5:1 (on a 1280×800 screen); and 22 more',
      ),
      '../dist/site: error: The disclosure was not measured on 11 more pages, as 6 had failed already [output-check]',
    ]);
  });

  it('refuses a cover laid over it, and a rule that hides it only on chapter pages or phones', async () => {
    await ownTemplates();
    await style(
      '.edition-en.page-chapter .disclosure { visibility: hidden; }\n@media (max-width: 600px) { .page-landing .disclosure p { opacity: 0.05; } }\n.edition-ja.page-sources::before { content: ""; position: fixed; inset: 0; background: #fff; z-index: 99; }',
    );
    const result = await build();
    await expectRefused(attack, result, [
      hidden('en/01-first.html', '`Sponsored` is not rendered (display, visibility, opacity or content-visibility hides it) (on a 1280×800 screen); `This book is advertising…` is not rendered (display, visibility, opacity or content-visibility hides it) (on a 1280×800 screen); and 4 more'),
      hidden('index.html', '`PR` is faded to opacity 0.05 (on a 390×844 screen); `PR` has a contrast of 1.10:1 with its background, under 4.5:1 (on a 390×844 screen); and 6 more'),
      hidden('ja/sources.html', '`PR` is covered by <body class="edition-ja page-sources"> (on a 1280×800 screen); `本書は、株式会社スポンサーをスポンサーとしてテス…` is covered by <body class="edition-ja page-sources"> (on a 1280×800 screen); and 4 more'),
    ]);
    expect(result.err.some((line) => line.includes('ja/index.html:'))).toBe(false);
  });

  it('refuses an EPUB style sheet that shrinks the disclosure of the title page and colophon', async () => {
    await ownTemplates();
    await appendFile(path.join(attack.root, 'templates/epub/style.css'), '\n.disclosure { font-size: 2px; color: #eee; }\n');
    const result = await build();
    await expectRefused(attack, result, [
      '../dist/epub/small-book-ja.epub: error: small-book-ja.epub: title.xhtml: the sponsor disclosure must be plainly visible, but `PR` is set at 2.0px, under the legible 9px (on a 1280×800 screen); `PR` has a contrast of 1.16:1 with its background, under 4.5:1 (on a 1280×800 screen); and 10 more [output-check]',
    ]);
  });

  it('publishes a book style sheet that keeps the disclosure plain', async () => {
    await ownTemplates();
    await style('body { color: #222; } .site-header { background: #fafafa; }');
    await appendFile(path.join(attack.root, 'templates/epub/style.css'), '\nbody { color: #222; }\n');
    const result = await build();
    expect(result.err.filter((line) => line.includes('error'))).toEqual([]);
    expect(result.code).toBe(0);
    await expectNothingEscaped(attack);
  });

  it('is a render-failed error for the site when Chromium is missing: the EPUBs are published, the site is not', async () => {
    await ownTemplates();
    await style('body { color: #222; }');
    const child = await run(process.execPath, [path.join(repoRoot, 'src/cli/bin.js'), 'build', '--root', attack.root, '--out', attack.out, '--format', 'site,epub'], {
      cwd: attack.root,
      env: { ...process.env, BILINGUAL_BOOK_FROM_SOURCE: '1', PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(child.code).toBe(1);
    expect(child.stderr).toContain(
      "../dist/site: error: Cannot check that the disclosure is visible under the book's own page shell or style sheets: Chromium not found at /nonexistent/chromium: install it with `apt-get install -y chromium`, or set PUPPETEER_EXECUTABLE_PATH [render-failed]",
    );
    expect((await readdir(path.join(attack.out, 'epub'))).sort()).toEqual(['small-book-bilingual.epub', 'small-book-en.epub', 'small-book-ja.epub']);
    await expectNothingEscaped(attack);
  }, 60_000);
});
