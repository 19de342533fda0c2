import type { PrintDocument } from './document.ts';
import { PdfRenderError } from './error.ts';
import type { Sandbox } from './sandbox.ts';

/**
 * Packs each chapter of a spreads edition (spreads.ts) into facing pages, in the print page, once its fonts
 * have loaded and before the first printing. Every page is a box of exactly the text block (spreads.css), the
 * Japanese one set vertically, the English one across, and one spread is a Japanese page followed by its
 * English page. Fails with a PdfRenderError when any text would be clipped or lost: paper has no scroll bar.
 */
export async function packSpreads(print: Sandbox, document: PrintDocument, label: string): Promise<void> {
  if (!document.spreads) return;
  const problems = await print.evaluate(packChapters, longShare);
  if (problems.length === 0) return;
  const shown = problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '');
  throw new PdfRenderError(
    `The ${label} PDF's spreads cannot hold all of the text: ${shown}. Shorten or split the block, or make the image or table smaller, so that it fits one page`,
  );
}

/** A unit larger than this share of a page is split to fill the spread it starts on; a smaller one moves whole to the next. */
const longShare = 1 / 3;

/**
 * Runs in the print page. Greedy, unit by unit (a unit: a pair's Japanese and English blocks): a unit goes on the
 * current spread when its Japanese still fits the Japanese page and its English the English page (overflow
 * measured: `scrollWidth` for the vertical page, `scrollHeight` for the horizontal one); else a short unit
 * starts the next spread, and a long one is split so that the current spread takes as much of it as both pages
 * hold, and the rest continues on the next. Both languages are split at the same share of their text, so the
 * two pages of a spread keep showing the same part of the pair. A split falls between characters in Japanese
 * (not before closing punctuation, after an opening bracket, or inside a Latin word) and between words in
 * English, never inside ruby, 縦中横 or a note call; the blocks it cuts through are cloned (a Range over the text)
 * and marked, so a continued paragraph has no indent and a continued list item no second marker. A heading
 * left last on a spread moves on with what follows it. Returns what does not fit, one sentence each.
 */
