#!/usr/bin/env node
// Launcher. Runs the bundle `npm ci` built (dist/cyclebot.mjs) when it is newer than every
// source file; otherwise (sources edited since, or no bundle) runs the TypeScript through tsx.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = path.join(root, 'dist', 'cyclebot.mjs');

function newestSource() {
  let newest = 0;
  for (const dir of ['src', 'commands']) {
    for (const f of fs.readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      if (f.isFile() && f.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(path.join(f.parentPath ?? f.path, f.name)).mtimeMs);
    }
  }
  return newest;
}

let fresh = false;
try {
  fresh = process.env.CYCLEBOT_NO_BUNDLE !== '1' && fs.statSync(bundle).mtimeMs >= newestSource();
} catch {
  fresh = false;
}
if (fresh) {
  await import(new URL(`file://${bundle}`).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli.ts', import.meta.url).href);
}
