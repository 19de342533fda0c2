/** Which blank pages a printing needs: before divisions that open on a right-hand page, and to pad the count. */
export interface BlankPages {
  /** The ids of the headings whose division needs a blank left-hand page before it. */
  versos: string[];
  /** How many blank pages go before the colophon. */
  pads: number;
}

/**
 * The blank pages that put every division in `opening` (ids, in document order) on an odd page (a recto: the
 * right-hand page of a book bound on the left, the left-hand one of a book bound on the right), or on an even
 * page for those in `onEven` (a vertical bilingual chapter, whose spreads open with the Japanese page on the
 * right, spreads.ts), and make the page count a multiple of `multiple`, from where a printing with the blank pages `shown` put them
 * (`landed`, the page of each id) and its page count. A blank page shown moves everything after it one page on;
 * taking those out first gives the pages each division would land on with none, from which the wanted ones
 * follow in one pass: the next printing needs no other, unless the contents' own numbers change its length.
 */
export function blankPages(
  opening: string[],
  landed: Map<string, number>,
  pageCount: number,
  shown: BlankPages,
  multiple: number,
  onEven: ReadonlySet<string> = new Set(),
): BlankPages {
  const shownVersos = new Set(shown.versos);
  let removed = 0;
  let added = 0;
  const versos: string[] = [];
  for (const id of opening) {
    if (shownVersos.has(id)) removed++;
    const page = (landed.get(id) ?? 1) - removed + added;
    if (page % 2 === (onEven.has(id) ? 1 : 0)) {
      versos.push(id);
      added++;
    }
  }
  const pages = pageCount - shown.pads - removed + added;
  return { versos, pads: (multiple - (pages % multiple)) % multiple };
}

export function sameBlankPages(a: BlankPages, b: BlankPages): boolean {
  return a.pads === b.pads && a.versos.length === b.versos.length && a.versos.every((id, index) => b.versos[index] === id);
}

/**
 * Where each id will land once the blank pages `to` replace `from`: one page on for each blank page added
 * before it, one back for each taken out. Written into the contents before the next printing, these numbers
 * are the ones it shows, so that printing can already be the last.
 */
export function pagesWithBlankPages(landed: Map<string, number>, lastPage: string, from: BlankPages, to: BlankPages): Map<string, number> {
  const before = (blanks: BlankPages, id: string, page: number) =>
    blanks.versos.filter((opening) => (landed.get(opening) ?? Infinity) <= page).length + (id === lastPage ? blanks.pads : 0);
  return new Map([...landed].map(([id, page]) => [id, page - before(from, id, page) + before(to, id, page)]));
}
