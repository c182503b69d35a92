// Where the project's own files are, found from this module wherever it runs from (the sources
// via tsx, or the prebuilt bundle in dist/): the nearest folder up with cyclebot's package.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'cyclebot') return dir;
    if (path.dirname(dir) === dir) throw new Error(`cyclebot: cannot find the project folder above ${from}`);
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const DATA_DIR = path.join(ROOT, 'data');
