// Every vector file of the Rust tests (tests/vectors/), read as the Rust test that
// drives it reads it, through the package: the same answers in JavaScript.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  decodeText, outcome, readRows, readVectors, recordOptions, unescapeAddress, unescapeEmail,
  unescapePhone, vv,
} from './support.js';

const dataLines = (name) =>
  readVectors(name).split('\n').map((l, i) => [i + 1, l]).filter(([, l]) => !l.startsWith('#') && l !== '');

test('email.tsv (tests/email.rs)', () => {
  const [[, header], ...rows] = dataLines('email.tsv');
  assert.equal(header, 'input\tcode\tdetail\tmessage_or_normalized\tascii\tsmtputf8');
  assert.ok(rows.length >= 100);
  for (const [line, l] of rows) {
    const f = l.split('\t');
    const r = vv.validateEmail(unescapeEmail(f[0]));
    const at = `email.tsv:${line}`;
    if (f[1] === 'ok') {
      assert.equal(r.valid, true, at);
      assert.equal(r.value, unescapeEmail(f[3]), at);
      assert.equal(r.ascii, unescapeEmail(f[4]), at);
      assert.equal(String(r.needsSmtputf8), f[5], at);
      assert.equal(vv.validateEmail(r.value).value, r.value, at);
    } else {
      assert.equal(r.valid, false, at);
      assert.deepEqual(outcome(r), [f[1], f[2], unescapeEmail(f[3])], at);
    }
  }
});

test('phone.tsv (tests/phone.rs)', () => {
  const rows = dataLines('phone.tsv');
  assert.ok(rows.length >= 120);
  for (const [line, l] of rows) {
    const f = l.split('\t');
    const options = { default: {}, strict: { rejectFixedLineOrMobile: true } }[f[1]];
    assert.ok(options, `phone.tsv:${line}: options ${f[1]}`);
    const r = vv.validatePhone(unescapePhone(f[0]), options);
    const at = `phone.tsv:${line}: ${f[0]}`;
    if (f[2] === 'ok') {
      const [, e164, lineType, region, added] = f.slice(2);
      assert.deepEqual(r, { valid: true, value: e164, e164, region, lineType, usPrefixAdded: added === 'true' }, at);
    } else {
      const [code, detail, message, suggestion] = f.slice(2);
      assert.equal(r.valid, false, at);
      assert.deepEqual(
        [r.error.code, r.error.detail ?? '-', r.error.message, r.error.suggestion ?? '-'],
        [code, detail, message, suggestion],
        at,
      );
      // Every phone_* code carries the API's sentence (SPEC §11.4).
      assert.equal(r.error.apiMessage, 'Sorry, this phone number cannot be used. Please use a valid mobile number.', at);
    }
  }
});

/** tests/support/address_vectors.rs `check`. */
function checkAddress(at, r, [status, value, detail, suggestion, message]) {
  if (status === 'ok') {
    assert.deepEqual(r, { valid: true, value }, at);
  } else {
    assert.equal(status, 'err', at);
    assert.equal(r.valid, false, at);
    const e = r.error;
    assert.deepEqual(
      [e.code, e.detail ?? '-', e.suggestion ?? '-', e.message],
      [value, detail, suggestion, message],
      at,
    );
  }
}

test('country.tsv (tests/country.rs)', () => {
  const rows = dataLines('country.tsv').filter(([, l]) => !l.startsWith('input\t'));
  assert.ok(rows.length >= 40);
  for (const [line, l] of rows) {
    const cols = l.split('\t');
    checkAddress(`country.tsv:${line}`, vv.validateCountry(unescapeAddress(cols[0])), cols.slice(1));
  }
});

// state.tsv names the sets as the library does (StateSet::as_str); the package
// takes the CLI's names.
const STATE_SETS = {
  states: 'states',
  states_and_dc: 'states-dc',
  states_dc_and_territories: 'states-dc-territories',
  all: 'all',
};

test('state.tsv (tests/state.rs)', () => {
  const rows = dataLines('state.tsv').filter(([, l]) => !l.startsWith('set\t'));
  assert.ok(rows.length >= 40);
  const seen = new Set();
  for (const [line, l] of rows) {
    const cols = l.split('\t');
    const states = STATE_SETS[cols[0]];
    assert.ok(states, `state.tsv:${line}: set ${cols[0]}`);
    seen.add(states);
    const input = unescapeAddress(cols[1]);
    const r = vv.validateState(input, { states });
    checkAddress(`state.tsv:${line}`, r, cols.slice(2));
    // US rules with no country, a blank one, or US.
    assert.deepEqual(vv.validateState(input, { states, country: ' us ' }), r);
  }
  assert.equal(seen.size, 4);
});

