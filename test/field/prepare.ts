/**
 * Lays the field-test books' original files into `test/field/<book>/` and lists their chapters.
 *
 * The books' Markdown, images and licence texts are the projects' own files, taken byte for byte at
 * the commit their `source.json` names; this repository commits only what we wrote about them
 * (`content/book.yaml`, `SOURCE.md`, `source.json`). This step copies each listed file from one of:
 *
 *   --from-git GITDIR   a clone or bare mirror of the book's repository (read at the recorded commit)
 *   --from DIR          a folder holding the repository's files at their original paths
 *   (neither)           a book published as a package (`npm` in source.json): its tarball, fetched by
 *                       `npm pack` and checked against the recorded integrity; any other book:
 *                       `<repo>/../shared/field-books/<book>/`, laid out like `--from`
 *
 * and refuses a file whose SHA-256 differs from the manifest. It changes no byte of the books: the only
 * thing it writes beyond the copies is, with `--list`, the `chapters:` of `content/book.yaml`, ordered
 * as the project's own site generator orders them (front matter `weight`, `sidebar_position` or
 * `sidebar.order`, then path), which is what any tool would have to do for a real book.
 *
 *   npx tsx test/field/prepare.ts [--from-git GITDIR | --from DIR] [--list] [BOOK…]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

export const fieldRoot = import.meta.dirname;
const sharedRoot = path.join(fieldRoot, '../../../shared/field-books');

export interface SourceFile {
  /** The path in the project's repository. */
  from: string;
  /** The path in the book folder, `test/field/<book>/`. */
  to: string;
  bytes: number;
  sha256: string;
  /** The last commit that changed the file, and its date (a book taken from git). */
  lastCommit?: string;
  lastDate?: string;
}
export interface Manifest {
  repository: string;
  /** The commit the files were taken at, for a book taken from git. */
  commit?: string;
  /** The published package the files were taken from (`from` is then the path inside its tarball). */
  npm?: { name: string; version: string; integrity: string };
  fetched: string;
  licence: { name: string; url: string };
  files: SourceFile[];
}

export async function fieldBooks(): Promise<string[]> {
  const entries = await readdir(fieldRoot, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory() && existsSync(path.join(fieldRoot, entry.name, 'source.json'))).map((entry) => entry.name).sort();
}

/**
 * Whether the book's files can be had on this machine: a package's from the registry; a repository's only
 * once laid (from a clone) or from `../shared/field-books/<book>/`, since CI reaches no other host.
 */
export async function isAvailable(book: string): Promise<boolean> {
  return (await manifest(book)).npm !== undefined || existsSync(path.join(sharedRoot, book)) || (await isLaid(book));
}

