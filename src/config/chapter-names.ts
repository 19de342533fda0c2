import { createHash } from 'node:crypto';

/**
 * Chapter names as `book.yaml` lists them: the file's path inside `ja/` (and `en/`) without `.md`,
 * as the author named it (`Part_1/Intro`, `A01_2021-Broken_Access_Control`). Outputs cannot use such a
 * path as is (folders, case that a case-insensitive disk folds), so each gets an output name.
 */

/** Names of the pages every output writes beside the chapters: a chapter cannot take one. */
const reservedOutputNames = ['index', 'sources', 'cover', 'title', 'toc', 'colophon', 'nav'];

/** Why `name` is not a safe path inside `ja/`, or undefined when it is. */
export function chapterNameProblem(name: string): string | undefined {
  const control = [...name].find((character) => /[\p{Cc}\u2028\u2029]/u.test(character));
  if (control !== undefined) {
    return `must not hold a control character (U+${control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} stands in it); rename the file`;
  }
  if (name.trim() === '') return 'must not be empty';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return `is an absolute path (\`${name}\`); write the file's path inside \`ja/\`, without \`.md\``;
  if (name.includes('\\')) return `must separate folders with \`/\`, not a backslash (\`${name}\`)`;
  const segments = name.split('/');
  if (segments.includes('..')) return `must stay inside \`ja/\` and \`en/\`: \`${name}\` climbs out with \`..\``;
  if (segments.some((segment) => segment === '' || segment === '.')) return `must not have an empty or \`.\` folder (\`${name}\`); write it as \`${segments.filter((segment) => segment !== '' && segment !== '.').join('/')}\``;
  if (/\.md$/i.test(name)) return `must be written without \`.md\`: \`${name.replace(/\.md$/i, '')}\``;
  return undefined;
}

/**
 * The stable name a chapter's pages get (`<name>.html`, `<name>.xhtml`): the name itself when it is
 * already lowercase letters, digits and hyphens (so existing books keep their addresses), otherwise
 * lowercased with every run of other characters made one `-`. A name with non-ASCII letters also gets
 * a short hash of itself, since dropping them would make distinct names meet.
 */
export function chapterOutputName(name: string): string {
  if (/^[a-z0-9][a-z0-9-]*$/.test(name)) return name;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (/^[\x00-\x7f]*$/.test(name) && slug !== '') return slug;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return slug === '' ? `chapter-${hash}` : `${slug}-${hash}`;
}

/** For each listed name whose output name another listed name, or a generated page, already takes: why. */
export function outputNameCollisions(names: readonly string[]): Map<number, string> {
  const problems = new Map<number, string>();
  const taken = new Map<string, string>();
  names.forEach((name, index) => {
    if (chapterNameProblem(name) !== undefined) return;
    const output = chapterOutputName(name);
    const earlier = taken.get(output);
    if (earlier === name) problems.set(index, `lists \`${name}\` twice`);
    else if (earlier !== undefined) problems.set(index, `is written as \`${output}.html\`, like \`${earlier}\` listed before it; rename one of the files`);
    else if (reservedOutputNames.includes(output)) problems.set(index, `is written as \`${output}.html\`, the name of the book's own ${output} page; rename the file`);
    else taken.set(output, name);
  });
  return problems;
}
