import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer';

/** Debian's Chromium: the only browser our machines can install (`apt-get install chromium`). */
export const chromiumPath = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';

/**
 * Starts headless Chromium with the flags a root, offline machine needs. Launch once and reuse pages:
 * a launch costs about a second.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: install it with \`apt-get install -y chromium\`, or set PUPPETEER_EXECUTABLE_PATH`);
  }
  return puppeteer.launch({
    executablePath: chromiumPath,
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
    ],
  });
}
