import { isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Node as YamlNode } from 'yaml';
import jsYaml from 'js-yaml';
import type { VFile } from 'vfile';
import type { z } from 'zod';
import { report, ruleIds } from '../diagnostics.ts';
import { suggestion } from './nearest.ts';

type Path = readonly PropertyKey[];

/**
 * Parses a YAML file and validates it against `schema`; every problem becomes a positioned message
 * on `file`. Returns undefined when anything is wrong, so callers never see half-valid data.
 */
export function loadYaml<S extends z.ZodType>(file: VFile, schema: S): z.output<S> | undefined {
  const quick = quickParse(String(file.value), schema);
  if (quick.ok) return quick.data;
  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(String(file.value), { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    report(file, 'The YAML is nested too deeply to read; flatten it', { ruleId: ruleIds.tooDeep, place: { line: 1, column: 1 } });
    return undefined;
  }
  const placeOf = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const rangeOf = (range: readonly number[] | null | undefined) =>
    range && range[0] !== undefined && range[1] !== undefined ? { start: placeOf(range[0]), end: placeOf(range[1]) } : undefined;

  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const place = rangeOf(error.pos);
      report(file, `YAML syntax: ${error.message.split('\n')[0]}; fix the syntax at this place`, {
        ruleId: ruleIds.syntax,
        ...(place ? { place } : {}),
      });
    }
    return undefined;
  }

  let result;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: maxYamlAliases }) ?? {};
    result = schema.safeParse(data);
  } catch (error) {
    // `yaml` refuses aliases that would expand past the limit (a "billion laughs" file); the rest is too deep.
    if (!(error instanceof ReferenceError) && !(error instanceof RangeError)) throw error;
    const alias = error instanceof ReferenceError ? firstAlias(doc) : undefined;
    const place = (alias && rangeOf(alias.range)) ?? { line: 1, column: 1 };
    report(
      file,
      alias ? 'The YAML aliases (`*name`) here expand to too much data; write the values out instead' : 'The YAML is nested too deeply to read; flatten it',
      { ruleId: alias ? ruleIds.tooLarge : ruleIds.tooDeep, place },
    );
    return undefined;
  }
  if (result.success) return result.data;

  // A misspelt key also leaves its right spelling missing: the "did you mean" message says both.
  const suggested = new Set<string>();
  for (const issue of result.error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const allowed = keysAt(schema, issue.path);
    for (const key of issue.keys) {
      const match = suggestion(key, allowed).match(/did you mean `([^`]+)`/)?.[1];
      if (match) suggested.add([...issue.path, match].join('.'));
    }
  }
  for (const issue of result.error.issues) {
    const path = issue.path;
    // zod does not say what it found (unless told to): the parsed data does.
    const found = valueAt(data, path);
    const missing = issue.code === 'invalid_type' && found === undefined;
    if (missing && suggested.has(path.join('.'))) continue;
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysAt(schema, path);
      for (const key of issue.keys) {
        const place = rangeOf(keyNode(doc.getIn(path, true), key)?.range);
        report(file, `Unknown key \`${[...path, key].join('.')}\`${suggestion(key, allowed)}`, {
          ruleId: ruleIds.configKey,
          ...(place ? { place } : {}),
        });
      }
      continue;
    }
    const where = path.length > 0 ? `\`${path.join('.')}\`` : 'The file';
    // A missing key is reported at the key of the object that lacks it (or the file's start).
    const node = missing ? parentKeyNode(doc, path) : deepestNode(doc, path);
    const place = missing ? (node?.range ? placeOf(node.range[0]) : { line: 1, column: 1 }) : rangeOf(node?.range);
    const reason = missing ? `${where} is required; add it` : `${where} ${describe(issue)}${issue.code === 'invalid_type' ? `, not ${kindOf(found)}` : ''}`;
    report(file, reason, { ruleId: ruleIds.configValue, ...(place ? { place } : {}) });
  }
  return undefined;
}

/**
 * Where each key of a YAML file stands, by its path (`['jobtag']`): from the parser's own node ranges, so a
 * quoted or indented key is found like any other. For messages about valid data, found after `loadYaml`.
 */
