import { Parser } from 'htmlparser2';
import { foreignCssReferences } from './css-references.ts';
import { attributeUrls } from './references.ts';
import { lineLocator } from './text-lines.ts';

/** Why an SVG is unsafe to publish, with its line in the SVG. */
export interface SvgProblem {
  reason: string;
  line: number;
}

/** Elements that run script, embed other documents or animate a link's target into `javascript:`. */
const refusedElements = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'handler', 'listener', 'audio', 'video']);
const animations = new Set(['set', 'animate', 'animatemotion', 'animatetransform', 'animatecolor']);
/**
 * What an SVG may carry inside itself as `data:` URLs: raster pictures, and fonts (drawing programs such as
 * Excalidraw embed theirs). Neither can hold script or reach anywhere.
 */
const embedded = /^data:(image\/(png|jpeg|gif|webp)|font\/(woff2?|ttf|otf|sfnt)|application\/(font-woff2?|x-font-(ttf|otf|woff)|vnd\.ms-opentype))[;,]/i;

/** A URL as a message quotes it: a long `data:` URL by its start. */
const quoted = (url: string) => (url.length > 80 ? `${url.slice(0, 60)}…` : url);

/**
 * The problems of an SVG that would let it run script or reach another host once published: opened on its
 * own (as `images/<hash>.svg` under the site's origin) an SVG is a document, not a picture. An allow-list
 * of references: only `#fragments` and embedded raster images; no script, no event
 * handler, no style sheet processing instruction, no DTD (entities).
 */
export function svgProblems(svg: string): SvgProblem[] {
  const problems: SvgProblem[] = [];
  const locate = lineLocator(svg);
  const lines = (offset: number) => locate(offset).line;
  let styleDepth = 0;
  let style = '';
  let styleStart = 0;
  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        const line = lines(parser.startIndex);
        const local = localName(name);
        if (refusedElements.has(local)) problems.push({ reason: `<${name}>`, line });
        if (local === 'style') {
          styleDepth++;
          styleStart = line;
        }
        for (const [attribute, value] of Object.entries(attributes)) {
          const key = localName(attribute);
          if (key.startsWith('on')) problems.push({ reason: `an event handler \`${attribute}\` on <${name}>`, line });
          if (animations.has(local) && key === 'attributename' && /href$|^on/i.test(value)) problems.push({ reason: `<${name}> that rewrites \`${value}\``, line });
          const urls = key === 'href' ? [value] : attributeUrls(attribute, value);
          for (const url of urls) {
            if (!isLocal(url)) problems.push({ reason: `a reference to \`${quoted(url)}\` in \`${attribute}\` of <${name}>`, line });
          }
          if (key === 'style' || /url\(|@import/i.test(value)) {
            for (const found of foreignCssReferences(value).filter((found) => !isLocal(found.url))) problems.push({ reason: `a reference to \`${quoted(found.url)}\` in \`${attribute}\` of <${name}>`, line });
          }
        }
      },
      ontext(text) {
        if (styleDepth > 0) style += text;
      },
      onclosetag(name) {
        if (localName(name) !== 'style' || styleDepth === 0) return;
        styleDepth--;
        for (const found of foreignCssReferences(style).filter((found) => !(found.kind === 'url()' && isLocal(found.url)))) {
          problems.push({ reason: `${found.kind} \`${quoted(found.url)}\` in <style>`, line: styleStart + found.line - 1 });
        }
        style = '';
      },
      onprocessinginstruction(name, data) {
        const lower = name.toLowerCase();
        if (lower === '?xml') return;
        if (lower === '!doctype' && !/[[<]/.test(data)) return;
        problems.push({ reason: lower === '!doctype' ? 'a DTD with its own declarations' : `a processing instruction \`<${data}>\``, line: lines(parser.startIndex) });
      },
    },
    { xmlMode: true },
  );
  parser.end(svg);
  return problems;
}

function localName(name: string): string {
  return (name.split(':').pop() ?? name).toLowerCase();
}

/**
 * A fragment of the SVG itself, or an embedded raster picture or font. A file beside it is refused too: published
 * as `images/<hash>.svg`, the SVG no longer sits beside anything.
 */
function isLocal(url: string): boolean {
  const trimmed = url.trim();
  return trimmed.startsWith('#') || embedded.test(trimmed);
}
