import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Node (npm start) loads graphql's CommonJS entry, as Apollo's own packages do; Vite would pick
    // its ESM `module` entry for our imports — a second graphql instance whose type checks fail
    // on the schema Apollo built. Tests must load what production loads.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
