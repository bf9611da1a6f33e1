// The package as users get it: installed into a project's node_modules, then
// `require`d and `import`ed by Node.js through its package.json `exports`; both give
// the one instance of the Node.js entry. (Pages: tests/browser.test.js.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { pkgDir } from './support.js';

const EXPORTS = [
  'validateRecord', 'validateEmail', 'validatePhone', 'validateCountry', 'validateState', 'validateZip',
  'validateText', 'validateExternalCustomerId', 'validateTimestamp', 'versions',
];

function project(files) {
  const dir = mkdtempSync(join(tmpdir(), 'vivamo-pkg-'));
  cpSync(pkgDir, join(dir, 'node_modules', 'vivamo-validate'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const run = (dir, file) => JSON.parse(execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' }));

test('require and import in Node.js', () => {
  const probe = `JSON.stringify({ names: Object.keys(v).filter((k) => k !== 'default' && k !== 'module.exports').sort(),
    phone: v.validatePhone('+447400123456'), versions: v.versions() })`;
  const dir = project({
    'a.cjs': `const v = require('vivamo-validate'); console.log(${probe});`,
    'b.mjs': `import * as v from 'vivamo-validate'; console.log(${probe});`,
    'c.mjs': `import { validateEmail } from 'vivamo-validate'; console.log(JSON.stringify(validateEmail('a@mailinator.com')));`,
  });
  try {
    const required = run(dir, 'a.cjs');
    const imported = run(dir, 'b.mjs');
    assert.deepEqual(required.names, [...EXPORTS].sort());
    assert.deepEqual(imported, required);
    assert.equal(required.phone.lineType, 'mobile');
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    assert.equal(required.versions.crate, pkg.version);
    assert.equal(run(dir, 'c.mjs').error.apiMessage, 'Sorry, this email domain is not supported');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the package ships one module and every file it names', () => {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'vivamo-validate');
  for (const file of pkg.files) readFileSync(join(pkgDir, file));
  const types = readFileSync(join(pkgDir, 'index.d.ts'), 'utf8');
  for (const name of EXPORTS) assert.match(types, new RegExp(`export function ${name}\\(`), name);
});
