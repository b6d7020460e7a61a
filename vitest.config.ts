import { defineConfig } from 'vitest/config';

// Date rules run under time zones on both sides of UTC: a calendar-date bug that depends on the
// process TZ shows up as a failure in one of these projects.
const rulesTests = ['test/rules/**/*.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    // Memory tests measure what stays reachable after a full collection.
    execArgv: ['--expose-gc'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'all', include: ['test/**/*.test.ts'], env: { TZ: 'UTC' } } },
      { extends: true, test: { name: 'rules-tz-west', include: rulesTests, env: { TZ: 'America/Los_Angeles' } } },
      { extends: true, test: { name: 'rules-tz-east', include: rulesTests, env: { TZ: 'Pacific/Auckland' } } },
    ],
  },
});
