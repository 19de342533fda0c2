import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer';

/**
 * Debian's Chromium: the only browser our machines can install (`apt-get install chromium`). The CLI
 * passes `PUPPETEER_EXECUTABLE_PATH` instead when it is set.
 */
export const defaultBrowser = '/usr/bin/chromium';

export interface LaunchOptions {
  /** The Chromium or Chrome to start (default `defaultBrowser`). */
  executablePath?: string;
  /**
   * No network at all: every connection goes to a proxy that is not there, loopback included. Request
   * interception already refuses each request a page makes, but not what Chromium does on its own for a
   * page (`<link rel=preconnect>` opens a connection and sends nothing). Off for browsers that must reach
   * a local server (the preview's tests).
   */
  offline?: boolean;
}

/** The discard port on this machine's own address, where nothing listens: a proxy that refuses every connection. */
const noProxy = '127.0.0.1:9';

/**
 * Starts headless Chromium with the flags a root, offline machine needs. Launch once and reuse pages:
 * a launch costs about a second.
 */
export async function launchBrowser({ executablePath = defaultBrowser, offline = false }: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install it with \`apt-get install -y chromium\`, or set PUPPETEER_EXECUTABLE_PATH`);
  }
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-component-update',
      '--disable-quic',
      // Headless Chromium still builds the address bar's pop-ups, two WebUI pages of a few hundred scripts that
      // nobody sees: about half the CPU time of a launch, taken from the printing on a small machine.
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
      ...(offline ? [`--proxy-server=${noProxy}`, '--proxy-bypass-list=<-loopback>'] : []),
    ],
  });
}
