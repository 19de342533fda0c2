import { existsSync } from 'node:fs';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, repoRoot } from '../helpers.ts';
import { type Attack, buildAttack, outputTexts, plant, prepareAttack } from './attack.ts';

/**
 * Issue 11, item 1: a book's EJS template ran code as the building user. The EPUB templates are EJS
 * (JavaScript), so a book's own are never run: the tool's are used, the book's file is named in a
 * warning, and the e-reader stylesheet is the one EPUB file a book may override. The site and PDF
 * shells are filled by plain substitution, which runs nothing.
 */
let attack: Attack | undefined;
afterEach(async () => {
  await attack?.close();
  attack = undefined;
});

const evil = (marker: string) =>
  `<%# A book's template %><% process.getBuiltinModule("child_process").execSync("touch " + ${JSON.stringify(marker)}) %>
<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body><%- content %></body></html>
`;

describe("a book's own templates", () => {
  it('never runs a book EJS template: the tool’s is used and the file is named', async () => {
    attack = await prepareAttack();
    // A book that copied the tool's templates (as one overrides them) and then changed the chapter template.
    await cp(path.join(repoRoot, 'templates'), path.join(attack.root, 'templates'), { recursive: true });
    const marker = path.join(path.dirname(attack.root), 'template-ran');
    await plant(attack.root, 'templates/epub/chapter.xhtml.ejs', evil(marker));
    await plant(attack.root, 'templates/epub/style.css', '/* the book’s own e-reader style */\nbody { margin: 0 }\n');

    const { code, out, err } = await buildAttack(attack, ['--format', 'site,epub']);
    expect(existsSync(marker)).toBe(false);
    expect([...out, ...err].filter((line) => line.includes('[unsafe-template]'))).toEqual([
      "templates/epub/chapter.xhtml.ejs:1:1: warning: A book's EJS template is never run (EJS executes code at build time); the tool's own chapter.xhtml.ejs was used. Remove templates/epub/chapter.xhtml.ejs: a book may override only templates/epub/style.css [unsafe-template]",
    ]);
    expect(code).toBe(0);
    const texts = await outputTexts(path.join(attack.out, 'epub'));
    const chapters = [...texts].filter(([name]) => name.endsWith('01-first.xhtml'));
    expect(chapters.length).toBe(3);
    // The tool's chapter template (its doctype and stylesheet link), not the book's.
    for (const [, text] of chapters) expect(text).toMatch(/^<\?xml[^>]*>\n<!DOCTYPE html>[^]*<link rel="stylesheet" type="text\/css" href="style.css"\/>/);
    expect(texts.get('small-book-ja.epub!OEBPS/style.css')).toContain('the book’s own e-reader style');
  });

  it('names every EJS file a book brings, even one the tool does not use, and runs none (`check` too)', async () => {
    attack = await prepareAttack();
    const marker = path.join(path.dirname(attack.root), 'template-ran');
    await plant(attack.root, 'templates/epub/content.opf.ejs', evil(marker));
    await plant(attack.root, 'templates/epub/extra.ejs', `\n\n  ${evil(marker)}`);
    const built = await buildAttack(attack, ['--format', 'epub']);
    expect(existsSync(marker)).toBe(false);
    expect(built.code).toBe(0);
    const warnings = [...built.out, ...built.err].filter((line) => line.includes('[unsafe-template]'));
    expect(warnings.map((line) => line.split(': warning')[0])).toEqual(['templates/epub/content.opf.ejs:1:1', 'templates/epub/extra.ejs:3:3']);
    expect(warnings[1]).toContain('this file is not one the tool uses');
    const checked = await cli(['check', '--root', attack.root], attack.root);
    expect(existsSync(marker)).toBe(false);
    expect([...checked.out, ...checked.err].filter((line) => line.includes('[unsafe-template]'))).toEqual(warnings);
  });

  it("fills a book's page shell by substitution only: a placeholder naming no value is refused, not evaluated", async () => {
    attack = await prepareAttack();
    await cp(path.join(repoRoot, 'templates'), path.join(attack.root, 'templates'), { recursive: true });
    const page = await readFile(path.join(repoRoot, 'templates/site/page.html'), 'utf8');
    await plant(attack.root, 'templates/site/page.html', page.replace('<main id="main">', '<main id="main">{{{constructor}}}{{toString}}'));
    const { code, out, err } = await buildAttack(attack, ['--format', 'site']);
    expect(code).toBe(1);
    expect([...out, ...err].join('\n')).toContain('Could not build the site output: Template site/page.html uses {{constructor}}, which no page provides [render-failed]');
    expect(existsSync(path.join(attack.out, 'site'))).toBe(false);
  });
});
