import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
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
  const lineCounter = new LineCounter();
  const doc = parseDocument(String(file.value), { lineCounter, prettyErrors: false, uniqueKeys: true });
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

  const result = schema.safeParse(doc.toJS() ?? {});
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
    if (issue.code === 'invalid_type' && issue.input === undefined && suggested.has(path.join('.'))) continue;
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
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    // A missing key is reported at the key of the object that lacks it (or the file's start).
    const node = missing ? parentKeyNode(doc, path) : deepestNode(doc, path);
    const place = missing ? (node?.range ? placeOf(node.range[0]) : { line: 1, column: 1 }) : rangeOf(node?.range);
    const reason = missing ? `${where} is required; add it` : `${where} ${describe(issue)}`;
    report(file, reason, { ruleId: ruleIds.configValue, ...(place ? { place } : {}) });
  }
  return undefined;
}

function describe(issue: z.core.$ZodIssue): string {
  const message = issue.message.replace(/^Invalid input: /, '');
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
