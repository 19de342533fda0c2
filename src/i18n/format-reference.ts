import { domainToUnicode } from 'node:url';
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Lang, Source } from '../config/schema.ts';
import type { Translate } from './create-i18n.ts';

/** Midnight UTC of a `YYYY-MM-DD` date: dates are formatted in UTC so the process's TZ never shifts them. */
export function utcDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/**
 * A source's full dated reference in one language, with its URL (when it has one) printed in readable
 * (Unicode) form and linked in encoded form, which validators and e-readers accept for internationalized
 * domains. An "as of" date (時点, the date the source gives its figures) and an access date (調査時点,
 * when the book's editors read it) are different facts and are printed each in its own words.
 */
export function formatReference(source: Source, lang: Lang, t: Translate): ElementContent[] {
  const link: ElementContent[] = source.url ? [h('a', { href: new URL(source.url).href, className: ['source-url'] }, displayUrl(source.url))] : [];
  const dates = [
    ...(source.asOf ? [t('notes.asOf', { date: utcDate(source.asOf) })] : []),
    ...(source.accessed ? [t('notes.accessed', { date: utcDate(source.accessed) })] : []),
  ];
  const container = source.container?.[lang];
  if (lang === 'ja') {
    return [
      { type: 'text', value: `${source.publisher.ja}${container ? `「${container}」` : ''}${source.title.ja}${link.length > 0 ? '　' : ''}` },
      ...link,
      { type: 'text', value: `（${dates.join('、')}）` },
    ];
  }
  return [
    { type: 'text', value: `${source.publisher.en}, “${source.title.en},” ${container ? `${container}, ` : ''}` },
    ...link,
    { type: 'text', value: `${link.length > 0 ? ', ' : ''}${dates.join(', ')}.` },
  ];
}

/** The URL as written for people: Unicode host and path, whatever form the citations file used. */
export function displayUrl(url: string): string {
  const parsed = new URL(url);
  const host = `${domainToUnicode(parsed.hostname) || parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`;
  let rest = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  try {
    rest = decodeURI(rest);
  } catch {
    // A malformed escape stays escaped.
  }
  // The URL parser adds a `/` path to a bare host; print the address as it was written.
  if (rest === '/' && !url.endsWith('/')) rest = '';
  return `${parsed.protocol}//${host}${rest}`;
}
