import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { lstat, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packageDir } from '../config/package-dir.ts';
import { sourceHash } from './code-hash.js';

/**
 * The one store behind every cache (compiled chapters, the parsed lock, covers, the output checks' facts),
 * in `<book>/.cache/bilingual-book/`. The book folder is not trusted, and neither is a `.cache/` that comes
 * with it: every entry is signed with an HMAC over the book folder's real path, the entry's name and its
 * bytes, keyed by a secret kept outside any book folder. A forged, edited, truncated or copied entry (from
 * another folder, or another user) fails the check and is a miss, recomputed; so is anything that is not a
 * plain file in a plain folder (a symlink cannot make the cache read or write elsewhere). A cache makes a
 * build faster, never different. `enabled: false` (the CLI's `BILINGUAL_BOOK_CACHE=0`) turns the store off:
 * nothing read or written.
 */

export interface CacheOptions {
  /**
   * The file holding the signing secret, made (mode 600) when missing. The CLI passes one in the user's
   * cache folder, so the cache survives between runs; a folder a book comes in must never hold it.
   * Without it (or when it cannot be read or made), a secret of this store alone is used: entries it writes
   * are trusted by this build only, and the next one recomputes them.
   */
  keyFile?: string;
  /** The secret itself, for tests; wins over `keyFile`. */
  key?: Uint8Array;
  /** False turns the store off: every build computes everything (default true). */
  enabled?: boolean;
  /**
   * A map that keeps entries in this process too, for a long-running caller that rebuilds (the live
   * preview): reading a thousand compiled chapters back from disk took it seconds a rebuild. Pass the
   * same map to every build.
   */
  memory?: Map<string, unknown>;
  /** The generator's code hash, when the caller already has it (default: hashed from the package's sources). */
  code?: string;
}

/** What a worker thread needs to open the same store. */
export interface CacheSeal {
  root: string;
  key: Uint8Array;
  enabled: boolean;
  code: string;
}

export function cacheDir(root: string): string {
  return path.join(root, '.cache', 'bilingual-book');
}

const magic = Buffer.from('bilingual-book cache 1\n');
const macLength = 32;
/** Far above any real entry (a 10 MB chapter's trees are well under it): a bigger file is not read. */
const maxEntryBytes = 1024 ** 3;

export class CacheStore {
  readonly dir: string;
  /** Folders under `dir` (and `dir` itself, as '') found to be real folders, not links. */
  private readonly safe = new Set<string>();

  /** Entries kept in this process as well, by name, when the options gave a map (see `CacheOptions.memory`). */
  readonly memory: Map<string, unknown> | undefined;

  private constructor(
    readonly root: string,
    private readonly key: Buffer,
    private readonly realRoot: string,
    /** Off: nothing is read or written (`CacheOptions.enabled`). */
    readonly enabled: boolean,
    /** A hash of the generator's own code and dependencies, in every key: a change to either makes every entry stale. */
    readonly code: string,
    memory?: Map<string, unknown>,
  ) {
    this.dir = cacheDir(root);
    this.memory = memory;
  }

  static open(root: string, options: CacheOptions = {}): CacheStore {
    const seal = { root, key: options.key ?? loadKey(options.keyFile), enabled: options.enabled ?? true, code: options.code ?? sourceHash(packageDir) };
    return CacheStore.from(seal, options.memory);
  }

  static from(seal: CacheSeal, memory?: Map<string, unknown>): CacheStore {
    let realRoot = path.resolve(seal.root);
    try {
      realRoot = realpathSync(seal.root);
    } catch {
      // A missing book folder fails elsewhere, with a message.
    }
    return new CacheStore(seal.root, Buffer.from(seal.key), realRoot, seal.enabled, seal.code, memory);
  }

  get seal(): CacheSeal {
    return { root: this.root, key: this.key, enabled: this.enabled, code: this.code };
  }

  /** An entry's payload, or undefined: off, absent, unsigned, forged, torn or not a plain file. */
  read(name: string): Buffer | undefined {
    const file = this.entry(name, false);
    if (!file) return undefined;
    try {
      const stat = lstatSync(file);
      if (!stat.isFile() || stat.size > maxEntryBytes) return undefined;
      return this.open(name, readFileSync(file));
    } catch {
      return undefined;
    }
  }

