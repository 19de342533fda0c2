import { existsSync, type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import path from 'node:path';

/**
 * Watches a folder and every folder below it, calling `onPath` with each path an event names.
 * One plain watcher a folder rather than `fs.watch(…, { recursive: true })`: on Linux, Node 20 emulates
 * that with a watcher on each file, which stops seeing a file after its first atomic save (an editor
 * writing a temporary file and renaming it over the old one). A folder's watcher sees every such save.
 * Returns the function that stops watching.
 */
export function watchTree(root: string, onPath: (file: string) => void): () => void {
  const watchers = new Map<string, FSWatcher>();

  const add = (folder: string) => {
    if (watchers.has(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (event, name) => {
        // A deleted folder reports itself under its own name: do not take that for a child.
        if (!existsSync(folder)) {
          remove(folder);
          return onPath(folder);
        }
        const file = name ? path.join(folder, name) : folder;
        if (event === 'rename') sync(file);
        onPath(file);
      });
    } catch {
      return; // gone, or not a folder, since it was listed
    }
    watcher.on('error', () => remove(folder));
    watchers.set(folder, watcher);
    for (const subfolder of subfolders(folder)) add(subfolder);
  };

  // A folder that appears is watched with its subfolders; one that disappears is dropped with them.
  // Files come and go while this runs: a failure here only means there is nothing (more) to watch.
  const sync = (file: string) => {
    try {
      if (statSync(file).isDirectory()) return add(file);
    } catch {
      // gone already
    }
    remove(file);
  };

  const remove = (folder: string) => {
    for (const [watched, watcher] of watchers) {
      if (watched === folder || watched.startsWith(`${folder}${path.sep}`)) {
        watcher.close();
        watchers.delete(watched);
      }
    }
  };

  add(root);
  return () => remove(root);
}

function subfolders(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => path.join(folder, entry.name));
  } catch {
    return []; // removed right after it was watched: its watcher reports that
  }
}
