#!/usr/bin/env node
// Bundles the TypeScript sources into dist/cyclebot.mjs (run by `prepare`, so `npm ci` does it):
// the launcher then starts in a fraction of the time tsx needs to compile every file.
// If the build fails, the launcher still works by running the sources through tsx.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
try {
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cyclebot.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  console.log('cyclebot: built dist/cyclebot.mjs');
} catch (err) {
  console.warn(`cyclebot: no prebuilt bundle (${err.message.split('\n')[0]}); the sources will run through tsx`);
}
