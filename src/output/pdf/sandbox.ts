import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, HTTPRequest, Page } from 'puppeteer';

/** What the print page may load: the files the build wrote, and the font files our print CSS names. */
export interface LoadPolicy {
  /** The folder the build wrote the print document and the book's images into. */
  workDir: string;
  /** The document Chromium opens; the only page the main frame may navigate to. */
  documentUrl: string;
  /** `file://` URLs outside `workDir` that may load too (our fonts, in node_modules). */
  extraFiles: ReadonlySet<string>;
}

/** A print page that runs none of the document's scripts and loads nothing the policy does not allow. */
export interface Sandbox {
  /** Every URL the page asked for and was refused, in order. */
  refused: string[];
  /**
   * Runs a function of ours in a world of its own over the document (its DOM, not its scripts' globals).
   * The document's scripts are off, and with them the main world's callbacks (`requestAnimationFrame`).
   */
  evaluate<Args extends unknown[], Result>(fn: (...args: Args) => Result | Promise<Result>, ...args: Args): Promise<Result>;
}

/**
 * Locks the page down before it opens the document. The book folder is untrusted (its templates, stylesheets and
 * chapter text reach this page), so its scripts never run, and every request outside the policy is aborted and
 * recorded, whether it comes from an `<img>`, a CSS `@import` or `url()`, an `<iframe>` or a redirect.
 */
export async function sandbox(page: Page, policy: LoadPolicy): Promise<Sandbox> {
  const refused: string[] = [];
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  let navigated = false;
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    const mainNavigation = request.isNavigationRequest() && request.frame() === page.mainFrame();
    const allowed = mainNavigation ? !navigated && url === policy.documentUrl : mayLoad(url, policy);
    if (mainNavigation) navigated = true;
    if (allowed) return void request.continue().catch(() => undefined);
    refused.push(url);
    request.abort('blockedbyclient').catch(() => undefined);
  });
  let world: { client: CDPSession; contextId: number } | undefined;
  const evaluate: Sandbox['evaluate'] = async (fn, ...args) => {
    world ??= await isolatedWorld(page);
    const { result, exceptionDetails } = await world.client.send('Runtime.callFunctionOn', {
      // A compiler that keeps function names (esbuild's keepNames, as tsx runs it) calls a `__name` helper.
      functionDeclaration: `function (...args) { const __name = (target) => target; return (${fn.toString()})(...args); }`,
      executionContextId: world.contextId,
      arguments: args.map((value) => ({ value })),
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  };
  return { refused, evaluate };
}

/** `data:` URLs (they reach nothing), files inside the work folder, and the extra files by exact URL. */
export function mayLoad(url: string, policy: LoadPolicy): boolean {
  if (url.startsWith('data:')) return true;
  if (!url.startsWith('file:')) return false;
  if (policy.extraFiles.has(url)) return true;
  let file: string;
  try {
    file = path.resolve(fileURLToPath(url));
  } catch {
    return false;
  }
  const relative = path.relative(path.resolve(policy.workDir), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** A fresh isolated world in the page's main frame, made once the document is open. */
async function isolatedWorld(page: Page): Promise<{ client: CDPSession; contextId: number }> {
  const client = await page.createCDPSession();
  const { frameTree } = await client.send('Page.getFrameTree');
  const { executionContextId } = await client.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'bilingual-book-print' });
  return { client, contextId: executionContextId };
}
