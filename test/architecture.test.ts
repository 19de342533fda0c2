import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The data flow of `src/`, read from its folder names: each stage imports only the stages before it
 * (the README's "How it works" draws the same order), no file imports in a circle, and the three outputs
 * do not import one another.
 */
const stages = ['diagnostics.ts', 'config', 'cache', 'i18n', 'pipeline', 'content', 'editions', 'output', 'publish', 'load-book.ts', 'build.ts', 'serve', 'init', 'cli', 'index.ts'];
const src = path.join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const files = sourceFiles(src).map((file) => path.relative(src, file));
const imports = new Map(
  files.map((file) => {
    const text = readFileSync(path.join(src, file), 'utf8');
    const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'";]*?from\s*'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)].map((match) => match[1] ?? match[2]!);
    return [file, specifiers.map((specifier) => path.normalize(path.join(path.dirname(file), specifier)))];
  }),
);

const stageOf = (file: string): number => {
  const stage = stages.indexOf(file.split(path.sep)[0]!);
  if (stage < 0) throw new Error(`${file} is in no stage: add its folder to the stages`);
  return stage;
};
/** `output/site/…` → `site`: the output a file belongs to, if any. */
const outputOf = (file: string): string | undefined => (file.startsWith(`output${path.sep}`) && file.split(path.sep).length > 2 ? file.split(path.sep)[1] : undefined);

describe('architecture', () => {
  it('has every source file in a stage', () => {
    for (const file of files) expect(() => stageOf(file), file).not.toThrow();
  });

  it('imports only from the same or an earlier stage', () => {
    const upward = [...imports].flatMap(([file, targets]) => targets.filter((target) => stageOf(target) > stageOf(file)).map((target) => `${file} → ${target}`));
    expect(upward).toEqual([]);
  });

  it('keeps each output to itself: site, epub and pdf import only shared output code', () => {
    const crossing = [...imports].flatMap(([file, targets]) =>
      targets.filter((target) => outputOf(file) && outputOf(target) && outputOf(target) !== outputOf(file)).map((target) => `${file} → ${target}`),
    );
    expect(crossing).toEqual([]);
  });

  it('gives the outputs editions only: none imports the loaded book or its loader', () => {
    const reaching = [...imports].flatMap(([file, targets]) =>
      file.startsWith(`output${path.sep}`) ? targets.filter((target) => ['load-book.ts', path.join('content', 'book.ts')].includes(target)).map((target) => `${file} → ${target}`) : [],
    );
    expect(reaching).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of imports.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('reads no environment variable and keeps no mutable module state below the CLI', () => {
    const below = files.filter((file) => !file.startsWith(`cli${path.sep}`) && file !== 'index.ts');
    const found = below.flatMap((file) => {
      const text = readFileSync(path.join(src, file), 'utf8');
      return [...text.matchAll(/process\.env|^let\s+\w+/gm)].map((match) => `${file}: ${match[0]}`);
    });
    expect(found).toEqual([]);
  });
});
