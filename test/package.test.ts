import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { default as addFormats } from 'ajv-formats';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, repoRoot, suiteDir } from './helpers.ts';

const run = promisify(execFile);

/**
 * A user's machine: PATH (without this project's node_modules/.bin) and HOME, where npm finds its own
 * configuration as it is; no PUPPETEER_* variable, no CI, nothing else of ours.
 */
const userEnv = {
  PATH: (process.env.PATH ?? '').split(path.delimiter).filter((dir) => !dir.includes('node_modules')).join(path.delimiter),
  HOME: process.env.HOME ?? '/root',
};

let dir: string | undefined;
let app: string;
let installed: string;

/** Runs a command in the user's project as a user would, and fails with its output if it fails. */
async function inApp(command: string, args: string[], timeout = 240_000): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(command, args, { cwd: app, env: userEnv, timeout, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr, message } = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${message}\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

// One pack and one install, shared by every assertion: they are most of this file's time.
beforeAll(async () => {
  dir = await suiteDir('bilingual-book-package-');
  const packed = await run('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
  const tarball = path.join(dir, packed.stdout.trim().split('\n').at(-1)!);
  app = path.join(dir, 'app');
  await run('mkdir', [app]);
  await writeFile(path.join(app, 'package.json'), `${JSON.stringify({ name: 'my-book-project', private: true, type: 'module' }, null, 2)}\n`);
  await inApp('npm', ['install', '--no-audit', '--no-fund', tarball]);
  installed = path.join(app, 'node_modules/bilingual-book');
});

afterAll(() => removeDir(dir));

describe('the package, installed from its tarball into an empty project', () => {
  it('installs with no environment variable, and downloads no browser', async () => {
    expect(existsSync(path.join(app, 'node_modules/puppeteer-core'))).toBe(true);
    // puppeteer's install script is what downloads Chrome: it is not installed at all.
    expect(existsSync(path.join(app, 'node_modules/puppeteer'))).toBe(false);
    const files = await readdir(installed);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'lib', 'locales', 'package.json', 'src', 'templates']));
    const manifest = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.private).toBeUndefined();
  });

  it('starts a book with `npx bilingual-book init` and builds it in all three formats', async () => {
    const init = await inApp('npx', ['bilingual-book', 'init', 'mybook']);
    expect(init.stdout).toContain('npx bilingual-book build --root mybook');
    const built = await inApp('npx', ['bilingual-book', 'build', '--root', 'mybook']);
    expect(built.stderr).toBe('');
    for (const format of ['epub', 'pdf', 'site']) expect(built.stdout).toMatch(new RegExp(`^Built ${format}: `, 'm'));
    const dist = path.join(app, 'mybook/dist');
    expect((await readdir(path.join(dist, 'pdf'))).sort()).toEqual(['mybook-bilingual.pdf', 'mybook-en.pdf', 'mybook-ja.pdf']);
    expect((await readdir(path.join(dist, 'epub'))).sort()).toEqual(['mybook-bilingual.epub', 'mybook-en.epub', 'mybook-ja.epub']);
    expect(existsSync(path.join(dist, 'site/ja/01-introduction.html'))).toBe(true);

    // The files init wrote point their editor at the schemas the package ships, and those accept them.
    const ajv = new Ajv({ allErrors: true });
    addFormats.default(ajv);
    ajv.addFormat('iri', (value: string) => URL.canParse(value));
    for (const name of ['book', 'citations']) {
      const file = path.join(app, `mybook/content/${name}.yaml`);
      const text = await readFile(file, 'utf8');
      const reference = /^# yaml-language-server: \$schema=(.+)$/m.exec(text)![1]!;
      const schemaFile = path.resolve(path.dirname(file), reference);
      expect(schemaFile).toBe(path.join(installed, `lib/schema/${name}.schema.json`));
      const validate = ajv.compile(JSON.parse(await readFile(schemaFile, 'utf8')) as object);
      expect(validate(yaml.load(text, { schema: yaml.JSON_SCHEMA })), JSON.stringify(validate.errors)).toBe(true);
    }

    // The README's library script, run by plain Node from the user's project.
    const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Use it as a library'));
    const script = /```js\n([\s\S]*?)```/.exec(section)![1]!;
    await writeFile(path.join(app, 'build-book.mjs'), script);
    const library = await inApp('node', ['build-book.mjs']);
    expect(library.stdout.trim().split('\n').at(-1)).toBe('published epub, site');
  });

  it('gives TypeScript the library\'s types', async () => {
    await writeFile(
      path.join(app, 'typed.ts'),
      [
        "import { build, check, type BuildResult } from 'bilingual-book';",
        "const result: BuildResult = await build({ root: 'mybook', formats: ['site'] });",
        'const errors: number = result.diagnostics.errorCount + (await check({ root: "mybook" })).warningCount;',
        "// @ts-expect-error: there is no such format",
        "await build({ root: 'mybook', formats: ['docx'] });",
        'export { errors };',
        '',
      ].join('\n'),
    );
    const tsconfig = { compilerOptions: { module: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [path.join(repoRoot, 'node_modules/@types')] }, files: ['typed.ts'] };
    await writeFile(path.join(app, 'tsconfig.json'), JSON.stringify(tsconfig));
    await inApp(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', '.']);
  });
});
