/**
 * The sponsor disclosure must be legible wherever the PDF shows it (ステマ規制), whatever a book's stylesheet
 * says. The rules here win over the usual ways of hiding text (colour, visibility, opacity, display, position);
 * the check below (in Chromium, before printing) and the one in `verify-pdf.ts` (of the printed PDF: size and
 * ink contrast of the foot on every page) refuse the PDF where a book's stylesheet still gets its way.
 */

/** The smallest text the disclosure may be set in. Below 6 pt print is hard to read; our own feet use 6–6.5 pt. */
export const minimumDisclosurePt = 6;

/** The contrast of the disclosure's text on its background, at least: WCAG's AA level for body text. */
export const minimumDisclosureContrast = 4.5;

const shown = 'visibility: visible !important; opacity: 1 !important;';

/**
 * The first CSS of the print document. It declares the layer the title page's rules sit in, so that layer is the
 * earliest and its `!important` beats every other, however specific. And it holds the foot's rules: in Chromium's
 * margin boxes the first `!important` declaration wins, whatever comes later and however specific (measured:
 * a book's later `@page :right { … color: #fff !important }` lost to these, and won when these came last).
 */
export function disclosureLeadRules(): string {
  const foot = `@bottom-center { ${shown} color: #333 !important; }`;
  return ['@layer bilingual-book-disclosure;', ...['', ' :left', ' :right', ' :first'].map((selector) => `@page${selector} { ${foot} }`)].join('\n');
}

/**
 * The title page's disclosure block, shown whatever a book's stylesheet says. The colours are the ones book.css
 * gives: a book that sets them the same prints the same, one that hides them is overruled.
 */
export function disclosureRules(): string {
  return [
    '@layer bilingual-book-disclosure {',
    `  .disclosure, .disclosure * { ${shown} color: #111 !important; content-visibility: visible !important; filter: none !important; position: static !important; text-indent: 0 !important; }`,
    '  .disclosure { display: block !important; clip-path: none !important; transform: none !important; }',
    '  .disclosure p { display: block !important; }',
    '}',
  ].join('\n');
}

/**
 * What is wrong with the print document's disclosure blocks as Chromium lays them out for print, one sentence a
 * problem (none: all is well). Runs in the page: everything it uses is inside it.
 */
export function disclosureProblems(sponsors: string[], minimumPx: number, minimumContrast: number): string[] {
  const problems: string[] = [];
  // The title page's blocks: the ones under the chapter titles repeat them, and the foot check covers every page.
  const blocks = Array.from(document.querySelectorAll<HTMLElement>('.disclosure:not(.chapter-disclosure)'));
  if (blocks.length === 0) return ['the title page has no disclosure block (`.disclosure`)'];
  const canvas = document.createElement('canvas');
  canvas.width = 1;
  canvas.height = 1;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  /** A colour as sRGB 0–255 and alpha 0–1, whatever syntax the computed style uses. */
  const rgba = (color: string): [number, number, number, number] => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = '#000';
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0, a = 0] = context.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top: [number, number, number, number], below: [number, number, number]): [number, number, number] =>
    [0, 1, 2].map((i) => top[i]! * top[3] + below[i]! * (1 - top[3])) as [number, number, number];
  const luminance = (color: [number, number, number]) => {
    const [r, g, b] = color.map((value) => {
      const c = value / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  /** The colour behind an element: its ancestors' backgrounds laid on white paper, outermost first. */
  const backdrop = (element: Element): [number, number, number] => {
    const chain: Element[] = [];
    for (let node: Element | null = element; node; node = node.parentElement) chain.unshift(node);
    return chain.reduce<[number, number, number]>((below, node) => over(rgba(getComputedStyle(node).backgroundColor), below), [255, 255, 255]);
  };
  const opacity = (element: Element) => {
    let product = 1;
    for (let node: Element | null = element; node; node = node.parentElement) product *= Number(getComputedStyle(node).opacity);
    return product;
  };
  blocks.forEach((block, index) => {
    const name = blocks.length > 1 ? `disclosure block ${index + 1}` : 'disclosure block';
    const text = (block.textContent ?? '').replace(/\s+/g, '');
    for (const sponsor of sponsors) if (!text.includes(sponsor.replace(/\s+/g, ''))) problems.push(`the ${name} does not name the sponsor “${sponsor}”`);
    const carriers = [block, ...Array.from(block.querySelectorAll('*'))].filter((element) =>
      Array.from(element.childNodes).some((child) => child.nodeType === Node.TEXT_NODE && (child.textContent ?? '').trim() !== ''),
    );
    for (const element of carriers) {
      const style = getComputedStyle(element);
      const rect = element.getBoundingClientRect();
      const what = `the ${name}’s text “${(element.textContent ?? '').trim().slice(0, 20)}…”`;
      if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true }) || rect.width < 1 || rect.height < 1) {
        problems.push(`${what} is hidden`);
        continue;
      }
      // Print starts at the document's top left corner: what lies above or left of it is on no page.
      if (rect.right + window.scrollX <= 0 || rect.bottom + window.scrollY <= 0 || rect.left + window.scrollX < 0) {
        problems.push(`${what} is placed outside the page`);
        continue;
      }
      // Something laid over the text (a box of the page's colour) hides it as well as `visibility` would. What
      // is on top must be the element or inside it: an ancestor on top is one whose `::after` covers the text.
      // Hit testing sees only the viewport: the text is scrolled into it, and the scroll put back afterwards.
      element.scrollIntoView({ block: 'center', inline: 'center' });
      const shownAt = element.getBoundingClientRect();
      const onTop = document.elementFromPoint((shownAt.left + shownAt.right) / 2, (shownAt.top + shownAt.bottom) / 2);
      window.scrollTo(0, 0);
      if (onTop && !element.contains(onTop)) {
        problems.push(`${what} is covered by another element`);
        continue;
      }
      const size = Number.parseFloat(style.fontSize);
      if (!(size >= minimumPx)) problems.push(`${what} is ${Math.round(size * 75) / 100} pt, under the ${Math.round(minimumPx * 75) / 100} pt minimum`);
      const below = backdrop(element);
      const color = rgba(style.color);
      const ink = over([color[0], color[1], color[2], color[3] * opacity(element)], below);
      const [light, dark] = [luminance(below), luminance(ink)].sort((a, b) => b - a) as [number, number];
      const contrast = (light + 0.05) / (dark + 0.05);
      if (!(contrast >= minimumContrast)) problems.push(`${what} has a contrast of ${contrast.toFixed(2)}:1 with its background, under ${minimumContrast}:1`);
    }
  });
  return problems;
}
