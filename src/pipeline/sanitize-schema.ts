import { defaultSchema, type Schema } from 'hast-util-sanitize';

/** The HTML tags an author may write raw in Markdown (README, "Raw HTML"): inline phrasing and ruby, no embedding. */
export const rawHtmlTags = [
  'abbr', 'b', 'bdi', 'br', 'cite', 'code', 'dd', 'del', 'dfn', 'div', 'dl', 'dt', 'em', 'i', 'ins', 'kbd',
  'mark', 'p', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'u', 'var', 'wbr',
];

/** Class names the generator gives its own elements (the disclosure, notes, navigation): content may not borrow them. */
const ownClasses = ['disclosure', 'pr-label', 'note', 'noteref', 'backref', 'footnotes', 'raw-html', 'cover', 'chapter', 'sources', 'toc', 'colophon', 'subtitle', 'byline', 'front', 'back', 'landing', 'source-url', 'cited-in', 'ja', 'en', 'prev', 'next'];
const ownPrefixes = ['toc-', 'nav-', 'note-', 'noteref-', 'edition-', 'page-', 'size-', 'site-', 'book-', 'landing-', 'sources-', 'bilingual-', 'chapter-', 'download-', 'translation-', 'title-', 'lang-', 'pr-', 'disclosure-', 'footnote'];
/** A class an author may give an element (attribute lists, raw HTML): a plain name that is not one of ours. */
export const authorClass = new RegExp(`^(?!(?:${ownClasses.join('|')})$)(?!${ownPrefixes.join('|')})[A-Za-z][\\w-]*$`);

/**
 * What may reach any output, whatever the Markdown or raw HTML said: GitHub's schema, less embedding,
 * with ruby, our note calls' attributes, and images only as remark-images renamed them. Scripts,
 * styles, frames, objects and event handlers never pass; links keep http, https and mailto only.
 */
const baseSchema: Schema = {
  ...defaultSchema,
  // Our ids carry a language prefix already; rehype-unique-ids reports any clash.
  clobber: [],
  tagNames: [...(defaultSchema.tagNames ?? []).filter((tag) => !['picture', 'source', 'details', 'summary'].includes(tag)), 'abbr', 'bdi', 'cite', 'dfn', 'mark', 'small', 'u', 'wbr'],
  strip: ['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'select', 'title', 'svg', 'math'],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'dataBlock', ['className', authorClass]],
    a: [...(defaultSchema.attributes?.a ?? []).filter((attribute) => !Array.isArray(attribute)), 'role', ['className', 'noteref', 'data-footnote-backref']],
    sup: [['className', 'noteref-sup']],
    div: [['className', 'raw-html']],
    img: ['alt', 'title', ['src', /^images\/[0-9a-f]{16}\.(?:png|jpg|gif|webp|svg)$/]],
  },
  protocols: { href: ['http', 'https', 'mailto'], cite: ['http', 'https'], src: [] },
};

/** Elements whose own `className` rule would otherwise drop an author's classes (a more specific rule wins in hast-util-sanitize). */
export const sanitizeSchema: Schema = {
  ...baseSchema,
  attributes: Object.fromEntries(
    Object.entries(baseSchema.attributes ?? {}).map(([tag, definitions]) => [
      tag,
      tag === '*' ? definitions : definitions.map((definition) => (Array.isArray(definition) && definition[0] === 'className' ? [...definition, authorClass] : definition)),
    ]),
  ) as Schema['attributes'],
};
