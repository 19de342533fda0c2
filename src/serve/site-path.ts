import path from 'node:path';

/**
 * The file under `siteDir` a request path names, or undefined when it is malformed or would leave the
 * folder (`/../x`, `/..%2fx`): the preview serves the built site and nothing else on the disk.
 * A path ending in `/` names that folder's `index.html`.
 */
export function sitePath(siteDir: string, requestUrl: string): string | undefined {
  const raw = requestUrl.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0')) return undefined;
  const file = path.resolve(siteDir, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  return file.startsWith(`${path.resolve(siteDir)}${path.sep}`) ? file : undefined;
}
