import { lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** The book's folders the build reads: an output inside one would overwrite the book itself. */
const sourceFolders = ['content', 'templates', 'locales'] as const;

/**
 * Why `outDir` cannot be the output folder of the book in `root`, or undefined when it can: the root of
 * the file system, a folder inside `content/`, `templates/` or `locales/` (also through a link), a file,
 * or a path under a file. Messages name the path as given and what to choose instead.
 */
export function outDirProblem(outDir: string, root: string): string | undefined {
  const out = path.resolve(outDir);
  if (path.parse(out).root === out) return `${out} is the root of the file system; choose a folder of its own, such as ${path.join(root, 'dist')}`;
  const real = realOf(out);
  for (const folder of sourceFolders) {
    const source = path.resolve(root, folder);
    if (inside(out, source) || inside(real, realOf(source))) {
      return `${out} is inside the book's ${folder}/ folder, which the build reads; choose a folder outside content/, templates/ and locales/, such as ${path.join(root, 'dist')}`;
    }
  }
  for (let at = out; ; at = path.dirname(at)) {
    try {
      if (!statSync(at).isDirectory()) return at === out ? `${out} is a file, not a folder` : `${out} is under ${at}, which is a file, not a folder`;
      return undefined;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return undefined;
    }
    if (path.dirname(at) === at) return undefined;
  }
}

/**
 * Why the default output folder, `<root>/dist`, cannot be used: the book folder is not trusted, and a
 * `dist` it holds as a link would send the output wherever the link points.
 */
export function defaultOutDirProblem(outDir: string): string | undefined {
  try {
    if (lstatSync(outDir).isSymbolicLink()) return `${outDir} is a link to ${realOf(outDir)}, which the book folder chose; to build there, say so with --out ${realOf(outDir)}`;
  } catch {
    // Absent: the build makes it.
  }
  return undefined;
}

function inside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** The real path of `file`, or of its nearest existing ancestor followed by the rest. */
function realOf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    const parent = path.dirname(file);
    return parent === file ? file : path.join(realOf(parent), path.basename(file));
  }
}

/**
 * What a failed write into the output folder means to the user, for the errors that are about the
 * folder or the disk rather than the book: a full disk, no permission, a read-only file system, a file
 * where a folder should be. Undefined for any other error.
 */
export function writeFailure(error: unknown): { ruleId: 'disk-full' | 'output-folder'; reason: string } | undefined {
  const { code, path: where, cannotMake } = error as NodeJS.ErrnoException & { cannotMake?: boolean };
  const at = where ? ` (${where})` : '';
  if (cannotMake) return { ruleId: 'output-folder', reason: `the folder cannot be made here${at}; choose another --out` };
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { ruleId: 'disk-full', reason: `the disk is full${at}; free some space and build again` };
    case 'EACCES':
    case 'EPERM':
      return { ruleId: 'output-folder', reason: `permission denied${at}; make the folder writable, or choose another --out` };
    case 'EROFS':
      return { ruleId: 'output-folder', reason: `the file system is read-only${at}; choose another --out` };
    case 'ENOTDIR':
    case 'EEXIST':
    case 'EISDIR':
      return { ruleId: 'output-folder', reason: `a file stands where a folder should be, or a folder where a file should${at}; choose another --out` };
    default:
      return undefined;
  }
}
