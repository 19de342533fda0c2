import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { entryFacts } from '../../src/output/epub/entry-facts.ts';

/**
 * Issue 11, item 9 (the OPF part): the EPUB check parsed the package document as HTML, where `<item/>` does
 * not close, so 2,000 chapters made 2,000 nested elements and the check's walk overflowed the stack. It is
 * read as XML now: a flat list, in one streaming pass.
 */
function packageDocument(chapters: number): string {
  const items = Array.from({ length: chapters }, (_, index) => `    <item id="chapter-${index}" href="${index}.xhtml" media-type="application/xhtml+xml"/>`);
  const refs = Array.from({ length: chapters }, (_, index) => `    <itemref idref="chapter-${index}"/>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">',
    '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:x</dc:identifier></metadata>',
    '  <manifest>',
    ...items,
    '  </manifest>',
    '  <spine>',
    ...refs,
    '  </spine>',
    '</package>',
  ].join('\n');
}

describe('the package document of a book of 3,000 chapters', () => {
  const opf = packageDocument(3000);

  it('overflowed the stack when read as HTML (the old way)', () => {
    expect(() => fromHtml(opf)).toThrow(RangeError);
  });

  it('is checked as flat XML, quickly, finding every item and nothing wrong', () => {
    const started = performance.now();
    const facts = entryFacts('OEBPS/content.opf', opf, { keepText: false });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(facts.xmlError).toBeUndefined();
    expect(facts.ids).toHaveLength(3001);
    expect(facts.forbidden).toEqual([]);
    expect(facts.foreign).toEqual([]);
  });

  it('still finds a remote item among them', () => {
    const facts = entryFacts('OEBPS/content.opf', opf.replace('href="2999.xhtml"', 'href="HTTPS://evil.example/x.xhtml"'), { keepText: false });
    expect(facts.foreign).toEqual(['`href="HTTPS://evil.example/x.xhtml"` loads from another host on <item> (line 3004)']);
  });
});
