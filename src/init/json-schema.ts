import { z } from 'zod';
import { bookSchema, citationsSchema } from '../config/schema.ts';
import { bookKeyNotes, sourceKeyNotes } from './key-notes.ts';

/** The part of a JSON Schema this file reads and writes. */
interface JsonSchema {
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
}

/**
 * JSON Schemas of `content/book.yaml` and `content/citations.yaml`, for editors (`# yaml-language-server:
 * $schema=…` in the files `init` writes): made from the very zod schemas the loader validates with, so the
 * editor knows every key the build does, with the notes of key-notes.ts as their descriptions. Draft 7,
 * the newest every YAML editor reads. What only code can check (a real calendar date, chapter names
 * that collide) the build still reports.
 */
export function bookJsonSchema(): object {
  const schema = toJsonSchema(bookSchema, 'book.yaml', 'A bilingual-book book: its metadata and chapter order.');
  describe(schema, bookKeyNotes);
  return schema;
}

export function citationsJsonSchema(): object {
  const schema = toJsonSchema(citationsSchema, 'citations.yaml', "A bilingual-book book's sources, by citation key.");
  if (typeof schema.additionalProperties === 'object') describe(schema.additionalProperties, sourceKeyNotes);
  return schema;
}

function toJsonSchema(schema: z.ZodType, title: string, description: string): JsonSchema & object {
  // `input`: the file as written, where keys with defaults may be left out.
  const json = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
    // zod's `z.url()` reads addresses as browsers do, Unicode host and path included (`https://求人ボックス.com/…`):
    // that is an IRI, where JSON Schema's `uri` would refuse any character outside ASCII.
    override: ({ jsonSchema }) => {
      if (jsonSchema.format === 'uri') jsonSchema.format = 'iri';
    },
  });
  return { ...(json as JsonSchema), title, description };
}

/** Sets each property's description from `notes`, keyed by its dotted path (`sources.maxAgeYears`). */
function describe(schema: JsonSchema, notes: Record<string, string>, prefix = ''): void {
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const note = notes[`${prefix}${key}`];
    if (note) property.description = note;
    describe(property, notes, `${prefix}${key}.`);
  }
}
