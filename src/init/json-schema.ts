import { z } from 'zod';
import { bookSchema, citationsSchema } from '../config/schema.ts';

/**
 * JSON Schemas of `content/book.yaml` and `content/citations.yaml`, for editors (`# yaml-language-server:
 * $schema=…` in the files `init` writes): made from the very zod schemas the loader validates with, so the
 * editor knows every key the build does. Draft 7, the newest every YAML editor reads. What only code can
 * check (a real calendar date, chapter names that collide) the build still reports.
 */
export function bookJsonSchema(): object {
  return toJsonSchema(bookSchema, 'book.yaml', 'A bilingual-book book: its metadata and chapter order.');
}

export function citationsJsonSchema(): object {
  return toJsonSchema(citationsSchema, 'citations.yaml', 'A bilingual-book book\'s sources, by citation key.');
}

function toJsonSchema(schema: z.ZodType, title: string, description: string): object {
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
  return { ...json, title, description };
}
