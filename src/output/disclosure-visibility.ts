import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import type { VFile } from 'vfile';
import { messageFile, report, ruleIds } from '../diagnostics.ts';
import { launchBrowser } from './browser.ts';
import { disclosureStyleProblems } from './disclosure-style.ts';

/**
 * Where each page is measured: a desktop window and a phone (media queries may differ), and printed
 * (the site's print style sheet), where the disclosure need not be on the first sheet.
 */
const screens = [
  { width: 1280, height: 800, media: 'screen', name: 'on a 1280×800 screen' },
  { width: 390, height: 844, media: 'screen', name: 'on a 390×844 screen' },
  { width: 1280, height: 800, media: 'print', name: 'in print' },
] as const;

/**
 * The smallest disclosure text accepted, in CSS px (9px is 6.75pt): our own label is 10.9px on screen and
 * 9.1px in print, its sentence 13.6px and 11.3px.
 */
export const legiblePx = 9;

/** Where the disclosure is on the pages measured, and how their messages name them. */
export interface Where {
  selector: string;
  /** The disclosure must be on the first screen (a site page's header), not only somewhere on the page. */
  firstScreen: boolean;
  /** The file a page's message is on, relative to `shownAs`. */
  file: (relative: string) => string;
  label: (relative: string) => string;
}

const siteWhere: Where = { selector: 'body > header .disclosure', firstScreen: true, file: (relative) => relative, label: (relative) => relative };

/** Pages reported before the check stops opening more: the same rule usually fails them all. */
const maxFailedPages = 5;

/**
 * Opens every page in Chromium (scripts off, every request outside the site refused) and measures its
 * disclosure on each screen and in print. Every page, not one per shell: a style sheet can hide the disclosure only on
 * pages whose content matches a selector (`body:has(table) .disclosure`). A missing or failing browser is a
 * `render-failed` error on the site: it is not published unchecked.
 */
export async function checkDisclosureVisibility(siteDir: string, pages: string[], shownAs: string, executablePath: string | undefined, where: Where = siteWhere): Promise<VFile[]> {
  const siteFile = messageFile(shownAs);
  let browser: Browser;
  try {
    browser = await launchBrowser({ offline: true, ...(executablePath ? { executablePath } : {}) });
  } catch (error) {
    report(siteFile, `Cannot check that the disclosure is visible under the book's own page shell or style sheets: ${(error as Error).message}`, { ruleId: ruleIds.renderFailed });
    return [siteFile];
  }
  const problems: VFile[] = [];
  try {
    const tabs = await Promise.all([openTab(browser, siteDir), openTab(browser, siteDir)]);
    // Two tabs take the pages in turn; once a few pages have failed, the rest are not opened.
    let next = 0;
    let failed = 0;
    const lane = async (tab: Page) => {
      while (next < pages.length && failed < maxFailedPages) {
        const relative = pages[next++]!;
        const reasons = await measure(tab, siteDir, relative, where);
        if (reasons.length === 0) continue;
        failed++;
        const file = messageFile(path.join(shownAs, where.file(relative)));
        const shown = reasons.slice(0, 2).join('; ');
        const more = reasons.length > 2 ? `; and ${reasons.length - 2} more` : '';
        report(file, `${where.label(relative)}: the sponsor disclosure must be plainly visible, but ${shown}${more}`, { ruleId: ruleIds.output, disclosure: true });
        problems.push(file);
      }
    };
    await Promise.all(tabs.map(lane));
    if (next < pages.length) {
      report(siteFile, `The disclosure was not measured on ${pages.length - next} more pages, as ${failed} had failed already`, { ruleId: ruleIds.output });
      problems.push(siteFile);
    }
    problems.sort((a, b) => a.path.localeCompare(b.path));
  } catch (error) {
    report(siteFile, `Cannot check that the disclosure is visible: Chromium failed: ${(error as Error).message}`, { ruleId: ruleIds.renderFailed });
    problems.push(siteFile);
  } finally {
    await browser.close();
  }
  return problems;
}

async function openTab(browser: Browser, siteDir: string): Promise<Page> {
  const tab = await browser.newPage();
  await tab.setJavaScriptEnabled(false);
  await tab.setRequestInterception(true);
  const inside = pathToFileURL(siteDir).href + '/';
  tab.on('request', (request) => {
    if (request.url().startsWith(inside)) void request.continue();
    else void request.abort('blockedbyclient');
  });
  return tab;
}

/**
 * The measurement as source for the page. esbuild (tsx, the compiled bundle) may wrap inner functions in
 * `__name(…)` calls, a helper the page does not have: it gets a do-nothing one.
 */
const inPage = (where: Where, firstScreen: boolean) =>
  `(() => { const __name = (target) => target; return (${disclosureStyleProblems.toString()})(${legiblePx}, ${JSON.stringify(where.selector)}, ${firstScreen}); })()`;

async function measure(tab: Page, siteDir: string, relative: string, where: Where): Promise<string[]> {
  const reasons: string[] = [];
  await tab.setViewport(screens[0]);
  await tab.emulateMediaType('screen');
  await tab.goto(pathToFileURL(path.join(siteDir, relative)).href, { waitUntil: 'load', timeout: 30_000 });
  for (const screen of screens) {
    await tab.setViewport(screen);
    await tab.emulateMediaType(screen.media);
    for (const reason of (await tab.evaluate(inPage(where, where.firstScreen && screen.media === 'screen'))) as string[]) {
      const line = `${reason} (${screen.name})`;
      if (!reasons.includes(line)) reasons.push(line);
    }
  }
  return reasons;
}
