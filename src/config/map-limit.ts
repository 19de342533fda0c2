/**
 * `task` over `items`, at most `limit` at a time, the results in the items' order. Reading or writing a
 * thousand files one after another leaves the disk and the thread pool idle between them.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** How many files to read or write at once. */
export const fileConcurrency = 16;
