// Shared by the node tests: the built package, the repository's paths, and the
// escape decoders of the Rust tests' vector files (each mirrors the Rust decoder
// named beside it, so a vector means here exactly what it means there).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const packageDir = join(here, '..');
export const pkgDir = join(packageDir, 'pkg');
export const repoRoot = join(packageDir, '..', '..');
export const vectorsDir = join(repoRoot, 'tests', 'vectors');

/** The built package, as Node.js loads it (`require`). */
export const vv = createRequire(import.meta.url)(join(pkgDir, 'vivamo_validate_wasm.cjs'));

export function readVectors(name) {
  return readFileSync(join(vectorsDir, name), 'utf8');
}

/** tests/email.rs `unescape`: \u{HEX}, \rep{N:TEXT}, \\, \t. */
export function unescapeEmail(s) {
  let out = '';
  let rest = s;
  for (let i = rest.indexOf('\\'); i >= 0; i = rest.indexOf('\\')) {
    out += rest.slice(0, i);
    const after = rest.slice(i + 1);
    if (after.startsWith('u{')) {
      const end = after.indexOf('}');
      out += String.fromCodePoint(parseInt(after.slice(2, end), 16));
      rest = after.slice(end + 1);
    } else if (after.startsWith('rep{')) {
      const r = after.slice(4);
      let depth = 0;
      let end = -1;
      for (let j = 0; j < r.length; j++) {
        const c = r[j];
        if (c === '{') depth++;
        else if (c === '}' && depth === 0) { end = j; break; }
        else if (c === '}') depth--;
      }
      const body = r.slice(0, end);
      const colon = body.indexOf(':');
      out += unescapeEmail(body.slice(colon + 1)).repeat(Number(body.slice(0, colon)));
      rest = r.slice(end + 1);
    } else if (after.startsWith('\\')) {
      out += '\\';
      rest = after.slice(1);
    } else if (after.startsWith('t')) {
      out += '\t';
      rest = after.slice(1);
    } else {
      throw new Error(`unknown escape in ${s}`);
    }
  }
  return out + rest;
}

/** tests/phone.rs `unescape`: \\ and \u{HEX}. */
export function unescapePhone(s) {
  let out = '';
  let rest = s;
  for (let i = rest.indexOf('\\'); i >= 0; i = rest.indexOf('\\')) {
    out += rest.slice(0, i);
    rest = rest.slice(i + 1);
    if (rest.startsWith('\\')) {
      out += '\\';
      rest = rest.slice(1);
    } else if (rest.startsWith('u{')) {
      const end = rest.indexOf('}');
      out += String.fromCodePoint(parseInt(rest.slice(2, end), 16));
      rest = rest.slice(end + 1);
    } else {
      throw new Error(`bad escape in ${s}`);
    }
  }
  return out + rest;
}

/** tests/support/address_vectors.rs `unescape`: (empty), \t, \n, \\, \u{HEX}. */
export function unescapeAddress(s) {
  if (s === '(empty)') return '';
  let out = '';
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '\\') { out += chars[i]; continue; }
    const c = chars[++i];
    if (c === 't') out += '\t';
    else if (c === 'n') out += '\n';
    else if (c === '\\') out += '\\';
    else if (c === 'u') {
      let hex = '';
      for (i += 2; chars[i] !== '}'; i++) hex += chars[i];
      out += String.fromCodePoint(parseInt(hex, 16));
    } else throw new Error(`bad escape in ${s}`);
  }
  return out;
}

/** tests/support/text_vectors.rs `decode`: \s \t \n \r \\ \u{HEX} \R{N:text}. */
export function decodeText(s) {
  let out = '';
  let rest = s;
  for (let i = rest.indexOf('\\'); i >= 0; i = rest.indexOf('\\')) {
    out += rest.slice(0, i);
    const esc = rest.slice(i + 1);
    const simple = { s: ' ', t: '\t', n: '\n', r: '\r', '\\': '\\' }[esc[0]];
    if (simple !== undefined) {
      out += simple;
      rest = esc.slice(1);
    } else if (esc[0] === 'u') {
      const close = esc.indexOf('}');
      out += String.fromCodePoint(parseInt(esc.slice(2, close), 16));
      rest = esc.slice(close + 1);
    } else if (esc[0] === 'R') {
      const body = esc.slice(2);
      const colon = body.indexOf(':');
      let depth = 0;
      let end = -1;
      for (let j = colon + 1; j < body.length; j++) {
        const c = body[j];
        if (c === '{') depth++;
        else if (c === '}' && depth === 0) { end = j; break; }
        else if (c === '}') depth--;
      }
      out += decodeText(body.slice(colon + 1, end)).repeat(Number(body.slice(0, colon)));
      rest = body.slice(end + 1);
    } else {
      throw new Error(`unknown escape in ${s}`);
    }
  }
  return out + rest;
}

/** tests/support/text_vectors.rs `read`: rows by column name after `#` comments and a header. */
export function readRows(name) {
  const lines = readVectors(name).split('\n').map((l, i) => [i + 1, l.replace(/\r$/, '')])
    .filter(([, l]) => !l.startsWith('#') && l.trim() !== '');
  const header = lines.shift()[1].split('\t');
  return lines.map(([line, l]) => {
    const cells = l.split('\t');
    if (cells.length !== header.length) throw new Error(`${name}:${line}: wrong number of cells`);
    return { line, cell: Object.fromEntries(header.map((h, i) => [h, cells[i]])) };
  });
}

/** The `code, detail, message` triple of a field result, as the TSV files write it. */
export function outcome(result) {
  return result.valid
    ? ['ok', '-', '-']
    : [result.error.code, result.error.detail ?? '-', result.error.message];
}

/** tests/record.rs `options_from`, as the package's options. */
export function recordOptions(spec) {
  const options = {};
  if (spec === '-') return options;
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    const [key, value] = eq < 0 ? [part, undefined] : [part.slice(0, eq), part.slice(eq + 1)];
    if (key === 'unknown') options.reportUnknownFields = true;
    else if (key === 'strict_phone') options.rejectFixedLineOrMobile = true;
    else if (key === 'sandbox') options.environment = 'sandbox';
    else if (key === 'block') (options.blockDomains ??= []).push(value);
    else if (key === 'allow') (options.allowDomains ??= []).push(value);
    else if (key === 'states') options.states = value;
    else throw new Error(`unknown option ${part}`);
  }
  return options;
}
