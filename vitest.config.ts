import { defineConfig } from 'vitest/config';

// Date rules run under time zones on both sides of UTC: a calendar-date bug that depends on the
// process TZ shows up as a failure in one of these projects.
const rulesTests = ['test/rules/**/*.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      { test: { name: 'all', include: ['test/**/*.test.ts'], env: { TZ: 'UTC' } } },
      { test: { name: 'rules-tz-west', include: rulesTests, env: { TZ: 'America/Los_Angeles' } } },
      { test: { name: 'rules-tz-east', include: rulesTests, env: { TZ: 'Pacific/Auckland' } } },
    ],
  },
});
