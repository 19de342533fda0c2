import { existsSync, watch } from 'node:fs';
import path from 'node:path';
import { bookOrPackageDir } from '../config/package-dir.ts';
import { watchTree } from './watch-tree.ts';

/** The folders a build reads; `locales/` and `templates/` are the book's own or, without them, the tool's. */
const inputs = ['content', 'locales', 'templates'] as const;

/** Template folders the site does not read: changing an EPUB or PDF template does not rebuild the preview. */
const otherFormats = ['epub', 'pdf'];

/** Editors' swap, backup and probe files (`.x.md.swp`, `x.md~`, `#x.md#`, vim's `4913`): no build reads them. */
const ignored = /^[.#]|~$|\.sw[a-p]$|^\d+$/;

export interface BookWatcher {
  close(): void;
}

/**
 * Watches what a site build reads and calls `onChange` with the changed files (absolute paths) once a
 * burst of changes has been quiet for `debounceMs`: an editor's save or a `git checkout` is one rebuild,
 * not ten. The book folder itself is watched too, so a `templates/` or `locales/` folder made while the
 * preview runs (to override the tool's) is picked up.
 */
export function watchBook(root: string, onChange: (files: string[]) => void, debounceMs = 100): BookWatcher {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let skipped: string[] = [];
  const note = (file: string) => {
    if (ignored.test(path.basename(file)) || skipped.some((dir) => file.startsWith(dir))) return;
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

  let stops: (() => void)[] = [];
  const watchInputs = () => {
    for (const stop of stops) stop();
    const dirs = inputs.map((name) => (name === 'content' ? path.join(root, name) : bookOrPackageDir(root, name)));
    const templates = dirs[2]!;
    skipped = otherFormats.map((format) => `${path.join(templates, format)}${path.sep}`);
    stops = dirs.filter((dir) => existsSync(dir)).map((dir) => watchTree(dir, note));
  };
  watchInputs();
  const top = watch(root, (_event, name) => {
    if (!name || !(inputs as readonly string[]).includes(name)) return;
    watchInputs();
    note(path.join(root, name));
  }).on('error', () => {});
  return {
    close() {
      clearTimeout(timer);
      top.close();
      for (const stop of stops) stop();
    },
  };
}
