import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { VFile } from 'vfile';

export interface RehypeCitationNotesOptions {
  /** The notes heading, in the chapter's language ("注", "Notes"). */
  heading: string;
  /** The visible marker of note `number`, as in the text. */
  marker: (number: number) => string;
  /** The accessible name of a back-link to the call of note `number`. */
  backLabel: (number: number) => string;
  /** The full, dated reference of a source, in the chapter's language. */
  reference: (key: string) => ElementContent[];
  /** The same prefix remark-citations used for the calls' ids. */
  idPrefix: string;
}

/**
 * Closes the chapter with its notes: one per source in `file.data.noteOrder` (the source language's,
 * so a translation that falls back to a Japanese block still finds the note it calls), numbered as the
 * calls are, each with the full dated reference and a link back to every call. Must run after
 * remark-citations: it reads `file.data.citationCalls` and `file.data.noteOrder`.
 */
export function rehypeCitationNotes(options: RehypeCitationNotesOptions) {
  const { heading, marker, backLabel, reference, idPrefix } = options;
  return (tree: Root, file: VFile) => {
    const calls = file.data.citationCalls ?? [];
    const order = file.data.noteOrder ?? [];
    if (order.length === 0) return;

    const callsOf = new Map<number, typeof calls>();
    for (const call of calls) {
      const same = callsOf.get(call.number);
      if (same) same.push(call);
      else callsOf.set(call.number, [call]);
    }
    const items = order.map((key, position) => {
      const number = position + 1;
      const backLinks = (callsOf.get(number) ?? [])
        .map((call, index) => {
          // A repeated call's link shows its ordinal; the accessible name must contain what is shown.
          const ordinal = index === 0 ? '' : String(index + 1);
          // A call with a locator (`[@key, p. 3]`) shows it on its back-link: the note is one per source.
          const shown = `↩${ordinal}${call.locator ? ` ${call.locator}` : ''}`;
          const label = shown === '↩' ? backLabel(number) : `${shown} ${backLabel(number)}`;
          return h('a', { href: `#${call.id}`, className: ['backref'], role: 'doc-backlink', ariaLabel: label }, shown);
        });
      return h('li', { id: `${idPrefix}note-${number}`, className: ['note'] }, [
        h('span', { className: ['note-marker'] }, marker(number)),
        ' ',
        ...reference(key),
        ...backLinks.flatMap((link) => [' ', link]),
      ]);
    });

    const headingId = `${idPrefix}notes-heading`;
    tree.children.push(
      h('section', { className: ['notes'], role: 'doc-endnotes', ariaLabelledBy: headingId }, [
        h('h2', { id: headingId }, heading),
        h('ol', { className: ['notes-list'] }, items),
      ]),
    );
  };
}
