// Size and speed of the built package (a bench, not a test): gzipped sizes,
// instantiation in Node.js and Chromium, the first phone check of a country in a
// fresh instance, and fields/s in Node.js beside libphonenumber-js (max metadata)
// and validator in the same run. Medians of several runs; `node bench/bench.js`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { isValidPhoneNumber, parsePhoneNumber } from 'libphonenumber-js/max';
import validator from 'validator';

import { CHROMIUM, launch } from '../tests/browser.js';
import { serve } from '../tests/server.js';
import { pkgDir, repoRoot, vv } from '../tests/support.js';

const RUNS = Number(process.env.VIVAMO_BENCH_RUNS ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (x) => `${x.toFixed(2)} ms`;
const COUNTRIES = { US: '+12125550123', GB: '+447400123456', DE: '+4915123456789', IN: '+919876543210', BR: '+5511987654321' };

function sizes() {
  const wasm = readFileSync(join(pkgDir, 'vivamo_validate_wasm_bg.wasm'));
  const dir = mkdtempSync(join(tmpdir(), 'vivamo-pack-'));
  try {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: pkgDir, encoding: 'utf8' }));
    return { wasmBytes: wasm.length, wasmGzip: gzipSync(wasm, { level: 9 }).length, packageTgz: packed.size, packageUnpacked: packed.unpackedSize };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One fresh Node.js process: its instantiation and the first check of `number`. */
function nodeFresh(number) {
  const script = `
    const t0 = performance.now();
    const v = require(${JSON.stringify(join(pkgDir, 'vivamo_validate_wasm.cjs'))});
    const t1 = performance.now();
    v.validatePhone(${JSON.stringify(number)});
    const t2 = performance.now();
    v.validatePhone(${JSON.stringify(number)});
    const t3 = performance.now();
    console.log(JSON.stringify([t1 - t0, t2 - t1, t3 - t2]));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

async function chromiumFresh(browser, url, number) {
  const page = await browser.newPage();
  await page.goto(`${url}/bench/blank.html`);
  const result = await page.evaluate(async (n) => {
    const t0 = performance.now();
    const v = await import('/pkg/index.js');
    const t1 = performance.now();
    v.validatePhone(n);
    const t2 = performance.now();
    v.validatePhone(n);
    const t3 = performance.now();
    return [t1 - t0, t2 - t1, t3 - t2];
  }, number);
  await page.close();
  return result;
}

function inputs() {
  const lines = execFileSync('python3', [join(repoRoot, 'tools', 'gen_customers.py'), '2000'], { encoding: 'utf8' })
    .split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const emails = lines.map((r) => r.data?.email).filter((e) => typeof e === 'string');
  const phones = lines.map((r) => r.data?.phone).filter((p) => typeof p === 'string');
  return { emails, phones };
}

/** Calls `fn` over `items` for about `budget` ms; fields per second. */
function rate(items, fn, budget = 400) {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < budget) {
    for (const item of items) fn(item);
    n += items.length;
    t = performance.now();
  }
  return (n / (t - t0)) * 1000;
}

function libphonenumber(s) {
  if (!isValidPhoneNumber(s, 'US')) return false;
  return parsePhoneNumber(s, 'US').getType();
}

async function main() {
  const report = { runs: RUNS, node: process.version };
  report.sizes = sizes();

  const node = { instantiate: [], first: {}, second: {} };
  for (const [country, number] of Object.entries(COUNTRIES)) {
    const firsts = [];
    const seconds = [];
    for (let i = 0; i < RUNS; i++) {
      const [inst, first, second] = nodeFresh(number);
      node.instantiate.push(inst);
      firsts.push(first);
      seconds.push(second);
    }
    node.first[country] = median(firsts);
    node.second[country] = median(seconds);
  }
  node.instantiate = median(node.instantiate);
  report.node = { version: process.version, ...node };

  if (existsSync(CHROMIUM)) {
    const server = await serve();
    const browser = await launch();
    try {
      const chrome = { instantiate: [], first: {}, second: {} };
      for (const [country, number] of Object.entries(COUNTRIES)) {
        const firsts = [];
        const seconds = [];
        for (let i = 0; i < RUNS; i++) {
          const [inst, first, second] = await chromiumFresh(browser, server.url, number);
          chrome.instantiate.push(inst);
          firsts.push(first);
          seconds.push(second);
        }
        chrome.first[country] = median(firsts);
        chrome.second[country] = median(seconds);
      }
      chrome.instantiate = median(chrome.instantiate);
      report.chromium = { version: browser.version(), ...chrome };
    } finally {
      await browser.close();
      await server.close();
    }
  }

  const { emails, phones } = inputs();
  // Warm every country first: fields/s is the steady state.
  for (const p of phones) { vv.validatePhone(p); libphonenumber(p); }
  const candidates = {
    'vivamo-validate validateEmail': [emails, (s) => vv.validateEmail(s)],
    'validator isEmail': [emails, (s) => validator.isEmail(s)],
    'vivamo-validate validatePhone': [phones, (s) => vv.validatePhone(s)],
    'libphonenumber-js/max isValidPhoneNumber+getType': [phones, libphonenumber],
  };
  const rates = Object.fromEntries(Object.keys(candidates).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so that load on the machine falls on every candidate alike.
    for (const [name, [items, fn]] of Object.entries(candidates)) rates[name].push(rate(items, fn));
  }
  report.fieldsPerSecond = Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, Math.round(median(v))]));

  const s = report.sizes;
  console.log(`## vivamo-validate bench (${RUNS} runs, medians; Node.js ${process.version}${report.chromium ? `, Chromium ${report.chromium.version}` : ''})\n`);
  console.log(`| size | bytes |\n|---|---|`);
  console.log(`| .wasm | ${kb(s.wasmBytes)} |\n| .wasm gzipped (-9) | ${kb(s.wasmGzip)} |\n| npm package (.tgz) | ${kb(s.packageTgz)} |\n| npm package unpacked | ${kb(s.packageUnpacked)} |\n`);
  console.log(`| fresh instance | Node.js | Chromium |\n|---|---|---|`);
  console.log(`| instantiate | ${ms(report.node.instantiate)} | ${report.chromium ? ms(report.chromium.instantiate) : '-'} |`);
  for (const c of Object.keys(COUNTRIES)) {
    console.log(`| first phone check ${c} | ${ms(report.node.first[c])} | ${report.chromium ? ms(report.chromium.first[c]) : '-'} |`);
  }
  for (const c of Object.keys(COUNTRIES)) {
    console.log(`| second check ${c} | ${ms(report.node.second[c])} | ${report.chromium ? ms(report.chromium.second[c]) : '-'} |`);
  }
  console.log(`\n| Node.js, warm | fields/s |\n|---|---|`);
  for (const [k, v] of Object.entries(report.fieldsPerSecond)) console.log(`| ${k} | ${v.toLocaleString('en')} |`);
  console.log(`\n(${emails.length} emails and ${phones.length} phones from tools/gen_customers.py 2000)`);
  console.log(`\n<!-- ${JSON.stringify(report)} -->`);
}

await main();
