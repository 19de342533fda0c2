import type { Element, ElementContent } from 'hast';
import type { Lang } from '../../config/schema.ts';
import type { PageShare } from './social.ts';

/** A page of the site, before it is filled into the shell. */
export interface Page {
  /** From the site root, with `/`. */
  path: string;
  lang: Lang;
  title: string;
  description: string;
  bodyClass: string;
  head: Element[];
  disclosure: Element[];
  nav: Element[];
  sidebar: Element[];
  main: ElementContent[];
  footer: Element[];
  /** What a shared link to the page shows. */
  share: PageShare;
}

