import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { coverSvg } from '../src/output/epub/cover-svg.ts';

const title = { ja: '「R&D」<入門>', en: `R&D <SOC> "Ana's"` };
const options = { langs: ['en'] as const, lang: 'en' as const, title, subtitle: undefined, publisher: 'Smith & Sons "Press"', disclosures: [] };

/** The drawn text of the cover, as an XML reader gets it back. */
function texts(svg: string): string[] {
  const parsed = new XMLParser({ ignoreAttributes: false, htmlEntities: true, isArray: (name) => name === 'text' }).parse(svg) as { svg: { text: Array<{ '#text': string }> } };
  return parsed.svg.text.map((element) => element['#text']);
}

describe('coverSvg', () => {
  it('escapes `<` and `&` in the title and publisher, and the reader gets them back as written', () => {
    const svg = coverSvg(options);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain(
      '<text x="160" y="640" font-family="Noto Serif CJK JP" font-size="104" font-weight="700" fill="#1d2a3a" xml:lang="en">R&#x26;D &#x3C;SOC> "Ana\'s"</text>',
    );
    expect(texts(svg)).toEqual([title.en, 'Smith & Sons "Press"']);
  });

  it('keeps the Japanese title as written, split over lines but not changed', () => {
    const svg = coverSvg({ ...options, langs: ['ja'], lang: 'ja' });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(texts(svg).slice(0, -1).join('')).toBe(title.ja);
  });

  it('draws the disclosure box and its label only for a sponsored book', () => {
    const sponsored = coverSvg({ ...options, disclosures: [{ lang: 'en', label: 'Sponsored', sentence: 'Paid for by A & B.' }] });
    expect(XMLValidator.validate(sponsored)).toBe(true);
    expect(sponsored).toContain('<rect x="100" y="2322" width="1400" height="118" fill="#fff4d6" stroke="#c99a1e" stroke-width="4" rx="12"/>\n');
    expect(texts(sponsored).slice(-2)).toEqual(['Sponsored', 'Paid for by A & B.']);
    expect(coverSvg(options)).not.toContain('#fff4d6');
  });
});
