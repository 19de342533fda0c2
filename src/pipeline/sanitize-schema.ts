import { defaultSchema, type Schema } from 'hast-util-sanitize';

/**
 * The HTML tags an author may write raw in Markdown (README, "Raw HTML"): phrasing and ruby, links,
 * images (checked like Markdown images), tables, lists, disclosure widgets and figures; no embedding.
 */
export const rawHtmlTags = [
  'a', 'abbr', 'b', 'bdi', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em',
  'figcaption', 'figure', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp',
  'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul', 'var', 'wbr',
];

/** Class names the generator gives its own elements (the disclosure, notes, navigation): content may not borrow them. */
const ownClasses = ['disclosure', 'pr-label', 'note', 'noteref', 'backref', 'footnotes', 'raw-html', 'cover', 'chapter', 'sources', 'toc', 'colophon', 'subtitle', 'byline', 'front', 'back', 'landing', 'source-url', 'cited-in', 'ja', 'en', 'prev', 'next'];
const ownPrefixes = ['toc-', 'nav-', 'note-', 'noteref-', 'edition-', 'page-', 'size-', 'site-', 'book-', 'landing-', 'sources-', 'bilingual-', 'chapter-', 'download-', 'translation-', 'title-', 'lang-', 'pr-', 'disclosure-', 'footnote'];
/** A class an author may give an element (attribute lists, raw HTML): a plain name that is not one of ours. */
export const authorClass = new RegExp(`^(?!(?:${ownClasses.join('|')})$)(?!${ownPrefixes.join('|')})[A-Za-z][\\w-]*$`);

/** Elements whose content goes with them: what they hold is code, styling or an embedded document, not text. */
export const strippedTags = ['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'select', 'title', 'svg', 'math'];

const allowed = (tag: string) => (defaultSchema.attributes?.[tag] ?? []).filter((attribute) => !Array.isArray(attribute));
/** GitHub's attributes for the element (task-list classes, code languages), and these. */
const more = (tag: string, ...attributes: string[]) => [...(defaultSchema.attributes?.[tag] ?? []), ...attributes];

/**
 * What may reach any output, whatever the Markdown or raw HTML said: GitHub's schema, less embedding,
 * with ruby, figures, our note calls' attributes, and images only as remark-images renamed them. Scripts,
 * styles, frames, objects and event handlers never pass; links keep http, https and mailto only.
 * GitHub's schema lets every element carry HTML 4's presentational attributes (`align`, `border`,
 * `width`…), which EPUB refuses: only attributes HTML5 and EPUB accept pass here.
 */
const baseSchema: Schema = {
  ...defaultSchema,
  // Our ids carry a language prefix already; rehype-unique-ids reports any clash.
  clobber: [],
  tagNames: [
    ...(defaultSchema.tagNames ?? []).filter((tag) => !['picture', 'source', 'strike', 'tt'].includes(tag)),
    'abbr', 'bdi', 'caption', 'cite', 'dfn', 'figcaption', 'figure', 'mark', 'small', 'u', 'wbr',
  ],
  strip: strippedTags,
  attributes: {
    ...defaultSchema.attributes,
    '*': ['dir', 'id', 'lang', 'title', 'dataBlock', ['className', authorClass]],
    a: [...allowed('a'), 'role', ['className', 'noteref', 'data-footnote-backref']],
    sup: [['className', 'noteref-sup']],
    div: [['className', 'raw-html']],
    img: ['alt', 'title', 'width', 'height', ['src', /^images\/[0-9a-f]{16}\.(?:png|jpg|gif|webp|svg)$/]],
    input: more('input', 'checked'),
    // `align` becomes a class after sanitizing (rehype-table-align).
    td: more('td', 'align', 'colSpan', 'rowSpan', 'headers'),
    th: more('th', 'align', 'colSpan', 'rowSpan', 'headers', 'abbr', 'scope'),
    ol: more('ol', 'start'),
    li: more('li', 'value'),
    del: more('del', 'cite', 'dateTime'),
    ins: more('ins', 'cite', 'dateTime'),
    q: more('q', 'cite'),
    // A fenced block's language is a word (`ts`, `c++`, `objective-c`): anything else in the info string is dropped.
    code: [['className', /^language-[\w+#.-]+$/]],
    blockquote: more('blockquote', 'cite'),
  },
  // `cite` keeps relative targets only: an absolute one would read to the output check as a load from another host.
  protocols: { href: ['http', 'https', 'mailto'], cite: [], src: [] },
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