async function packChapters(longShare: number): Promise<string[]> {
  const page = globalThis.document;
  const problems: string[] = [];
  // A face's subset loads only once laid-out text needs it, and hidden rows need none: measured in the fallback
  // font, a page packed full comes out too full once the book's faces arrive (measured). The rows are laid out
  // out of sight first, until every face they use has loaded.
  const sources = Array.from(page.querySelectorAll<HTMLElement>('.chapter.spreads > .spread-source'));
  for (const source of sources) source.style.cssText = 'display: block; position: absolute; left: -10000px; top: 0; width: 500px; visibility: hidden';
  void page.body.offsetHeight;
  await page.fonts.ready;
  for (const source of sources) source.style.cssText = '';
  // Never cut inside these: a heading stays whole, as do ruby, 縦中横 and a note call with the word before it.
  const atomic = 'h1, h2, h3, h4, h5, h6, ruby, .tcy, .upright, sup, .note-call, .noteref, .name, .url-part';
  const opening = /[「『（(［[｛{〈《【〔“‘]/;
  const closing = /[、。，．・：；？！ー」』）)］\]｝}〉》】〕”’ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ…‥]/;
  const latin = /[A-Za-z0-9]/;
  type Side = 'ja' | 'en';
  interface Spread {
    ja: HTMLElement;
    en: HTMLElement;
    /** What was placed, in order, each with the nodes it put on each page. */
    placed: Array<{ nodes: Record<Side, Node[]>; heading: boolean }>;
  }
  // Across a vertical page, down a horizontal one, and the other way too: a horizontal table on a vertical
  // page can run past its foot, a long unbreakable word past an English page's edge. The scroll sizes alone
  // miss a block pushed past the left edge of a vertical page after a horizontal box (measured): each
  // block's own box is checked too.
  const overflows = (box: HTMLElement) => {
    if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) return true;
    const outer = box.getBoundingClientRect();
    return Array.from(box.children).some((child) => {
      const inner = child.getBoundingClientRect();
      return inner.left < outer.left - 1 || inner.right > outer.right + 1 || inner.top < outer.top - 1 || inner.bottom > outer.bottom + 1;
    });
  };
  const textOf = (node: Node) => (node.textContent ?? '').replace(/\s+/g, '');

  for (const article of Array.from(page.querySelectorAll<HTMLElement>('.chapter.spreads'))) {
    const source = article.querySelector<HTMLElement>(':scope > .spread-source');
    if (!source) continue;
    const units = Array.from(source.querySelectorAll<HTMLElement>(':scope > .spread-unit'), (unit) => {
      const [ja, en] = Array.from(unit.children) as HTMLElement[];
      return { ja: ja!, en: en! };
    });
    const before = { ja: units.map((unit) => textOf(unit.ja)).join(''), en: units.map((unit) => textOf(unit.en)).join('') };
    const title = (article.querySelector('h1')?.textContent ?? '').trim();
    const spreads: Spread[] = [];
    const newSpread = (): Spread => {
      const make = (side: Side) => {
        const box = page.createElement('div');
        box.className = `spread-page spread-${side}`;
        box.lang = side;
        return box;
      };
      const spread = { ja: make('ja'), en: make('en'), placed: [] };
      article.append(spread.ja, spread.en);
      spreads.push(spread);
      return spread;
    };
    let current = newSpread();

    /** Moves the nodes of both sides onto the spread's pages; returns them, to take back if they do not fit. */
    const put = (spread: Spread, content: Record<Side, Node[]>) => {
      for (const side of ['ja', 'en'] as const) spread[side].append(...content[side]);
      return content;
    };
    const fits = (spread: Spread) => !overflows(spread.ja) && !overflows(spread.en);
    const takeBack = (content: Record<Side, Node[]>) => content.ja.concat(content.en).forEach((node) => node.parentNode?.removeChild(node));
    /** How much of a page the nodes take, as a share: their extent across the vertical page, down the horizontal one. */
    const share = (nodes: Node[], side: Side, box: HTMLElement) => {
      const rects = nodes.flatMap((node) => (node instanceof Element ? [node.getBoundingClientRect()] : []));
      if (rects.length === 0) return 0;
      const outer = box.getBoundingClientRect();
      if (side === 'ja') return (Math.max(...rects.map((rect) => rect.right)) - Math.min(...rects.map((rect) => rect.left))) / outer.width;
      return (Math.max(...rects.map((rect) => rect.bottom)) - Math.min(...rects.map((rect) => rect.top))) / outer.height;
    };

    /** The places a side's text may be split at, in text order, with how many characters come before each. */
    const splitPoints = (container: HTMLElement, side: Side) => {
      const walker = page.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      const texts: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
      const flat = texts.map((text) => text.data).join('');
      const firstLetter = flat.search(/\S/);
      const points: Array<{ node: Text; offset: number; at: number }> = [];
      let at = 0;
      for (const text of texts) {
        const inAtom = text.parentElement?.closest(atomic);
        const free = !inAtom || !container.contains(inAtom);
        // A table is cut only between rows (before a row's first text), code only between lines.
        const row = text.parentElement?.closest('tr');
        const inRow = row && container.contains(row) ? row : undefined;
        const rowStart = inRow !== undefined && page.createTreeWalker(inRow, NodeFilter.SHOW_TEXT).nextNode() === text;
        const code = text.parentElement?.closest('pre');
        const inCode = code !== null && code !== undefined && container.contains(code);
        for (let offset = 0; offset < text.data.length; offset++) {
          const index = at + offset;
          const [previous, next] = [flat[index - 1] ?? '', flat[index] ?? ''];
          // Never before the first letter: a head of white space alone would leave an empty box behind.
          const ok =
            index > firstLetter &&
            free &&
            (inRow ? rowStart && offset === 0 : inCode ? previous === '\n' : side === 'en'
              ? /\s/.test(previous) && !/\s/.test(next)
              : !/\s/.test(next) && !closing.test(next) && !opening.test(previous) && !(latin.test(previous) && latin.test(next)) && !/[\uDC00-\uDFFF]/.test(next));
          if (ok) points.push({ node: text, offset, at: index });
        }
        at += text.data.length;
      }
      return { points, total: flat.length };
    };

    /** The side's content cut at a point: what comes before it and what after, each as nodes, the cut blocks marked. */
    const cut = (container: HTMLElement, point: { node: Text; offset: number }): [Node[], Node[]] => {
      const cutThrough: Element[] = [];
      for (let element = point.node.parentElement; element && element !== container; element = element.parentElement) cutThrough.push(element);
      cutThrough.forEach((element) => element.setAttribute('data-spread-cut', ''));
      const range = page.createRange();
      range.setStart(container, 0);
      range.setEnd(point.node, point.offset);
      const head = range.cloneContents();
      range.setStart(point.node, point.offset);
      range.setEnd(container, container.childNodes.length);
      const rest = range.cloneContents();
      cutThrough.forEach((element) => element.removeAttribute('data-spread-cut'));
      head.querySelectorAll('[data-spread-cut]').forEach((element) => {
        element.removeAttribute('data-spread-cut');
        element.classList.add('spread-cut-after');
      });
      rest.querySelectorAll('[data-spread-cut]').forEach((element) => {
        element.removeAttribute('data-spread-cut');
        element.removeAttribute('id');
        element.classList.add('spread-cut-before');
        // A continued numbered list goes on with its numbers: its first item is the one cut, with no marker.
        if (element.tagName === 'OL') {
          const start = Number(element.getAttribute('start') ?? '1');
          const headList = head.querySelector(`ol.spread-cut-after`);
          const shown = headList ? headList.querySelectorAll(':scope > li').length : 1;
          element.setAttribute('start', String(start + shown - 1));
        }
      });
      return [Array.from(head.childNodes), Array.from(rest.childNodes)];
    };

    /**
     * Splits a unit so that the spread takes as much of it as both pages hold: the largest share of the text that
     * fits each page (a binary search over its split points), the smaller of the two for both. Returns false when
     * not even the first split point fits.
     */
    const split = (spread: Spread, unit: Record<Side, HTMLElement>): Record<Side, Node[]> | undefined => {
      const found = (['ja', 'en'] as const).map((side) => {
        const { points, total } = splitPoints(unit[side], side);
        if (unit[side].childNodes.length === 0) return { side, points, total, share: 1 };
        // Whole, it may fit already; without text (an image) it cannot be cut.
        const whole = put(spread, { ja: [], en: [], [side]: Array.from(unit[side].childNodes, (node) => node.cloneNode(true)) } as Record<Side, Node[]>);
        const wholeFits = !overflows(spread[side]);
        takeBack(whole);
        if (wholeFits) return { side, points, total, share: 1 };
        if (points.length === 0) return { side, points, total, share: 0 };
        let [low, high] = [-1, points.length - 1];
        while (low < high) {
          const middle = Math.ceil((low + high + 1) / 2);
          const [head] = cut(unit[side], points[middle]!);
          const placed = put(spread, { ja: [], en: [], [side]: head } as Record<Side, Node[]>);
          const ok = !overflows(spread[side]);
          takeBack(placed);
          if (ok) low = middle;
          else high = middle - 1;
        }
        return { side, points, total, share: low < 0 ? 0 : points[low]!.at / total };
      });
      const shared = Math.min(...found.map((side) => side.share));
      if (shared <= 0) return undefined;
      const rests: Record<Side, Node[]> = { ja: [], en: [] };
      const heads: Record<Side, Node[]> = { ja: [], en: [] };
      for (const { side, points, total } of found) {
        const wanted = shared * total;
        const point = [...points].reverse().find((candidate) => candidate.at <= wanted + 0.5);
        if (shared >= 1 || total === 0 || !point) {
          if (shared >= 1 || total === 0) heads[side] = Array.from(unit[side].childNodes);
          else rests[side] = Array.from(unit[side].childNodes);
          continue;
        }
        [heads[side], rests[side]] = cut(unit[side], point);
      }
      put(spread, heads);
      return rests;
    };

    const restUnit = (rests: Record<Side, Node[]>): Record<Side, HTMLElement> => {
      const holder = (nodes: Node[]) => {
        const box = page.createElement('div');
        box.append(...nodes);
        return box;
      };
      return { ja: holder(rests.ja), en: holder(rests.en) };
    };

    /** Starts the next spread, taking along the headings left last on this one: a heading never ends a spread. */
    const moveOn = () => {
      const carried: Array<Spread['placed'][number]> = [];
      while (current.placed.length > 1 && current.placed.at(-1)!.heading) carried.unshift(current.placed.pop()!);
      current = newSpread();
      for (const kept of carried) current.placed.push({ nodes: put(current, kept.nodes), heading: kept.heading });
    };

    for (const first of units) {
      let unit: Record<Side, HTMLElement> = first;
      const heading = unit.ja.querySelector(':scope > :is(h1, h2, h3, h4, h5, h6)') !== null && unit.ja.children.length === 1;
      for (let attempts = 0; ; attempts++) {
        // A bound on the spreads one unit may take, so a layout that never settles cannot hang the printing.
        if (attempts > 1000) {
          problems.push(`in “${title}”, a block did not settle on any spread`);
          break;
        }
        const content = put(current, { ja: Array.from(unit.ja.childNodes), en: Array.from(unit.en.childNodes) });
        if (fits(current)) {
          current.placed.push({ nodes: content, heading });
          break;
        }
        const long = Math.max(share(content.ja, 'ja', current.ja), share(content.en, 'en', current.en)) > longShare;
        // Taken back into the unit, in order, to be placed again or split.
        unit.ja.append(...content.ja);
        unit.en.append(...content.en);
        const empty = current.placed.length === 0;
        if (!empty && !long) {
          moveOn();
          continue;
        }
        const rests = split(current, unit);
        if (!rests) {
          if (!empty) {
            moveOn();
            continue;
          }
          // Not one line fits an empty page: placed whole, the check below reports it.
          current.placed.push({ nodes: put(current, { ja: Array.from(unit.ja.childNodes), en: Array.from(unit.en.childNodes) }), heading });
          break;
        }
        current.placed.push({ nodes: { ja: [], en: [] }, heading: false });
        current = newSpread();
        unit = restUnit(rests);
        if (unit.ja.childNodes.length === 0 && unit.en.childNodes.length === 0) break;
      }
    }
    // A spread left empty (a unit that moved on whole after it was started) is taken out.
    for (const spread of spreads) {
      if (spread.ja.childNodes.length === 0 && spread.en.childNodes.length === 0) {
        spread.ja.remove();
        spread.en.remove();
      }
    }
    source.remove();

    // Nothing clipped, nothing lost: every page holds what it shows, and the pages hold the chapter's text.
    for (const side of ['ja', 'en'] as const) {
      const boxes = Array.from(article.querySelectorAll<HTMLElement>(`:scope > .spread-${side}`));
      boxes.forEach((box, index) => {
        if (overflows(box)) {
          const start = (box.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
          problems.push(`in “${title}”, the ${side === 'ja' ? 'Japanese' : 'English'} page of spread ${index + 1} (from “${start}”) is too full`);
        }
      });
      const after = boxes.map((box) => textOf(box)).join('');
      if (after !== before[side]) problems.push(`in “${title}”, the ${side === 'ja' ? 'Japanese' : 'English'} pages do not hold the chapter's text as written`);
    }
  }
  return problems;
}
