import path from 'node:path';
import i18next, { type TOptions } from 'i18next';
import type { VFile } from 'vfile';
import { inputLimits, readTextFile } from '../config/load-config.ts';
import { bookOrPackageDir } from '../config/package-dir.ts';
import { type Lang, languages } from '../config/schema.ts';
import { type Diagnostics, report, ruleIds } from '../diagnostics.ts';
import { checkNesting } from './check-nesting.ts';

/** Translates a UI string key of `locales/<lang>.json`. */
export type Translate = (key: string, options?: TOptions) => string;

export type Translators = Record<Lang, Translate>;

/**
 * One i18next instance for both languages. A key present in one locale and not the other is an error on
 * the file that lacks it; asking for a key no locale has is a bug in the generator, so it throws.
 */
export async function loadTranslators(root: string, diagnostics: Diagnostics): Promise<Translators | undefined> {
  const dir = bookOrPackageDir(root, 'locales');
  const resources: Partial<Record<Lang, Record<string, unknown>>> = {};
  const files: Partial<Record<Lang, VFile>> = {};
  for (const lang of languages) {
    const file = await readTextFile(path.join(dir, `${lang}.json`), diagnostics, `the ${lang} UI strings`, {
      within: path.dirname(dir),
      maxBytes: inputLimits.config,
    });
    if (!file) continue;
    files[lang] = file;
    const parsed = parseJson(file);
    if (parsed) resources[lang] = parsed;
  }
  if (languages.some((lang) => !resources[lang])) return undefined;

  const keySets = Object.fromEntries(languages.map((lang) => [lang, new Set(flatStrings(resources[lang]!).keys())])) as Record<Lang, Set<string>>;
  let complete = true;
  for (const lang of languages) {
    for (const other of languages) {
      for (const key of keySets[other]) {
        if (keySets[lang].has(key)) continue;
        complete = false;
        report(files[lang]!, `Missing UI string \`${key}\` (it is in ${other}.json); add its ${lang} text`, {
          ruleId: ruleIds.localeKey,
          place: { line: lineOfParent(files[lang]!, key), column: 1 },
        });
      }
    }
  }
  if (!complete) return undefined;
  const nestingOk = languages.map((lang) => checkNesting(flatStrings(resources[lang]!), files[lang]!, (key) => lineOfKey(files[lang]!, key)));
  if (nestingOk.includes(false)) return undefined;

  const instance = i18next.createInstance();
  await instance.init({
    resources: Object.fromEntries(languages.map((lang) => [lang, { translation: resources[lang] as Record<string, string> }])),
    lng: 'ja',
    fallbackLng: false,
    initAsync: false,
    showSupportNotice: false,
    // Strings become hast text nodes, and the serializer escapes them: escaping here would double it.
    interpolation: { escapeValue: false },
  });
  const translator = (lang: Lang): Translate => (key, options) => {
    if (!instance.exists(key, { lng: lang })) throw new Error(`No UI string \`${key}\` in locales/${lang}.json`);
    // i18next's key types cannot know our JSON files: the check above stands in for them.
    return (instance.t as (key: string, options: TOptions) => string)(key, { ...options, lng: lang });
  };
  return { ja: translator('ja'), en: translator('en') };
}

function parseJson(file: VFile): Record<string, unknown> | undefined {
  const text = String(file.value);
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    report(file, 'Expected a JSON object of UI strings', { ruleId: ruleIds.configValue });
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    const before = text.slice(0, Number(position ?? 0));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    report(file, `Invalid JSON: ${(error as Error).message}`, { ruleId: ruleIds.syntax, place: { line, column } });
  }
  return undefined;
}

/** Every string of a locale by its dotted key, as `$t(…)` names it. */
function flatStrings(value: Record<string, unknown>): Map<string, string> {
  const strings = new Map<string, string>();
  // Iterative, in the file's order: a locale nested thousands deep must not overflow the stack.
  const stack: Array<[string, unknown]> = Object.entries(value).reverse();
  while (stack.length > 0) {
    const [key, child] = stack.pop()!;
    if (child && typeof child === 'object') {
      for (const [name, inner] of Object.entries(child).reverse()) stack.push([`${key}.${name}`, inner]);
    } else strings.set(key, String(child));
  }
  return strings;
}

/** The line where `key`'s last part is written as a JSON key, or 1. */
function lineOfKey(file: VFile, key: string): number {
  const index = String(file.value).split('\n').findIndex((line) => line.includes(`"${key.split('.').at(-1)}":`));
  return index + 1 || 1;
}

/** The line where the deepest existing parent object of `key` opens, so the message points near where to add it. */
function lineOfParent(file: VFile, key: string): number {
  const lines = String(file.value).split('\n');
  const parts = key.split('.');
  for (let depth = parts.length - 1; depth > 0; depth--) {
    const index = lines.findIndex((line) => line.includes(`"${parts[depth - 1]}":`));
    if (index >= 0) return index + 1;
  }
  return 1;
}
