#!/usr/bin/env node
// Bundles the TypeScript sources into dist/cyclebot.mjs (run by `prepare`, so `npm ci` does it):
// the launcher then starts in a fraction of the time tsx needs to compile every file.
// If the build fails, the launcher still works by running the sources through tsx.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { asciiOnly } from './ascii.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
try {
  const { build } = await import('esbuild');
  fs.rmSync(`${root}/dist`, { recursive: true, force: true }); // chunk names change per build
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cli.ts'],
    outdir: 'dist',
    entryNames: 'cyclebot',
    outExtension: { '.js': '.mjs' },
    // Transports are dynamic imports: separate chunks, so their SDKs load only when configured.
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Pure-JS libraries are bundled (tree-shaken: date-fns alone costs ~200 ms to load whole);
    // native, worker-based and the lazily loaded chat SDKs stay in node_modules.
    external: ['better-sqlite3', 'pino', 'pino-pretty', 'irc-framework', 'matrix-bot-sdk', 'tsx', 'esbuild'],
    sourcemap: 'linked',
    // Bundled CommonJS libraries (commander) call require() for Node built-ins.
    banner: { js: "import { createRequire as __cyclebotRequire } from 'node:module'; const require = __cyclebotRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  // One byte per character in V8's memory (ascii.mjs); columns after an escape on those few
  // lines shift in the source maps.
  for (const f of fs.readdirSync(`${root}/dist`).filter((n) => n.endsWith('.mjs'))) {
    const js = fs.readFileSync(`${root}/dist/${f}`, 'utf8');
    const ascii = asciiOnly(js);
    if (ascii !== js) fs.writeFileSync(`${root}/dist/${f}`, ascii);
  }
  console.log('cyclebot: built dist/cyclebot.mjs');
} catch (err) {
  console.warn(`cyclebot: no prebuilt bundle (${err.message.split('\n')[0]}); the sources will run through tsx`);
}
