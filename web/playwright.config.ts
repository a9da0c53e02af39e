import { defineConfig } from '@playwright/test';

// Run by the local module's WebAppTest against the test stack it started (see tests/env.ts), with
// Debian's Chromium: never a downloaded browser. Playwright gives each run a fresh profile (its own
// --user-data-dir) and adds --headless; the other flags keep Chromium off this machine's closed network.
const out = process.env.ANYCALLTAXI_WEB_OUT ?? 'target/web-app';

export default defineConfig({
  testDir: 'tests',
  outputDir: `${out}/results`,
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.ANYCALLTAXI_GATEWAY,
    viewport: { width: 420, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    },
  },
});
