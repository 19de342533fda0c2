import { cp } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, copyBook, edit, repoRoot, tempDir } from './helpers.ts';
import { formatPart, hashes } from './security/output-state.ts';

/**
 * Issue 12, item 12: a format that fails its checks keeps its previous output and the others are
 * published, as when one cannot be rendered; but a missing sponsor disclosure, in any format, keeps
 * every format of the book from publishing.
 */

async function builtBook(): Promise<{ root: string; out: string; before: Record<string, string> }> {
  const root = await copyBook('small');
  const out = await tempDir();
  expect((await cli(['build', '--root', root, '--out', out, '--format', 'site,epub'], root)).code).toBe(0);
  await cp(path.join(repoRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
  await edit(root, 'content/en/01-first.md', 'The first paragraph.', 'The very first paragraph.');
  return { root, out, before: await hashes(out) };
}

describe('publishing when a check fails', () => {
  it('publishes the EPUBs when only the site fails its checks, and keeps the previous site', async () => {
    const { root, out, before } = await builtBook();
    await edit(root, 'templates/site/page.html', '</body>', '<script>alert(1)</script>\n</body>');
    const { code, err, out: printed } = await cli(['build', '--root', root, '--out', out, '--format', 'site,epub'], root);
    expect(code).toBe(1);
    expect(err).toContain(`${path.relative(root, out)}: error: The site output failed its checks; ${out}/site was left as it was [output-check]`);
    expect(err.at(-1)).toMatch(/^Build failed with \d+ error\(s\); only epub replaced\.$/);
    expect(printed).toEqual([`Built epub: 3 files in ${path.relative(root, path.join(out, 'epub'))}`]);
    const after = await hashes(out);
    expect(formatPart(after, 'site')).toEqual(formatPart(before, 'site'));
    expect(formatPart(after, 'epub')).not.toEqual(formatPart(before, 'epub'));
  });

  it('publishes nothing when the EPUBs lose the disclosure, though the site passes', async () => {
    const { root, out, before } = await builtBook();
    // The book's EPUB style sheet (the one EPUB file a book may override) hides the disclosure.
    await edit(root, 'templates/epub/style.css', /$/, '\n.disclosure { display: none; }\n');
    const { code, err, out: printed } = await cli(['build', '--root', root, '--out', out, '--format', 'site,epub'], root);
    expect(code).toBe(1);
    expect(err.some((line) => /small-book-ja\.epub.*the sponsor disclosure must be plainly visible.* \[output-check\]$/.test(line))).toBe(true);
    expect(err).toContain(`${path.relative(root, out)}: error: The output failed its checks; ${out} was left as it was [output-check]`);
    expect(err.at(-1)).toMatch(/; nothing was replaced\.$/);
    expect(printed).toEqual([]);
    expect(await hashes(out)).toEqual(before);
  });
});
