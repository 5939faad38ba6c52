import { defineConfig, devices } from '@playwright/test';
import { HEADLESS_ARGS } from './src-node/print/pdf';

/**
 * The real UI in Debian's Chromium against the real web host. There is no `webServer` block: each
 * test starts its own host on a fresh data folder (test/e2e-web/helpers.ts), so tests never share data.
 */
export default defineConfig({
  testDir: 'test/e2e-web',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      // The same switches the app's own PDF printer starts Chromium with.
      args: [...HEADLESS_ARGS],
    },
  },
  projects: [{ name: 'chromium' }],
});
