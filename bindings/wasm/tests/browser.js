// Headless Chromium (Debian's /usr/bin/chromium, or VIVAMO_CHROMIUM) through
// playwright-core, with the flags this machine needs: its closed network refuses
// Chromium's background connections.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.VIVAMO_CHROMIUM ?? '/usr/bin/chromium';

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}
