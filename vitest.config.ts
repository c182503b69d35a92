import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // better-sqlite3 and spawned servers are happiest in forked workers; 2 cores here.
    pool: 'forks',
    maxWorkers: 2,
  },
});