  async readAsync(name: string): Promise<Buffer | undefined> {
    const file = this.entry(name, false);
    if (!file) return undefined;
    try {
      const stat = await lstat(file);
      if (!stat.isFile() || stat.size > maxEntryBytes) return undefined;
      return this.open(name, await readFile(file));
    } catch {
      return undefined;
    }
  }

  /** Signs and writes an entry, through a fresh temporary file and a rename: never through a link, never torn. */
  write(name: string, payload: string | Uint8Array): void {
    const file = this.entry(name, true);
    if (!file) return;
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      writeFileSync(temporary, this.sealed(name, payload), { flag: 'wx' });
      renameSync(temporary, file);
    } catch {
      rmSync(temporary, { force: true });
      // A read-only or full disk costs speed, not the build.
    }
  }

  async writeAsync(name: string, payload: string | Uint8Array): Promise<void> {
    const file = this.entry(name, true);
    if (!file) return;
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, this.sealed(name, payload), { flag: 'wx' });
      await rename(temporary, file);
    } catch {
      rmSync(temporary, { force: true });
    }
  }

  /** The entry names in a folder of the store (`''`: its top), for pruning. */
  list(folder: string): string[] {
    if (!this.enabled || !this.safeFolder(folder, false)) return [];
    try {
      return readdirSync(path.join(this.dir, folder));
    } catch {
      return [];
    }
  }

  remove(name: string): void {
    const file = this.entry(name, false);
    if (file) rmSync(file, { force: true });
  }

  /** The path of an entry, when the store is on and every folder on the way is a real one (made if `make`). */
  private entry(name: string, make: boolean): string | undefined {
    if (!this.enabled) return undefined;
    const folder = path.posix.dirname(name);
    return this.safeFolder(folder === '.' ? '' : folder, make) ? path.join(this.dir, name) : undefined;
  }

  private safeFolder(folder: string, make: boolean): boolean {
    if (this.safe.has(folder)) return true;
    const parts = ['.cache', 'bilingual-book', ...folder.split('/').filter(Boolean)];
    let dir = this.root;
    for (const part of parts) {
      dir = path.join(dir, part);
      try {
        if (!lstatSync(dir).isDirectory()) return false;
      } catch {
        if (!make) return false;
        try {
          mkdirSync(dir);
        } catch {
          return false;
        }
      }
    }
    this.safe.add(folder);
    return true;
  }

  private mac(name: string, payload: Uint8Array): Buffer {
    return createHmac('sha256', this.key).update(this.realRoot).update('\0').update(name).update('\0').update(payload).digest();
  }

  private sealed(name: string, payload: string | Uint8Array): Buffer {
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
    return Buffer.concat([magic, this.mac(name, bytes), bytes]);
  }

  private open(name: string, bytes: Buffer): Buffer | undefined {
    const start = magic.length + macLength;
    if (bytes.length < start || !bytes.subarray(0, magic.length).equals(magic)) return undefined;
    const payload = bytes.subarray(start);
    return timingSafeEqual(bytes.subarray(magic.length, start), this.mac(name, payload)) ? payload : undefined;
  }
}

/** For the shape checks every reader does on a parsed entry before trusting it to be what it wrote. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The signing secret from `keyFile` (made when missing), else a new one for this store alone. */
function loadKey(keyFile: string | undefined): Buffer {
  if (keyFile) {
    try {
      return readOrMakeKey(keyFile);
    } catch {
      // An unreadable or unwritable key costs the cache between runs, not the build.
    }
  }
  return randomBytes(32);
}

function readOrMakeKey(keyFile: string): Buffer {
  try {
    const key = readFileSync(keyFile);
    if (key.length >= 32) return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  const temporary = `${keyFile}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, key, { flag: 'wx', mode: 0o600 });
  try {
    // Two first runs at once: the first key in place wins (a link never replaces), and both use it.
    linkSync(temporary, keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (readFileSync(keyFile).length < 32) renameSync(temporary, keyFile);
  } finally {
    rmSync(temporary, { force: true });
  }
  return readFileSync(keyFile);
}
