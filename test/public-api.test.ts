import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as library from '../src/index.ts';
import { repoRoot } from './helpers.ts';

/** What the library offers the CLI, the tests and other programs: a change here is a change of its interface. */
describe('the public interface', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(library).sort()).toEqual([
      'Diagnostics',
      'build',
      'buildEdition',
      'check',
      'createProcessor',
      'editionNames',
      'formatMessage',
      'formatNames',
      'languages',
      'loadBook',
      'main',
      'rehypeCitationNotes',
      'rehypeRawHtmlReport',
      'remarkBlockIndex',
      'remarkChapterTitle',
      'remarkCitations',
      'remarkRawHtml',
      'renderSite',
      'ruleIds',
      'verifySite',
    ]);
  });

  it('is what the package exports: the compiled bundle and its declarations, beside the CLI', async () => {
    const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.exports).toEqual({
      '.': { types: './lib/types/index.d.ts', default: './lib/index.js' },
      './schema/*': './lib/schema/*',
      './package.json': './package.json',
    });
    expect(manifest.bin).toEqual({ 'bilingual-book': 'src/cli/bin.js' });
    expect(manifest.private).toBeUndefined();
    expect(manifest.files).toEqual(['lib', 'src', 'locales', 'templates', 'LICENSE', 'README.md']);
    expect(manifest.scripts).toMatchObject({ prepack: 'node src/cli/compile.js --types' });
  });

  it('has every rule id in the README\'s Errors table, and the table no other', async () => {
    const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Errors'), readme.indexOf('\n## ', readme.indexOf('## Errors') + 1));
    const documented = [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((match) => match[1]);
    expect([...new Set(documented)].sort()).toEqual([...new Set(Object.values(library.ruleIds))].sort());
  });
});