export function yamlKeyPlaces(file: VFile): (path: Path) => { line: number; column: number } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(String(file.value), { lineCounter, prettyErrors: false });
  return (path) => {
    const start = path.length > 0 ? keyNode(doc.getIn(path.slice(0, -1), true), String(path.at(-1)))?.range?.[0] : undefined;
    if (start === undefined) return undefined;
    const { line, col } = lineCounter.linePos(start);
    return { line, column: col };
  };
}

/**
 * js-yaml reads YAML about seven times faster than `yaml`'s positioned parse (a long book's lock is tens of
 * megabytes; every chapter's front matter and every build's book.yaml go through here too). What it reads
 * and the schema accepts is used as it is; anything else goes through the positioned parse, whose
 * messages say where. The core schema reads as YAML 1.2 does, as `yaml` does: no dates, no merge keys;
 * js-yaml refuses duplicate keys, as `uniqueKeys` does.
 */
function quickParse<S extends z.ZodType>(text: string, schema: S): { ok: true; data: z.output<S> } | { ok: false } {
  try {
    const data: unknown = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) ?? {};
    // js-yaml shares an anchored value between its aliases: validating a "billion laughs" file would never end.
    if (sharesObjects(data)) return { ok: false };
    const result = schema.safeParse(data);
    return result.success ? { ok: true, data: result.data } : { ok: false };
  } catch {
    return { ok: false };
  }
}

/** True when one object or array is reached twice (only aliases do that); iterative, linear in the objects. */
function sharesObjects(data: unknown): boolean {
  const seen = new Set<object>();
  const stack = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (!value || typeof value !== 'object') continue;
    if (seen.has(value)) return true;
    seen.add(value);
    for (const child of Object.values(value)) stack.push(child);
  }
  return false;
}

/** How many times aliases may be expanded in one file (`yaml`'s own default): a real book needs a few. */
const maxYamlAliases = 100;

function firstAlias(doc: ReturnType<typeof parseDocument>): YamlNode | undefined {
  let found: YamlNode | undefined;
  visit(doc, {
    Alias(_key, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const segment of path) {
    if (!current || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** What a YAML value is, in the words of the messages: "not a list" reads better than "not object". */
function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping of keys';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return `the number ${value}`;
  return `\`${String(value)}\``;
}

function describe(issue: z.core.$ZodIssue): string {
  const message = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  return /^(expected|must|is|lists|a )/.test(message) ? message : `is invalid: ${message}`;
}

function keyNode(node: unknown, key: string): YamlNode | undefined {
  if (!isMap(node)) return undefined;
  for (const item of node.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item.key;
  }
  return undefined;
}

function parentKeyNode(doc: ReturnType<typeof parseDocument>, path: Path): YamlNode | undefined {
  if (path.length < 2) return undefined;
  return keyNode(doc.getIn(path.slice(0, -2), true) ?? doc.contents, String(path[path.length - 2]));
}

/** The node at `path`, or its nearest existing ancestor (a missing key is reported on its parent). */
function deepestNode(doc: ReturnType<typeof parseDocument>, path: Path): YamlNode | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length), true);
    if (node && typeof node === 'object' && 'range' in node) return node as YamlNode;
  }
  return undefined;
}

/** The keys the schema allows at `path`, to suggest the nearest one for a typo. */
function keysAt(schema: z.ZodType, path: Path): string[] {
  let current: unknown = schema;
  for (const segment of [undefined, ...path]) {
    current = unwrap(current);
    if (segment === undefined) continue;
    const def = (current as { def?: { type?: string; valueType?: unknown; element?: unknown; shape?: Record<string, unknown> } }).def;
    if (def?.type === 'object') current = def.shape?.[String(segment)];
    else if (def?.type === 'record') current = def.valueType;
    else if (def?.type === 'array') current = def.element;
    else return [];
  }
  current = unwrap(current);
  const def = (current as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { type?: string; innerType?: unknown } } | undefined;
  while (current?.def && ['optional', 'default', 'nullable', 'pipe'].includes(current.def.type ?? '')) {
    current = current.def.innerType as typeof current;
  }
  return current;
}
