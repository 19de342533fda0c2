import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, copyBook } from '../helpers.ts';
import { type Attack, buildAttack, plant, prepareAttack } from './attack.ts';

/**
 * Issue 11, item 7, with a second fault: a book that hides the disclosure and also breaks another check must
 * not get a format published because the other fault was found first; and an unsponsored book that brings its
 * own style sheets has no disclosure to measure.
 */
let attack: Attack | undefined;
afterEach(async () => {
  await attack?.close();
  attack = undefined;
});

describe('the disclosure check beside other faults', () => {
  it('publishes nothing when a site style sheet hides the disclosure and also imports from another host', { timeout: 120_000 }, async () => {
    attack = await prepareAttack();
    const css = `@import url("${attack.origin}/x.css");\n.disclosure { display: none !important; }\n`;
    await plant(attack.root, 'templates/site/style.css', css);
    const result = await buildAttack(attack, ['--format', 'site,epub']);
    expect(result.code).toBe(1);
    expect(result.err.some((line) => line.includes('the sponsor disclosure must be plainly visible'))).toBe(true);
    expect(result.err.at(-1)).toMatch(/nothing was replaced\.$/);
    expect(attack.requests).toEqual([]);
  });

  it('builds an unsponsored book that brings its own site and EPUB style sheets', { timeout: 120_000 }, async () => {
    const root = await copyBook('unsponsored');
    await plant(root, 'templates/site/style.css', 'body { color: #222; }\n');
    await plant(root, 'templates/epub/style.css', 'body { margin: 0 1em; }\n');
    const { code, err } = await cli(['build', '--root', root, '--out', path.join(root, 'dist'), '--format', 'site,epub'], root);
    expect(err.filter((line) => line.includes('error'))).toEqual([]);
    expect(code).toBe(0);
  });
});
