import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';

const headingNames = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Sets each Japanese block beside its English translation: aligned block N of one tree pairs with
 * block N of the other (remark-block-index numbered them). A heading pair becomes one heading holding
 * both languages, so the outline lists each section once; blocks after the aligned ones (the notes)
 * pair up in order.
 */
export function bilingualBody(ja: Root, en: Root): ElementContent[] {
  const jaBlocks = blocksByIndex(ja);
  const enBlocks = blocksByIndex(en);
  const jaRest = trailing(ja);
  const enRest = trailing(en);

  const body: ElementContent[] = [];
  const count = Math.max(jaBlocks.length, enBlocks.length);
  for (let index = 0; index < count; index++) {
    body.push(pair(strip(jaBlocks[index]), strip(enBlocks[index])));
  }
  for (let index = 0; index < Math.max(jaRest.length, enRest.length); index++) {
    body.push(pair(jaRest[index], enRest[index]));
  }
  return body;
}

function blocksByIndex(tree: Root): Element[] {
  return tree.children.filter(
    (node): node is Element => node.type === 'element' && node.properties.dataBlock !== undefined,
  );
}

function trailing(tree: Root): Element[] {
  return tree.children.filter(
    (node): node is Element => node.type === 'element' && node.properties.dataBlock === undefined,
  );
}

function strip(element: Element | undefined): Element | undefined {
  if (!element) return undefined;
  const copy = structuredClone(element);
  delete copy.properties.dataBlock;
  return copy;
}

function pair(ja: Element | undefined, en: Element | undefined): Element {
  if (ja && en && headingNames.has(ja.tagName) && ja.tagName === en.tagName) {
    return h(ja.tagName, { id: ja.properties.id, className: ['bilingual-heading'] }, [
      h('span', { className: ['ja'], lang: 'ja' }, ja.children),
      ' ',
      h('span', { className: ['en'], lang: 'en' }, en.children),
    ]);
  }
  return h('div', { className: ['pair'] }, [
    h('div', { className: ['ja'], lang: 'ja' }, ja ? [ja] : []),
    h('div', { className: ['en'], lang: 'en' }, en ? [en] : []),
  ]);
}
