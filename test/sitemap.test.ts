import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { sitemap } from '../src/output/site/sitemap.ts';

describe('sitemap', () => {
  it('lists each page at the book’s address, one a line, dated, with `&` escaped', () => {
    const xml = sitemap({ paths: ['index.html', 'ja/01-first.html'], url: 'https://example.com/books/R&D', date: '2025-01-01' });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        '  <url><loc>https://example.com/books/R&#x26;D/index.html</loc><lastmod>2025-01-01</lastmod></url>\n' +
        '  <url><loc>https://example.com/books/R&#x26;D/ja/01-first.html</loc><lastmod>2025-01-01</lastmod></url>\n' +
        '</urlset>\n',
    );
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('reads an address with or without its final slash as the same folder', () => {
    const page = { paths: ['en/index.html'], date: '2024-09-17' };
    expect(sitemap({ ...page, url: 'https://example.com/book' })).toBe(sitemap({ ...page, url: 'https://example.com/book/' }));
  });
});
