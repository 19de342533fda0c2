import { existsSync } from 'node:fs';
import path from 'node:path';
import { watch } from 'chokidar';
import { bookOrPackageDir, packageDir } from '../config/package-dir.ts';

/** The folders a build reads; `locales/` and `templates/` are the book's own or, without them, the tool's. */
const inputs = ['content', 'locales', 'templates'] as const;

/** Template folders the site does not read: changing an EPUB or PDF template does not rebuild the preview. */
const otherFormats = ['epub', 'pdf'];

/** Editors' swap, backup and probe files (`.x.md.swp`, `x.md~`, `#x.md#`, vim's `4913`): no build reads them. */
const ignored = /^[.#]|~$|\.sw[a-p]$|^\d+$/;

/**
 * An editor's save (a temporary file written, then renamed over the chapter) reaches the watcher within a
 * few milliseconds; every millisecond waited more is latency the author sees. Raise it only if saves are
 * seen to start two builds: changes arriving during a build are collected into one more anyway.
 */
const defaultDebounceMs = 25;

export interface BookWatcher {
  /** Resolves once the folders are listed: changes from then on are seen. */
  ready: Promise<void>;
  close(): void;
}

/**
 * Watches what a site build reads and calls `onChange` with the changed files (absolute paths) once a
 * burst of changes has been quiet for `debounceMs`: an editor's save or a `git checkout` is one rebuild,
 * not ten. The whole book folder is watched, less what no build reads (`dist/`, the cache): a
 * `templates/` or `locales/` folder made while the preview runs (to override the tool's) is picked up.
 */
export function watchBook(root: string, onChange: (files: string[]) => void, debounceMs = defaultDebounceMs): BookWatcher {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const note = (file: string) => {
    if (!isRead(root, file) || ignored.test(path.basename(file))) return;
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      // An editor's or `sed -i`'s temporary file is gone by now: name the files that were saved, unless all were deleted.
      const files = [...changed].sort();
      const saved = files.filter((file) => existsSync(file));
      changed.clear();
      onChange(saved.length > 0 ? saved : files);
    }, debounceMs);
  };
  const tool = inputs.filter((name) => name !== 'content').map((name) => path.join(packageDir, name));
  const watcher = watch([root, ...tool], {
    ignoreInitial: true,
    // A linked folder could lead out of the book; the build refuses what it holds anyway.
    followSymlinks: false,
    // chokidar would hold each deletion back 100 ms in case the file comes back; the debounce does that already.
    atomic: false,
    // Not descending into `dist/`, the cache or `.git/` keeps the watchers few.
    ignored: (file) => !isInput(root, file) && !tool.some((dir) => isIn(dir, file)),
  });
  watcher.on('all', (_event, file) => note(file)).on('error', () => {});
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    close() {
      clearTimeout(timer);
      void watcher.close();
    },
  };
}

function isIn(dir: string, file: string): boolean {
  return file === dir || file.startsWith(`${dir}${path.sep}`);
}

/** `root` itself, one of the book's input folders, or what lies in one. */
function isInput(root: string, file: string): boolean {
  return file === root || inputs.some((name) => isIn(path.join(root, name), file));
}

/** Whether a site build reads `file` now: the book's own folder or else the tool's, less EPUB and PDF templates. */
function isRead(root: string, file: string): boolean {
  return inputs.some((name) => {
    const dir = name === 'content' ? path.join(root, name) : bookOrPackageDir(root, name);
    // The book's own folder made or removed switches between its files and the tool's.
    if (!isIn(dir, file)) return file === path.join(root, name);
    return name !== 'templates' || !otherFormats.some((format) => isIn(path.join(dir, format), file));
  });
}