test('zip.tsv (tests/zip.rs)', () => {
  const rows = dataLines('zip.tsv').filter(([, l]) => !l.startsWith('rules\t'));
  assert.ok(rows.length >= 40);
  for (const [line, l] of rows) {
    const cols = l.split('\t');
    const country = { us: undefined, intl: 'GB' }[cols[0]];
    assert.ok(cols[0] === 'us' || country, `zip.tsv:${line}`);
    checkAddress(`zip.tsv:${line}`, vv.validateZip(unescapeAddress(cols[1]), { country }), cols.slice(2));
  }
});

const TEXT_FIELDS = {
  text: undefined,
  first_name: 'firstName',
  last_name: 'lastName',
  street: 'street',
  street2: 'street2',
  city: 'city',
  state: 'state',
};

test('text.tsv (tests/text.rs)', () => {
  const rows = readRows('text.tsv');
  assert.ok(rows.length >= 40);
  for (const { line, cell } of rows) {
    assert.ok(cell.field in TEXT_FIELDS, `text.tsv:${line}`);
    const field = TEXT_FIELDS[cell.field];
    const r = vv.validateText(decodeText(cell.input), field);
    const at = `text.tsv:${line} (${cell.note})`;
    assert.deepEqual(outcome(r), [cell.code, cell.detail, cell.message], at);
    if (r.valid) {
      assert.equal(r.value, decodeText(cell.normalized), at);
      assert.deepEqual(vv.validateText(r.value, field), r, at);
    }
  }
});

test('external_id.tsv (tests/external_id.rs)', () => {
  const rows = readRows('external_id.tsv');
  assert.ok(rows.length >= 20);
  for (const { line, cell } of rows) {
    const input = decodeText(cell.input);
    const r = vv.validateExternalCustomerId(input);
    const at = `external_id.tsv:${line} (${cell.note})`;
    assert.deepEqual(outcome(r), [cell.code, cell.detail, cell.message], at);
    if (r.valid) assert.deepEqual(r, { valid: true, value: input, apiPath: cell.api_path }, at);
  }
});

test('timestamp.tsv (tests/timestamp.rs)', () => {
  const rows = readRows('timestamp.tsv');
  assert.ok(rows.length >= 40);
  for (const { line, cell } of rows) {
    const r = vv.validateTimestamp(decodeText(cell.input));
    const at = `timestamp.tsv:${line} (${cell.note})`;
    assert.deepEqual(outcome(r), [cell.code, cell.detail, cell.message], at);
    if (r.valid) {
      assert.equal(r.value, cell.normalized, at);
      // unix_millis, as the Rust test checks it, is JavaScript's own reading.
      assert.equal(Date.parse(r.value), Number(cell.unix_millis), at);
    }
  }
});

/** tests/record.rs `summary`. */
function summary(r) {
  const words = r.valid ? ['valid'] : r.errors.map((e) => `${e.path}=${e.code}`);
  for (const w of r.warnings ?? []) words.push(`warn:${w.path}=${w.code}`);
  return words.join(' ');
}

for (const [cases, outputs] of [
  ['records/cases.tsv', 'records/outputs.jsonl'],
  ['records/api_behaviour.tsv', 'records/api_behaviour_outputs.jsonl'],
]) {
  test(`${cases} with ${outputs} (tests/record.rs)`, () => {
    const lines = readVectors(cases).split('\n').filter((l) => !l.startsWith('#') && l !== '');
    assert.equal(lines.shift(), 'name\toptions\tinput\texpected');
    const expected = readVectors(outputs).split('\n').filter((l) => l !== '');
    assert.equal(lines.length, expected.length);
    assert.ok(lines.length >= 30);
    lines.forEach((line, i) => {
      const [name, options, input, want] = line.split('\t');
      const r = vv.validateRecord(input, recordOptions(options));
      assert.equal(summary(r), want, name);
      // The whole object, members in the CLI's order: the blessed line without `name`.
      const { name: blessedName, ...blessed } = JSON.parse(expected[i]);
      assert.equal(blessedName, name);
      assert.equal(JSON.stringify(r), JSON.stringify(blessed), name);
    });
  });
}
