// The README's JavaScript examples, run against the installed package: each ```js
// block as its own module (ES module when it imports, CommonJS otherwise).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { packageDir, pkgDir } from './support.js';

const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

test('the README has its examples', () => {
  assert.ok(blocks.length >= 3);
});

blocks.forEach((code, i) => {
  test(`README example ${i + 1}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'vivamo-readme-'));
    try {
      cpSync(pkgDir, join(dir, 'node_modules', 'vivamo-validate'), { recursive: true });
      const file = join(dir, /^import /m.test(code) ? 'example.mjs' : 'example.cjs');
      writeFileSync(file, code);
      execFileSync(process.execPath, [file], { cwd: dir, stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
