import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Attack, buildAttack, outputTexts, plant } from './attack.ts';
import { expectNothingEscaped, expectRefused, onEachAttack } from './refused.ts';
import { loadBook } from '../../src/load-book.ts';
import { buildEdition } from '../../src/editions/edition.ts';
import { verifyEpub } from '../../src/output/epub/verify.ts';
import { edit, repoRoot } from '../helpers.ts';
import { foreignCssReferences } from '../../src/pipeline/css-references.ts';
import { isOwnReference } from '../../src/pipeline/references.ts';
import { policyDifference, sitePolicy } from '../../src/output/site-policy.ts';

/**
 * Issue 11, item 4: the output check trusted what it could not see. A book's own page shell, EPUB
 * templates and style sheets are untrusted: each way they had of loading from another host, changing the
 * base or weakening the policy is now refused, and nothing is published.
 */
let attack: Attack;
onEachAttack((fresh) => (attack = fresh));
beforeEach(async () => {
  await cp(path.join(repoRoot, 'templates'), path.join(attack.root, 'templates'), { recursive: true });
});

const page = 'templates/site/page.html';
const chapter = 'templates/epub/chapter.xhtml.ejs';
const build = () => buildAttack(attack, ['--format', 'site,epub']);
const site = (file: string, reason: string) => `../dist/site/${file}: error: ${file}: ${reason} [output-check]`;
/** The build with the book's EJS: published as ours, the template named and not run, nothing of it in any output. */
async function unusedTemplate(): Promise<string[]> {
  const result = await build();
  expect(result.err).toEqual(expect.arrayContaining([expect.stringContaining('[unsafe-template]')]));
  expect(result.code).toBe(0);
  await expectNothingEscaped(attack);
  const leaked: string[] = [];
  for (const [file, text] of await outputTexts(attack.out)) if (/HTTPS:\/\/127|\/\/127\.0\.0\.1:1\//.test(text)) leaked.push(file);
  return leaked;
}

/** The EPUB check's messages on the built Japanese EPUB after `change` rewrote its first chapter. */
async function tampered(change: (text: string) => string): Promise<string[]> {
  const dir = path.join(attack.out, 'epub');
  const name = 'small-book-ja.epub';
  const zip = await JSZip.loadAsync(await readFile(path.join(dir, name)));
  const entry = 'OEBPS/01-first.xhtml';
  zip.file(entry, change(await zip.file(entry)!.async('string')));
  const broken = path.join(attack.out, 'tampered');
  await mkdir(broken, { recursive: true });
  await writeFile(path.join(broken, name), await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));
  const { book } = await loadBook({ root: attack.root });
  return (await verifyEpub({ editions: [buildEdition(book!, 'ja')], dir: broken })).flatMap((file) => file.messages.map((message) => message.reason));
}

const epubReason = (edition: string, entry: string, reason: string) =>
  `small-book-${edition}.epub: ${entry} has ${reason}; an EPUB of ours carries everything it shows and loads nothing`;
const epub = (edition: string, entry: string, reason: string) =>
  `../dist/epub/small-book-${edition}.epub: error: small-book-${edition}.epub: ${entry} has ${reason}; an EPUB of ours carries everything it shows and loads nothing [output-check]`;

