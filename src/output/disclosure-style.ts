/**
 * Runs in the page (Chromium): why the first element matching `selector` (the disclosure) is not plainly
 * visible, from computed style and layout, or an empty list; with `firstScreen`, it must be on the first
 * screen of the page too. Self-contained, as puppeteer sends its source to the page.
 * Each text of the disclosure must be rendered (not `display:none`, `visibility:hidden`, clipped,
 * covered or off the first screen), nearly opaque, no smaller than `minPx` (or the body's text, if that
 * is smaller), and in a contrast of at least 4.5:1 (WCAG AA) with the backgrounds behind it.
 */
export function disclosureStyleProblems(minPx: number, selector: string, firstScreen: boolean): string[] {
  const problems: string[] = [];
  const box = document.querySelector(selector);
  if (!box) return ['there is no disclosure to show'];
  type Rgba = [number, number, number, number];
  const parse = (color: string): Rgba => {
    const parts = color.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, color.startsWith('rgba') ? (parts[3] ?? 1) : 1];
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  };
  const luminance = ([r, g, b]: Rgba) => {
    const channel = (value: number) => {
      const c = value / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const ancestors = (element: Element) => {
    const chain: Element[] = [];
    for (let at: Element | null = element; at; at = at.parentElement) chain.push(at);
    return chain;
  };
  const bodySize = parseFloat(getComputedStyle(document.body).fontSize);
  const legible = Math.min(minPx, bodySize);
  const describe = (text: string) => `\`${text.length > 24 ? `${text.slice(0, 24)}…` : text}\``;
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    const element = node.parentElement;
    if (!text || !element) continue;
    const what = describe(text);
    const style = getComputedStyle(element);
    if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true, contentVisibilityAuto: true })) {
      problems.push(`${what} is not rendered (display, visibility, opacity or content-visibility hides it)`);
      continue;
    }
    const chain = ancestors(element);
    const opacity = chain.reduce((product, at) => product * parseFloat(getComputedStyle(at).opacity), 1);
    if (opacity < 0.9) problems.push(`${what} is faded to opacity ${opacity.toFixed(2)}`);
    const effects = chain.map((at) => getComputedStyle(at)).find((at) => at.filter !== 'none' || at.mixBlendMode !== 'normal');
    if (effects) problems.push(`${what} is drawn through a filter or blend mode (\`${effects.filter !== 'none' ? effects.filter : effects.mixBlendMode}\`)`);
    const size = parseFloat(style.fontSize);
    const small = size < legible;
    if (small) problems.push(`${what} is set at ${size.toFixed(1)}px, under the legible ${legible}px`);
    // A disclosure that may sit lower on its page (an EPUB's colophon) is brought into view to be hit-tested.
    if (!firstScreen) element.scrollIntoView({ block: 'center', inline: 'center' });
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = Array.from(range.getClientRects()).filter((rect) => rect.width > 0 && rect.height > 0);
    if (rects.length === 0) {
      problems.push(`${what} takes no space on the page`);
      continue;
    }
    for (const rect of rects) {
      const x = rect.left + rect.width / 2;
      const y = rect.top + rect.height / 2;
      const hit = x >= 0 && y >= 0 && x < innerWidth && y < innerHeight ? document.elementFromPoint(x, y) : null;
      if (!hit) {
        problems.push(`${what} is outside the first screen of the page`);
        break;
      }
      if (!box.contains(hit)) {
        problems.push(`${what} is covered by <${hit.tagName.toLowerCase()}${hit.className ? ` class="${String(hit.className)}"` : ''}>`);
        break;
      }
      if (!small && rect.height < legible * 0.8) {
        problems.push(`${what} is drawn ${rect.height.toFixed(1)}px high, under the legible ${legible}px`);
        break;
      }
    }
    // What is behind the text: the backgrounds of it and its ancestors, over the white canvas.
    let behind: Rgba = [255, 255, 255, 1];
    let image = '';
    for (const at of [...chain].reverse()) {
      const own = getComputedStyle(at);
      if (own.backgroundImage !== 'none') image = own.backgroundImage;
      behind = over(parse(own.backgroundColor), behind);
    }
    for (const at of chain.filter((candidate) => box.contains(candidate))) {
      for (const pseudo of ['::before', '::after']) {
        const decoration = getComputedStyle(at, pseudo);
        if (decoration.content !== 'none' && decoration.content !== 'normal' && ['absolute', 'fixed'].includes(decoration.position)) {
          problems.push(`${what} may be covered by a positioned ${pseudo} of <${at.tagName.toLowerCase()}>`);
        }
      }
    }
    if (image) problems.push(`${what} is set on a background image (\`${image.slice(0, 40)}\`), whose contrast cannot be measured`);
    const fill = style.webkitTextFillColor || style.color;
    const ink = over([...parse(fill).slice(0, 3), parse(fill)[3] * opacity] as Rgba, behind);
    const [light, dark] = [luminance(ink), luminance(behind)].sort((a, b) => b - a) as [number, number];
    const contrast = (light + 0.05) / (dark + 0.05);
    if (contrast < 4.5) problems.push(`${what} has a contrast of ${contrast.toFixed(2)}:1 with its background, under 4.5:1`);
  }
  return problems;
}
