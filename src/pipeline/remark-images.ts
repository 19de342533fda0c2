import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Html, Image, Root } from 'mdast';
import type { Node } from 'unist';
import { definitions } from 'mdast-util-definitions';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';
import { mapLimit } from '../config/map-limit.ts';
import { svgProblems } from './svg-check.ts';
import { rawPlace } from './raw-html-tags.ts';
import { defaultMaxImageBytes, readImage } from './read-image.ts';

/** An image of the book, copied next to the pages and into the EPUB under `images/`. */
export interface BookImage {
  /** The file in the book folder. */
  file: string;
  /** Where outputs put it, relative to a chapter page: `images/<hash>.<ext>`. */
  target: string;
  mediaType: string;
}

declare module 'vfile' {
  interface DataMap {
    images: BookImage[];
  }
}

export interface RemarkImagesOptions {
  /** The book folder: images must be inside it. */
  root: string;
  /** The largest image accepted. Raise it only for a book of print-resolution plates: readers choke on bigger. */
  maxImageBytes?: number;
}

/** What the first bytes of each supported image format are. */
const signatures: Array<{ ext: string; mediaType: string; test: (bytes: Buffer) => boolean }> = [
  { ext: 'png', mediaType: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'jpg', mediaType: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'gif', mediaType: 'image/gif', test: (b) => b.toString('latin1', 0, 4) === 'GIF8' },
  { ext: 'webp', mediaType: 'image/webp', test: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP' },
  // A DOCTYPE may stand before the root, as drawing programs write SVG 1.1 (svg-check refuses one with declarations).
  { ext: 'svg', mediaType: 'image/svg+xml', test: (b) => /^\s*(<\?xml[^>]*>\s*)?((<!--[\s\S]*?-->|<!DOCTYPE\s+svg\b[^>[]*>)\s*)*<svg[\s>]/i.test(b.toString('utf8', 0, 1024)) },
];

/**
 * Images come from the book folder and nowhere else: the build never downloads. A remote, missing or
 * outside image, a file that is not an image (a folder, a FIFO, another format), one too large, or an SVG
 * that could run script or reach another host, is an error at the image's place. A good one is renamed by
 * content (the same bytes always get the same name) and listed in `file.data.images`.
 */
export function remarkImages(options: RemarkImagesOptions) {
  const root = realpathSync(options.root);
  const maxBytes = options.maxImageBytes ?? defaultMaxImageBytes;
  return async (tree: Root, file: VFile) => {
    imageReferencesToImages(tree);
    // Markdown images and raw `<img src>` go through the same checks, all read at once (a few at a time).
    const wanted: Array<{ url: string; position: Node['position'] }> = [];
    const nodes: Image[] = [];
    visit(tree, 'image', (node) => {
      nodes.push(node);
      wanted.push({ url: node.url, position: node.position });
    });
    const raws: Html[] = [];
    visit(tree, 'html', (node) => {
      const matches = [...node.value.matchAll(rawImage)];
      if (matches.length === 0) return;
      raws.push(node);
      // Reported at the `<img>` tag itself, on its own line of a raw block.
      for (const match of matches) wanted.push({ url: decodeEntities(match[2] ?? match[3] ?? ''), position: rawPlace(file, node, match.index, match.index + match[0].length) });
    });
    const resolved = await mapLimit(wanted, 4, ({ url }) => resolveImage(url, file, root, maxBytes));
    // Reported once all are read, in the text's order: the reads finish in any order.
    const found = resolved.map((outcome, index) => {
      if (!('problem' in outcome)) return outcome;
      const { position } = wanted[index]!;
      report(file, outcome.problem, { ruleId: outcome.ruleId, ...(position ? { place: position } : {}) });
      return undefined;
    });
    const images: BookImage[] = [];
    for (const image of found) if (image && !images.some((known) => known.target === image.target)) images.push(image);
    nodes.forEach((node, index) => {
      const image = found[index];
      if (image) node.url = image.target;
    });
    // A raw `<img>` that fails leaves the output (its error stops the build); one without `src` always does.
    let next = nodes.length;
    for (const node of raws) {
      node.value = node.value
        .replace(rawImage, (tag: string) => {
          const image = found[next++];
          return image ? tag.replace(rawImageSrc, `$1"${image.target}"`) : '';
        })
        .replace(/<img\b(?![^>]*\ssrc\s*=)[^>]*>/gi, '');
    }
    file.data.images = images;
  };
}

type ImageProblem = { problem: string; ruleId: (typeof ruleIds)[keyof typeof ruleIds] };

async function resolveImage(url: string, file: VFile, root: string, maxBytes: number): Promise<BookImage | ImageProblem> {
  const fail = (problem: string, ruleId: ImageProblem['ruleId']): ImageProblem => ({ problem, ruleId });
  if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) {
    return fail(`Image \`${url}\` is not in the book folder: the build never downloads; save the file next to the chapter and link it by a relative path`, ruleIds.remoteImage);
  }
  let decoded: string;
  try {
    decoded = decodeURI(url.split(/[?#]/)[0]!);
  } catch {
    return fail(`Image \`${url}\` has a malformed %-escape; write \`%25\` for a percent sign, or the character itself`, ruleIds.missingImage);
  }
  // `/img/x.png` is a path from the site's root, as Hugo (`static/`), Docusaurus (`static/`) and Starlight
  // (`public/`) serve it: looked for in the book's content folder and in those, never the disk's root.
  const fromSiteRoot = decoded.startsWith('/');
  const resolved = fromSiteRoot ? path.join(root, 'content', decoded) : path.resolve(path.dirname(file.path), decoded);
  const elsewhere = fromSiteRoot ? ['static', 'public'].map((folder) => path.join(root, folder, decoded)) : sharedPlaces(file.path, root, decoded);
  let real: string | undefined;
  for (const candidate of [resolved, ...elsewhere]) {
    real = await realpath(candidate).catch(() => undefined);
    if (real) break;
  }
  if (!real) {
    const looked = fromSiteRoot ? [resolved, ...elsewhere].map((candidate) => path.relative(root, candidate)).join(', ') : path.relative(root, resolved);
    return fail(`Cannot find image \`${url}\` (looked for ${looked}); check the path`, ruleIds.missingImage);
  }
  if (real !== root && !real.startsWith(`${root}${path.sep}`)) {
    return fail(`Image \`${url}\` is outside the book folder; copy it into the book and link the copy`, ruleIds.imageOutsideBook);
  }
  let read: Awaited<ReturnType<typeof readImage>>;
  try {
    read = await readImage(real, maxBytes);
  } catch (error) {
    return fail(`Cannot read image \`${url}\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, ruleIds.unreadableFile);
  }
  if ('problem' in read) {
    return read.problem === 'too-large'
      ? fail(`Image \`${url}\` is too large (${read.detail}; at most ${maxBytes / 1024 / 1024} MB); make it smaller`, ruleIds.tooLarge)
      : fail(`\`${url}\` is ${read.detail}, not an image file`, ruleIds.notAnImage);
  }
  const kind = signatures.find((signature) => signature.test(read.bytes));
  if (!kind) return fail(`\`${url}\` is not a PNG, JPEG, GIF, WebP or SVG image`, ruleIds.notAnImage);
  if (kind.ext === 'svg') {
    const problems = svgProblems(read.bytes.toString('utf8'));
    if (problems.length > 0) {
      const listed = problems.slice(0, 3).map((problem) => `${problem.reason} (line ${problem.line})`).join(', ');
      return fail(`SVG image \`${url}\` has ${listed}${problems.length > 3 ? ` and ${problems.length - 3} more` : ''}; an image may carry no script, event handler or reference to another file or host: remove them, or export it as PNG`, ruleIds.unsafeImage);
    }
  }
  const target = `images/${createHash('sha256').update(read.bytes).digest('hex').slice(0, 16)}.${kind.ext}`;
  return { file: real, target, mediaType: kind.mediaType };
}

/**
 * Where else a translation's image may be, when it is not beside the chapter: translated documentation
 * shares its images with the original, in the other language's folder at the same place (Hugo's page
 * bundles) or beside the language folders (MkDocs' `docs/assets/`, here `content/assets/`).
 */
function sharedPlaces(chapterFile: string, root: string, relative: string): string[] {
  const content = path.join(root, 'content');
  let dir: string;
  try {
    dir = realpathSync(path.dirname(path.resolve(chapterFile)));
  } catch {
    return [];
  }
  const [lang, ...rest] = path.relative(content, dir).split(path.sep);
  if (lang !== 'ja' && lang !== 'en') return [];
  return [path.join(content, lang === 'ja' ? 'en' : 'ja', ...rest, relative), path.join(content, ...rest, relative)];
}

/**
 * `![alt][ref]` becomes the image its definition names, so it goes through the same checks and renaming
 * as `![alt](url)` (left as a reference, it would reach the output with the unchecked, unrenamed URL).
 */
function imageReferencesToImages(tree: Root): void {
  const definition = definitions(tree);
  visit(tree, 'imageReference', (node, index, parent) => {
    const found = definition(node.identifier);
    if (!found || !parent || index === undefined) return;
    const image: Image = { type: 'image', url: found.url, title: found.title ?? null, alt: node.alt ?? null };
    if (node.position) image.position = node.position;
    parent.children[index] = image;
  });
}

/** An `<img>` tag with its `src` (quoted or bare). */
const rawImage = /<img\b[^>]*?\ssrc\s*=\s*(?:(["'])(.*?)\1|([^\s"'>]+))[^>]*>/gis;
const rawImageSrc = /(\ssrc\s*=\s*)(?:"[^"]*"|'[^']*'|[^\s"'>]+)/i;

function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}
