/**
 * The book's cover, drawn from the metadata by the EPUB's code, which the site's link-preview cards show too.
 * It belongs to no one output any more: this is where outputs other than the EPUB reach it, until the
 * drawing itself moves beside this file.
 */
export { type Cover, renderCover } from './epub/cover.ts';
