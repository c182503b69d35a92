// Loading matrix-bot-sdk lean (src/transports/matrix/sdk-patches.ts, patches 1–3) and its sync loop, in fresh processes:
// the module cache and live promises of a test worker would hide both.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const probe = (env: Record<string, string> = {}) => {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', new URL('./fixtures/sdk-probe.ts', import.meta.url).pathname], {
    env: { ...process.env, HTTPS_PROXY: '', HTTP_PROXY: '', https_proxy: '', http_proxy: '', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { packages: string[]; htmlToText: string; requestIsOurs: boolean; promiseGrowth: number };
};

describe('matrix-bot-sdk loaded lean', () => {
  it('loads none of express, request, html-to-text, sanitize-html or lowdb, yet they work when used', () => {
    const r = probe();
    expect(r.packages.filter((p) => !['tsx', 'esbuild', 'yaml'].includes(p))).toEqual(['htmlencode', 'matrix-bot-sdk']);
    expect(r.htmlToText).toBe('x & y');
    expect(r.requestIsOurs).toBe(true);
    // The SDK's own loop keeps two promises per /sync (400 here) until syncing stops.
    expect(r.promiseGrowth).toBeLessThan(40);
  }, 30_000);

  it('keeps the request library when a proxy is configured (it honours HTTPS_PROXY)', () => {
    expect(probe({ HTTPS_PROXY: 'http://127.0.0.1:9' }).requestIsOurs).toBe(false);
  }, 30_000);

  it('refuses another SDK version at load with one line, before loading or patching any of it', () => {
    for (const version of ['0.8.0', '0.7.0']) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', new URL('./fixtures/sdk-version-probe.ts', import.meta.url).pathname, version], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const r = JSON.parse(out.trim().split('\n').at(-1)!) as { error: { type: string; message: string } | null; sdkFiles: string[] };
      expect(r.error?.type).toBe('UserError');
      expect(r.error?.message).toBe(
        `matrix: matrix-bot-sdk ${version} is installed, but cyclebot supports 0.7.1 only (its patches rely on that version's internals; see src/transports/matrix/sdk-patches.ts): run npm ci`,
      );
      expect(r.sdkFiles).toEqual([]);
    }
  }, 30_000);
});
