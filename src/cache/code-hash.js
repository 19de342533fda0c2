// The hash of the generator's sources (src/, and package.json for the dependencies' versions): the compiled
// copy in lib/ is used only while it was compiled from exactly these. Plain JavaScript, because
// bin.js runs it before anything can load TypeScript.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function sourceHash(packageDir) {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|js)$/.test(entry.name)) hash.update(path.relative(packageDir, full)).update('\0').update(readFileSync(full));
    }
  };
  walk(path.join(packageDir, 'src'));
  hash.update(readFileSync(path.join(packageDir, 'package.json')));
  return hash.digest('hex');
}

/** The bundle `npm run compile` writes, which the package ships; config/package-dir.ts names it too. */
export const compiledDir = (packageDir) => path.join(packageDir, 'lib');
