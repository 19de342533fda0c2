/** Types for code-hash.js, which stays plain JavaScript so that bin.js can run it before TypeScript loads. */
export function sourceHash(packageDir: string): string;
export function compiledDir(packageDir: string): string;
