import { spawn } from 'node:child_process';

/** The desktop's own command that opens an address in the default web browser. */
const openers: Partial<Record<NodeJS.Platform, [string, string[]]>> = {
  darwin: ['open', []],
  win32: ['cmd', ['/c', 'start', '""']],
};

/**
 * `serve --open`: shows the preview in the default browser, as Vite and Astro do. Resolves false when
 * there is no opener (a server without a desktop), so the CLI can say to open the address by hand.
 */
export function openUrl(url: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const [command, args] = openers[platform] ?? ['xdg-open', []];
  return new Promise((resolve) => {
    const child = spawn(command, [...args, url], { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
