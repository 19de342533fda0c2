import path from 'node:path';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

/** Every rule id a content or configuration problem can carry; the README's "Errors" section lists them. */
export const ruleIds = {
  syntax: 'syntax-error',
  configKey: 'config-unknown-key',
  configValue: 'config-invalid-value',
  missingFile: 'missing-file',
  unreadableFile: 'unreadable-file',
  encoding: 'not-utf8',
  binary: 'not-text',
  emptyFile: 'empty-file',
  tooLarge: 'too-large',
  tooDeep: 'too-deep',
  duplicateId: 'duplicate-id',
  unsafeUrl: 'unsafe-url',
  frontmatter: 'front-matter',
  unknownCitation: 'unknown-citation',
  citationNotInSource: 'citation-not-in-source',
  staleSource: 'stale-source',
  glossary: 'glossary-term',
  alignment: 'alignment-mismatch',
  missingTranslation: 'missing-translation',
  staleTranslation: 'stale-translation',
  unlistedChapter: 'unlisted-chapter',
  orphanTranslation: 'orphan-translation',
  localeKey: 'locale-missing-key',
  headingOutline: 'chapter-title',
  rawHtml: 'raw-html',
  attributeList: 'attribute-list',
  brokenLink: 'broken-link',
  remoteImage: 'remote-image',
  missingImage: 'missing-image',
  imageOutsideBook: 'image-outside-book',
  inputOutsideBook: 'input-outside-book',
  bidiControl: 'bidi-control',
  notAnImage: 'not-an-image',
  unsafeImage: 'unsafe-image',
  output: 'output-check',
  renderFailed: 'render-failed',
  outputFolder: 'output-folder',
  diskFull: 'disk-full',
  interrupted: 'interrupted',
  fontFallback: 'pdf-font-fallback',
  sourceDateEpoch: 'source-date-epoch',
  unsafeTemplate: 'unsafe-template',
  ruby: 'ruby',
} as const;

export type RuleId = (typeof ruleIds)[keyof typeof ruleIds];

/** All messages use the same origin, so a linter-like consumer can filter on it. */
export const messageSource = 'bilingual-book';

type Place = VFileMessage['place'];

export interface MessageOptions {
  place?: Place;
  ruleId: RuleId;
  /** `error` stops the build; `warning` is printed and the build goes on. */
  severity?: 'error' | 'warning';
  /** A sponsor disclosure missing from an output: unlike other failed checks, it keeps every format from publishing. */
  disclosure?: boolean;
}

declare module 'vfile-message' {
  interface VFileMessage {
    disclosure?: boolean;
  }
}

/** Adds a positioned message to `file`; errors get `fatal: true` without throwing, so every problem is reported at once. */
export function report(file: VFile, reason: string, options: MessageOptions): VFileMessage {
  const message = file.message(reason, {
    ...(options.place ? { place: options.place } : {}),
    ruleId: options.ruleId,
    source: messageSource,
  });
  message.fatal = options.severity !== 'warning';
  if (options.disclosure) message.disclosure = true;
  return message;
}

/** A file that exists only to carry messages (a missing file, the output folder). */
export function messageFile(filePath: string): VFile {
  return new VFile({ path: filePath });
}

export class Diagnostics {
  readonly files = new Set<VFile>();

  add(...files: VFile[]): void {
    for (const file of files) this.files.add(file);
  }

  get messages(): VFileMessage[] {
    return [...this.files].flatMap((file) => file.messages);
  }

  get errorCount(): number {
    return this.messages.filter((message) => message.fatal === true).length;
  }

  get warningCount(): number {
    return this.messages.filter((message) => message.fatal === false).length;
  }

  /** One line a message, `file:line:col: severity: reason [rule]`, paths relative to `cwd`. */
  format(cwd: string): string[] {
    const lines: string[] = [];
    for (const file of this.files) {
      for (const message of file.messages) lines.push(formatMessage(file, message, cwd));
    }
    return lines;
  }
}

export function formatMessage(file: VFile, message: VFileMessage, cwd: string): string {
  const name = file.path ? path.relative(cwd, file.path) || file.path : '<input>';
  const place = formatPlace(message.place);
  const severity = message.fatal === true ? 'error' : 'warning';
  return `${name}${place ? `:${place}` : ''}: ${severity}: ${message.reason} [${message.ruleId ?? 'unknown'}]`;
}

function formatPlace(place: Place): string {
  if (!place) return '';
  if ('start' in place) {
    const { start, end } = place;
    return `${start.line}:${start.column}-${end.line}:${end.column}`;
  }
  return `${place.line}:${place.column}`;
}
