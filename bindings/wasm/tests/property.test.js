// Nothing throws: random strings, random JSON and random values of every type into
// every function, and each answer is a plain result object of the documented shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

import { vv } from './support.js';

const FIELD_FUNCTIONS = [
  'validateEmail', 'validatePhone', 'validateCountry', 'validateState', 'validateZip', 'validateText',
  'validateExternalCustomerId', 'validateTimestamp',
];
const RUNS = Number(process.env.VIVAMO_PROPERTY_RUNS ?? 300);

function assertFieldResult(r) {
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  if (r.valid === true) {
    assert.equal(typeof r.value, 'string');
  } else {
    assert.equal(r.valid, false);
    assert.equal(typeof r.error.code, 'string');
    assert.equal(typeof r.error.message, 'string');
  }
  assert.ok(r.warnings === undefined || Array.isArray(r.warnings));
}

function assertRecordResult(r) {
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  if (r.valid === true) assert.equal(typeof r.customer, 'object');
  else {
    assert.equal(r.valid, false);
    assert.ok(Array.isArray(r.errors) && r.errors.length > 0 && r.errors.length <= 100);
  }
}

// Any JavaScript value, including the ones JSON has no word for.
const anyValue = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }),
  fc.constantFrom(undefined, null, NaN, -0, Symbol('s'), () => 1, 10n, new String('x'), Object.create(null)),
);
// Options: objects with the real keys and random values, or anything at all.
const optionKeys = ['environment', 'states', 'rejectFixedLineOrMobile', 'reportUnknownFields', 'blockDomains', 'allowDomains', 'country'];
const optionValue = fc.oneof(
  fc.constantFrom('production', 'sandbox', 'states', 'states-dc', 'all', 'US', 'CA', true, false, ['mailinator.com'], ['localhost'], [1]),
  anyValue,
);
const anyOptions = fc.oneof(fc.dictionary(fc.constantFrom(...optionKeys, 'other'), optionValue), anyValue);
const anyString = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 }));

test('field functions never throw on strings and options', () => {
  fc.assert(fc.property(anyString, anyOptions, (s, options) => {
    for (const name of FIELD_FUNCTIONS) assertFieldResult(vv[name](s, options));
  }), { numRuns: RUNS });
});

test('field functions never throw on values of any type', () => {
  fc.assert(fc.property(anyValue, anyValue, (value, second) => {
    for (const name of FIELD_FUNCTIONS) {
      assertFieldResult(vv[name](value));
      assertFieldResult(vv[name](value, second));
    }
    assertFieldResult(vv.validateText(value, 'firstName'));
  }), { numRuns: RUNS });
});

test('validateRecord never throws on random JSON, text or values', () => {
  const record = fc.record({
    externalCustomerId: fc.oneof(fc.string(), fc.jsonValue()),
    data: fc.oneof(fc.dictionary(fc.constantFrom('email', 'phone', 'firstName', 'state', 'zip', 'country', 'x'), fc.oneof(anyString, fc.jsonValue())), fc.jsonValue()),
    kycVerifications: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 120 }), fc.jsonValue()),
  }, { requiredKeys: [] });
  const text = fc.oneof(fc.json(), record.map((r) => JSON.stringify(r)), anyString);
  fc.assert(fc.property(text, anyOptions, (json, options) => {
    assertRecordResult(vv.validateRecord(json, options));
  }), { numRuns: RUNS * 3 });
  fc.assert(fc.property(anyValue, anyOptions, (value, options) => {
    assertRecordResult(vv.validateRecord(value, options));
  }), { numRuns: RUNS });
});

test('argument errors are documented results', () => {
  assert.deepEqual(vv.validateEmail(42), {
    valid: false, error: { code: 'wrong_type', message: 'expected a string, found a number' },
  });
  assert.deepEqual(vv.validatePhone(undefined), {
    valid: false, error: { code: 'wrong_type', message: 'expected a string, found undefined' },
  });
  assert.deepEqual(vv.validateRecord({ externalCustomerId: 'c' }), {
    valid: false, errors: [{ path: '', code: 'wrong_type', message: 'expected a string of JSON text, found an object' }],
  });
  assert.deepEqual(vv.validateEmail('a@b.co', { environment: 'staging' }), {
    valid: false,
    error: { code: 'wrong_type', message: 'options.environment must be production or sandbox', detail: 'invalid_option' },
  });
  assert.deepEqual(vv.validateRecord('{}', { states: 'fifty' }).errors, [{
    path: 'options.states', code: 'wrong_type', message: 'options.states must be one of states, states-dc, states-dc-territories, all', detail: 'invalid_option',
  }]);
  assert.equal(vv.validateEmail('a@b.co', 'sandbox').error.message, 'options must be an object, found a string');
  assert.equal(vv.validateText('Ada', 'middleName').error.detail, 'invalid_option');
  assert.equal(vv.validateEmail('a@b.co', { get environment() { throw new Error('getter'); } }).error.message,
    'options.environment must be production or sandbox');
  // Lone surrogates arrive as U+FFFD, which every text rule refuses.
  assert.equal(vv.validateText('Ad\ud800a', 'firstName').error.detail, 'replacement_character');
  assert.equal(vv.validateEmail('a\udc00@b.co').error.detail, 'unsafe_character');
  // null and undefined options are the defaults.
  assert.deepEqual(vv.validateEmail('a+b@example.com', null), vv.validateEmail('a+b@example.com'));
  assert.deepEqual(vv.validateEmail('a+b@example.com', { environment: null }), vv.validateEmail('a+b@example.com'));
});
