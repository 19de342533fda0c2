import { createHash } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Definition, Image, Root } from 'mdast';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';

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
}

/** What the first bytes of each supported image format are. */
const signatures: Array<{ ext: string; mediaType: string; test: (bytes: Buffer) => boolean }> = [
  { ext: 'png', mediaType: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'jpg', mediaType: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'gif', mediaType: 'image/gif', test: (b) => b.toString('latin1', 0, 4) === 'GIF8' },
  { ext: 'webp', mediaType: 'image/webp', test: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP' },
  { ext: 'svg', mediaType: 'image/svg+xml', test: (b) => /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(b.toString('utf8', 0, 512)) },
];

/**
 * Images come from the book folder and nowhere else: the build never downloads. A remote, missing or
 * outside image, or a file that is not an image, is an error at the image's place. A good one is
 * renamed by content (the same bytes always get the same name) and listed in `file.data.images`.
 */
export function remarkImages(options: RemarkImagesOptions) {
  const root = realpathSync(options.root);
  return (tree: Root, file: VFile) => {
    const images: BookImage[] = [];
    imageReferencesToImages(tree);
    /** The image's name in the outputs, or undefined (reported) when it may not be used. */
    const check = (url: string, position: Node['position']): string | undefined => {
      const place = position ? { place: position } : {};
      const fail = (reason: string, ruleId: (typeof ruleIds)[keyof typeof ruleIds]) => report(file, reason, { ruleId, ...place });
      if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) {
        fail(`Image \`${url}\` is not in the book folder: the build never downloads; save the file next to the chapter and link it by a relative path`, ruleIds.remoteImage);
        return undefined;
      }
      const resolved = path.resolve(path.dirname(file.path), decodeURI(url.split(/[?#]/)[0]!));
      let real: string;
      try {
        real = realpathSync(resolved);
      } catch {
        fail(`Cannot find image \`${url}\` (looked for ${path.relative(root, resolved)}); check the path`, ruleIds.missingImage);
        return undefined;
      }
      if (real !== root && !real.startsWith(`${root}${path.sep}`)) {
        fail(`Image \`${url}\` is outside the book folder; copy it into the book and link the copy`, ruleIds.imageOutsideBook);
        return undefined;
      }
      const bytes = readFileSync(real);
      const kind = signatures.find((signature) => signature.test(bytes));
      if (!kind) {
        fail(`\`${url}\` is not a PNG, JPEG, GIF, WebP or SVG image`, ruleIds.notAnImage);
        return undefined;
      }
      const target = `images/${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${kind.ext}`;
      if (!images.some((image) => image.target === target)) images.push({ file: real, target, mediaType: kind.mediaType });
      return target;
    };
    visit(tree, 'image', (node) => {
      const target = check(node.url, node.position);
      if (target) node.url = target;
    });
    // Raw `<img src>` goes through the same checks; one that fails leaves the output (its error stops the build).
    visit(tree, 'html', (node) => {
      node.value = node.value.replace(rawImage, (tag: string, _quote: string | undefined, quoted: string | undefined, bare: string | undefined) => {
        const url = decodeEntities(quoted ?? bare ?? '');
        const target = check(url, node.position);
        return target ? tag.replace(rawImageSrc, `$1"${target}"`) : '';
      }).replace(/<img\b(?![^>]*\ssrc\s*=)[^>]*>/gi, '');
    });
    file.data.images = images;
  };
}

/**
 * `![alt][ref]` becomes the image its definition names, so it goes through the same checks and renaming
 * as `![alt](url)` (left as a reference, it would reach the output with the unchecked, unrenamed URL).
 */
function imageReferencesToImages(tree: Root): void {
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (node) => {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
  });
  visit(tree, 'imageReference', (node, index, parent) => {
    const definition = definitions.get(node.identifier);
    if (!definition || !parent || index === undefined) return;
    const image: Image = { type: 'image', url: definition.url, title: definition.title ?? null, alt: node.alt ?? null };
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