describe('the site check', () => {
  it("refuses a weaker policy (`script-src 'self' http:`)", async () => {
    await edit(attack.root, page, "script-src 'self';", "script-src 'self' http:;");
    await expectRefused(attack, await build(), [
      site('index.html', "the Content-Security-Policy is not the site's own: it has `script-src 'self' http:` where ours has `script-src 'self'`"),
    ], ['site']);
  });

  it('refuses a policy moved into <body>', async () => {
    await edit(attack.root, page, /<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    await edit(attack.root, page, '<body class="{{bodyClass}}">', `<body class="{{bodyClass}}">\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'">`);
    await expectRefused(attack, await build(), [
      site('index.html', 'a Content-Security-Policy outside <head>, which browsers ignore'),
      site('index.html', "the page has no Content-Security-Policy in <head>; it must carry the site's own"),
    ], ['site']);
  });

  it('refuses <base href> to another origin', async () => {
    await edit(attack.root, page, '<title>', `<base href="${attack.origin}/">\n<title>`);
    await expectRefused(attack, await build(), [site('index.html', '<base> would change where every relative link and resource points')], ['site']);
  });

  it('refuses <meta http-equiv=refresh>', async () => {
    await edit(attack.root, page, '<title>', `<meta http-equiv="refresh" content="0; url=${attack.origin}/">\n<title>`);
    await expectRefused(attack, await build(), [site('index.html', '<meta http-equiv="refresh"> would send the reader elsewhere')], ['site']);
  });

  it('refuses a remote srcset, <video> poster and <audio> source', async () => {
    await edit(
      attack.root,
      page,
      '</footer>',
      `</footer>\n<img srcset="x.png 1x, ${attack.origin}/2x.png 2x" alt=""><video poster="//127.0.0.1:1/p.png"></video><audio><source src="${attack.origin.toUpperCase()}/a.mp3"></audio>`,
    );
    const loads = (tag: string, url: string) => site('index.html', `<${tag}> loads \`${url}\` from elsewhere; pages load only their own files`);
    await expectRefused(attack, await build(), [
      loads('img', `${attack.origin}/2x.png`),
      loads('video', '//127.0.0.1:1/p.png'),
      loads('source', `${attack.origin.toUpperCase()}/a.mp3`),
    ], ['site']);
  });

  it('refuses a remote @import in a book style sheet, at its line', async () => {
    await plant(attack.root, 'templates/site/style.css', `/* a book's own style */\n@import url("${attack.origin}/x.css");\nbody { color: #111; }\n`);
    await expectRefused(attack, await build(), [
      `../dist/site/assets/style.css:2:13: error: @import \`${attack.origin}/x.css\` loads from another host; the site loads only its own files [output-check]`,
    ], ['site']);
  });
});

describe('the EPUB check', () => {
  // A book's EJS templates never run (test 01), so it cannot put markup like this into an EPUB any more; the
  // check that would refuse it is proved on a built EPUB whose entry is changed after the build.
  it('refuses a style sheet linked as `HTTPS://`', async () => {
    await edit(attack.root, chapter, '<link rel="stylesheet" type="text/css" href="style.css"/>', '<link rel="stylesheet" type="text/css" href="HTTPS://127.0.0.1:1/x.css"/>');
    expect(await unusedTemplate()).toEqual([]);
    expect(await tampered((text) => text.replace(/href="style\.css"/, 'href="HTTPS://127.0.0.1:1/x.css"'))).toEqual(
      expect.arrayContaining([epubReason('ja', 'OEBPS/01-first.xhtml', '`href="HTTPS://127.0.0.1:1/x.css"` loads from another host on <link> (line 7)')]),
    );
  });

  it('refuses an image from `//host`, and an SVG <image> from another host', async () => {
    await edit(attack.root, chapter, '<%- content %>', `<img src="//127.0.0.1:1/x.png" alt=""/><svg xmlns="http://www.w3.org/2000/svg"><image href="${attack.origin}/y.png"/></svg><%- content %>`);
    expect(await unusedTemplate()).toEqual([]);
    const injected = `<img src="//127.0.0.1:1/x.png" alt=""/><svg xmlns="http://www.w3.org/2000/svg"><image href="${attack.origin}/y.png"/></svg>`;
    const messages = await tampered((text) => text.replace('<section', `${injected}<section`));
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`OEBPS/01-first\\.xhtml has \`src="//127\\.0\\.0\\.1:1/x\\.png"\` loads from another host on <img> \\(line \\d+\\)`)),
        expect.stringMatching(/OEBPS\/01-first\.xhtml has `href="http:\/\/127\.0\.0\.1:\d+\/y\.png"` loads from another host on <image> \(line \d+\)/),
      ]),
    );
  });

  it('refuses a remote @import in the book EPUB style sheet', async () => {
    await plant(attack.root, 'templates/epub/style.css', `@import "${attack.origin}/x.css";\nbody { margin: 0; }\n`);
    await expectRefused(attack, await build(), [epub('ja', 'OEBPS/style.css', `@import \`${attack.origin}/x.css\` (line 1)`)], ['epub']);
  });
});

describe('the pieces the checks stand on', () => {
  it('judge a URL as a browser loads it', () => {
    for (const url of ['HTTPS://evil.example/x', '//evil.example/x', '\\\\evil.example/x', '/\\evil.example/x', ' //evil.example/x', 'ht\ttps://evil.example/x', 'data:image/png,x']) {
      expect(isOwnReference(url), url).toBe(false);
    }
    for (const url of ['x.png', '../assets/style.css', '/ja/index.html', '#main', '?q']) expect(isOwnReference(url), url).toBe(true);
  });

  it('find remote references however the CSS spells them', () => {
    const urls = (css: string) => foreignCssReferences(css).map((found) => `${found.kind} ${found.url}`);
    expect(urls('@IMPORT "//evil.example/a.css";')).toEqual(['@import //evil.example/a.css']);
    expect(urls('@import url(HTTPS://evil.example/b.css) screen;')).toEqual(['@import HTTPS://evil.example/b.css']);
    expect(urls('a { --x: url( "//evil.example/c.png" ); background: var(--x); }')).toEqual(['url() //evil.example/c.png']);
    expect(urls('a { background: u\\72l(//evil.example/d.png); }')).toEqual(['url() u\\72l(']);
    expect(urls('a { background: image-set("https://evil.example/e.png" 1x); }')).toEqual(['url() https://evil.example/e.png']);
    expect(urls('@font-face { src: url(  "https://evil.example/f.woff2"); }')).toEqual(['url() https://evil.example/f.woff2']);
    // A broken `url(` is refused as written: nothing honest writes one.
    expect(urls('a { background: url(/* */"https://evil.example/g.png"); }')).toEqual(['url() url(/* */"https://evil.example/g.png")']);
    expect(urls('@import "local.css"; a { background: url(img/x.png); content: "https://not-a-load.example"; }')).toEqual([]);
  });

  it('accept our policy in any order and spacing, and nothing weaker or doubled', () => {
    expect(policyDifference(sitePolicy)).toBeUndefined();
    expect(policyDifference(sitePolicy.split('; ').reverse().join(' ;  ').toUpperCase().replace(/'SELF'/g, "'self'"))).toBeUndefined();
    expect(policyDifference(`${sitePolicy}; script-src *`)).toBe('it names `script-src` twice');
    expect(policyDifference(sitePolicy.replace("base-uri 'none'; ", ''))).toBe('it lacks `base-uri`');
    expect(policyDifference(`${sitePolicy}; report-uri https://evil.example/`)).toBe('it adds `report-uri`');
  });
});
