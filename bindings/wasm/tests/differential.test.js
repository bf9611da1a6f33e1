// Records from tools/gen_customers.py, and seeded mutations of them, through
// validateRecord and through the CLI (`--output jsonl --no-duplicate-check`): the
// same object for every line (the CLI's without its source members `record`, `file`,
// `line` and `externalCustomerId`), in both environments.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { repoRoot, vv } from './support.js';

const cli = process.env.VIVAMO_CLI
  ?? join(process.env.CARGO_TARGET_DIR ?? join(repoRoot, 'target'), 'release', 'vivamo-validate');
const RECORDS = 2000;

/** A small seeded generator (mulberry32), so a failure replays. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_VALUES = [
  null, 42, true, [], {}, '', '   ', '\u200b', 'x'.repeat(300), 'ａ＋ｂ@ｅｘａｍｐｌｅ.ｃｏｍ', '+44 (0)20 7946 0958',
  '٢١٢٥٥٥٠١٢٣', '1-800-FLOWERS', 'USA', 'gb', 'US-NY', 'Washington, D.C.', '00000', '12345-6789', 'Zoë\u0301',
  'jane+qa@company.com', 'a@mailinator.com', 'a@bücher.de', '2024-02-30T00:00:00Z', '2024-03-01T09:30:00+02:00',
  '\u202eevil', 'line\nbreak', '\ud83d\ude00', 'proof_of_id', 'verified', 'VERIFIED', '+447400123456', '+33912345678',
];
const FIELDS = ['email', 'phone', 'firstName', 'lastName', 'street', 'street2', 'state', 'city', 'zip', 'country'];
const NOT_JSON = ['[]', '"text"', '42', 'null', '{"externalCustomerId":"c","data":{"email":"a@b.co"}} x', '{"a":1e999}', '"\\ud800"'];

function mutate(record, next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const r = structuredClone(record);
  const steps = 1 + Math.floor(next() * 3);
  for (let s = 0; s < steps; s++) {
    const choice = next();
    const data = r.data && typeof r.data === 'object' && !Array.isArray(r.data) ? r.data : null;
    if (choice < 0.35 && data) data[pick(FIELDS)] = pick(ODD_VALUES);
    else if (choice < 0.45 && data) delete data[pick(FIELDS)];
    else if (choice < 0.55) r.externalCustomerId = pick(ODD_VALUES);
    else if (choice < 0.6) r.data = pick(ODD_VALUES);
    else if (choice < 0.7) r.kycVerifications = [{ type: pick(ODD_VALUES), status: pick(ODD_VALUES), createdAt: pick(ODD_VALUES) }];
    else if (choice < 0.76) r.createdAt = pick(ODD_VALUES);
    else if (choice < 0.82) r.verifyAfterCreation = pick(ODD_VALUES);
    else if (choice < 0.88) r[`extra${s}`] = pick(ODD_VALUES);
    else if (data) {
      const a = pick(FIELDS);
      const b = pick(FIELDS);
      [data[a], data[b]] = [data[b], data[a]];
    }
  }
  return r;
}

function lines() {
  const generated = execFileSync('python3', [join(repoRoot, 'tools', 'gen_customers.py'), String(RECORDS)], { encoding: 'utf8' })
    .split('\n').filter((l) => l.trim() !== '');
  assert.equal(generated.length, RECORDS);
  const next = rng(13);
  const out = [];
  for (const line of generated) {
    out.push(line);
    const mutated = JSON.stringify(mutate(JSON.parse(line), next));
    out.push(mutated);
    // Now and then text that is not JSON, or JSON that is not an object.
    if (next() < 0.05) out.push(mutated.slice(0, 1 + Math.floor(next() * (mutated.length - 1))));
    if (next() < 0.02) out.push(NOT_JSON[Math.floor(next() * NOT_JSON.length)]);
  }
  return out;
}

test('validateRecord and the CLI agree on every record', { skip: !existsSync(cli) && `no CLI at ${cli} (cargo build --release --features cli)` }, () => {
  const input = lines();
  const dir = mkdtempSync(join(tmpdir(), 'vivamo-diff-'));
  try {
    const file = join(dir, 'records.jsonl');
    writeFileSync(file, input.join('\n') + '\n');
    for (const environment of ['production', 'sandbox']) {
      let stdout;
      try {
        stdout = execFileSync(cli, ['--output', 'jsonl', '--no-duplicate-check', '--environment', environment, file], {
          encoding: 'utf8', maxBuffer: 1 << 28,
        });
      } catch (e) {
        assert.equal(e.status, 1, `the CLI failed: ${e.stderr}`);
        stdout = e.stdout;
      }
      const got = stdout.split('\n').filter((l) => l !== '');
      assert.equal(got.length, input.length, environment);
      let invalid = 0;
      got.forEach((line, i) => {
        // The CLI's line starts with where the record came from (`record`, `file`,
        // `line`, the id as given); the rest is the object validateRecord returns.
        const { record, file: _file, line: lineNumber, externalCustomerId: _id, ...cliObject } = JSON.parse(line);
        assert.equal(record, i + 1);
        assert.equal(lineNumber, i + 1);
        const js = vv.validateRecord(input[i], { environment });
        if (!js.valid) invalid++;
        assert.equal(JSON.stringify(js), JSON.stringify(cliObject), `${environment} line ${i + 1}: ${input[i]}`);
      });
      // The mutations reach the error paths, and the generated records the valid ones.
      assert.ok(invalid > input.length / 3 && invalid < input.length, `${invalid} invalid of ${input.length}`);
      console.log(`# ${environment}: ${input.length} records, ${invalid} invalid, identical`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
