// Which program is running, as a hash of its code: an index stored by one version of cyclebot
// (how it splits words, stems, aliases titles, names owners) is not used by another.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let memo: string | undefined;

/**
 * The bundle's files (dist/*.mjs) when running from it; the sources the index is derived by
 * (src/ptg, this folder) when running from TypeScript. Read once per process.
 */
export function programFingerprint(): string {
  if (memo !== undefined) return memo;
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  const ext = path.extname(here);
  const hash = createHash('sha256');
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(ext));
  for (const f of files.sort())
    hash
      .update(`${f}\0`)
      .update(fs.readFileSync(path.join(dir, f)))
      .update('\0');
  memo = hash.digest('hex');
  return memo;
}
