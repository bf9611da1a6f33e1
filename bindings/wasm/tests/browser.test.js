// The demo page in headless Chromium, served from 127.0.0.1 by the test: a
// disposable email, a landline, a 10-digit US number and a bad ZIP typed in; the
// page shows the package's sentences and normalized values. The screenshot is
// left in test-results/demo.png.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { CHROMIUM, launch } from './browser.js';
import { serve } from './server.js';
import { packageDir, vv } from './support.js';

const skip = !existsSync(CHROMIUM) && `no Chromium at ${CHROMIUM}`;
let server;
let browser;

before(async () => {
  if (skip) return;
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the demo page validates as the user types', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 900, height: 1400 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(`${server.url}/demo/`);
  await page.waitForSelector('html[data-ready="true"]');
  const out = (name) => page.locator(`#${name}-out`).innerText();

  await page.locator('#email').pressSequentially('jane@mailinator.com');
  assert.equal(await out('email'), vv.validateEmail('jane@mailinator.com').error.apiMessage);

  await page.locator('#phone').pressSequentially('+44 20 7946 0958');
  const landline = vv.validatePhone('+44 20 7946 0958');
  assert.equal(landline.error.detail, 'fixed_line');
  assert.equal(await out('phone'), landline.error.apiMessage);

  await page.locator('#phone').fill('');
  await page.locator('#phone').pressSequentially('(212) 555-0123');
  assert.equal(await out('phone'), '✓ +12125550123 · fixed line or mobile · US');

  await page.locator('#zip').pressSequentially('1234');
  const zip = vv.validateZip('1234').error;
  assert.equal(await out('zip'), `${zip.message} (did you mean ${zip.suggestion}?)`);

  for (const [id, value] of [['firstName', '  Zoë '], ['lastName', "O'Brien"], ['street', '1 Main St'], ['city', 'New York'], ['state', 'new york']]) {
    await page.locator(`#${id}`).pressSequentially(value);
  }
  assert.equal(await out('firstName'), '✓ Zoë');
  assert.equal(await out('state'), '✓ NY');

  // The record: the package's own object for the form's data.
  const record = JSON.parse(await page.locator('#record').innerText());
  assert.equal(record.valid, false);
  assert.deepEqual(record.errors.map((e) => e.path), ['data.email', 'data.zip']);

  // Sandbox: the disposable domain becomes a warning.
  await page.locator('input[value="sandbox"]').check();
  assert.match(await out('email'), /^✓ jane@mailinator\.com\nsandbox warning: /);

  mkdirSync(join(packageDir, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(packageDir, 'test-results', 'demo.png'), fullPage: true });
  assert.deepEqual(problems, []);
});