export async function manifest(book: string): Promise<Manifest> {
  return JSON.parse(await readFile(path.join(fieldRoot, book, 'source.json'), 'utf8')) as Manifest;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type Source = { gitDir: string } | { dir: string };

async function read(source: Source, commit: string | undefined, file: SourceFile): Promise<Buffer> {
  if ('gitDir' in source) return execFileSync('git', ['--git-dir', source.gitDir, 'show', `${commit}:${file.from}`], { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  return readFile(path.join(source.dir, file.from));
}

/**
 * Fetches a published package's tarball with npm (no install, no script runs) into a temporary folder,
 * checks it against the recorded integrity, and unpacks it there: its files are under `package/`.
 */
function unpackPackage(npm: NonNullable<Manifest['npm']>): Source {
  const dir = mkdtempSync(path.join(tmpdir(), `bilingual-book-field-${npm.name}-`));
  const packed = JSON.parse(execFileSync('npm', ['pack', `${npm.name}@${npm.version}`, '--json', '--pack-destination', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as Array<{ filename: string }>;
  const tarball = path.join(dir, packed[0]!.filename.replace(/^@/, '').replace('/', '-'));
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (integrity !== npm.integrity) throw new Error(`${npm.name}@${npm.version}: the tarball's integrity is ${integrity}, not the recorded ${npm.integrity}`);
  execFileSync('tar', ['-xzf', tarball, '-C', dir, '--no-same-owner', '--no-same-permissions']);
  return { dir };
}

/** True when every file of the book is in place with its recorded bytes. */
export async function isLaid(book: string): Promise<boolean> {
  const { files } = await manifest(book);
  for (const file of files) {
    const target = path.join(fieldRoot, book, file.to);
    if (!existsSync(target) || sha256(await readFile(target)) !== file.sha256) return false;
  }
  return true;
}

/** Copies the book's files into `test/field/<book>/`; throws, naming the file, on a missing or changed one. */
export async function lay(book: string, given?: Source): Promise<void> {
  const { commit, files, npm } = await manifest(book);
  const source = given ?? (npm ? unpackPackage(npm) : { dir: path.join(sharedRoot, book) });
  try {
    await copyFiles(book, source, commit, files, npm);
  } finally {
    if (!given && npm && 'dir' in source) rmSync(source.dir, { recursive: true, force: true });
  }
}

async function copyFiles(book: string, source: Source, commit: string | undefined, files: SourceFile[], npm: Manifest['npm']): Promise<void> {
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await read(source, commit, file);
    } catch {
      throw new Error(`${book}: cannot read ${file.from} from ${JSON.stringify(source)}; see test/field/${book}/SOURCE.md`);
    }
    if (sha256(bytes) !== file.sha256) throw new Error(`${book}: ${file.from} is not the file of ${npm ? `${npm.name}@${npm.version}` : `commit ${commit}`} (SHA-256 differs)`);
    const target = path.join(fieldRoot, book, file.to);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
}

/** The order the project's own generator gives a page: Hugo `weight`, Docusaurus `sidebar_position`, Starlight `sidebar.order`. */
function frontMatterOrder(markdown: string): number {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(markdown);
  if (!match) return Number.POSITIVE_INFINITY;
  const data = (YAML.parse(match[1]!) ?? {}) as { weight?: unknown; sidebar_position?: unknown; sidebar?: { order?: unknown } };
  const order = data.weight ?? data.sidebar_position ?? data.sidebar?.order;
  return typeof order === 'number' ? order : Number.POSITIVE_INFINITY;
}

/** Every Japanese chapter that has an English file of the same path, in the project's order: level by level, a folder's index page first, then pages and folders by their order (a folder's is its index page's), then by name. */
export async function listChapters(book: string): Promise<string[]> {
  const content = path.join(fieldRoot, book, 'content');
  const { files } = await manifest(book);
  const names = files
    .map((file) => /^content\/ja\/(.+)\.md$/.exec(file.to)?.[1])
    .filter((name): name is string => name !== undefined && existsSync(path.join(content, 'en', `${name}.md`)));
  const orders = new Map<string, number>();
  for (const name of names) {
    const order = frontMatterOrder(await readFile(path.join(content, 'ja', `${name}.md`), 'utf8'));
    orders.set(name, order);
    if (isIndex(name)) orders.set(path.dirname(name), order);
  }
  const orderOf = (item: string) => orders.get(item) ?? Number.POSITIVE_INFINITY;
  return names.sort((a, b) => {
    const as = a.split('/');
    const bs = b.split('/');
    let level = 0;
    while (as[level] === bs[level]) level += 1;
    const itemA = as.slice(0, level + 1).join('/');
    const itemB = bs.slice(0, level + 1).join('/');
    if (isIndex(itemA) !== isIndex(itemB)) return isIndex(itemA) ? -1 : 1;
    return orderOf(itemA) - orderOf(itemB) || itemA.localeCompare(itemB, 'en');
  });
}

const isIndex = (name: string) => /(^|\/)_?index$/.test(name);

/** Rewrites only the `chapters:` list of the book's `content/book.yaml`, keeping its comments. */
export async function writeChapters(book: string, chapters: string[]): Promise<void> {
  const file = path.join(fieldRoot, book, 'content/book.yaml');
  const document = YAML.parseDocument(await readFile(file, 'utf8'));
  document.set('chapters', chapters);
  await writeFile(file, document.toString({ lineWidth: 0 }));
}

async function cli(argv: string[]): Promise<void> {
  let source: Source | undefined;
  let list = false;
  const books: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--from-git') source = { gitDir: argv[(index += 1)]! };
    else if (arg === '--from') source = { dir: argv[(index += 1)]! };
    else if (arg === '--list') list = true;
    else books.push(arg);
  }
  for (const book of books.length > 0 ? books : await fieldBooks()) {
    await lay(book, source);
    if (list) await writeChapters(book, await listChapters(book));
    console.log(`${book}: laid ${(await manifest(book)).files.length} files${list ? ', listed its chapters' : ''}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await cli(process.argv.slice(2));
}
