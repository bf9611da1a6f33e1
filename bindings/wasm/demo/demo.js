// The sign-up form: each field through its function as the user types, the whole
// form through validateRecord. Only presentation lives here; every verdict, value
// and sentence comes from the package.
import {
  validateCountry, validateEmail, validatePhone, validateRecord, validateState, validateText, validateZip,
  versions,
} from '../pkg/index.js';

const form = document.getElementById('signup');
const fields = [...form.querySelectorAll('.field')].map((label) => {
  const out = document.createElement('span');
  out.className = 'out';
  out.id = `${label.dataset.field}-out`;
  label.append(out);
  return { name: label.dataset.field, label, input: label.querySelector('input'), out };
});

function options() {
  return { environment: form.elements.environment.value };
}

/** The field's result, or null for an empty optional field. */
function check(name, value) {
  const country = form.elements.country.value;
  switch (name) {
    case 'email': return validateEmail(value, options());
    case 'phone': return value.trim() === '' ? null : validatePhone(value, options());
    case 'country': return value.trim() === '' ? null : validateCountry(value);
    case 'state': return value.trim() === '' ? null : validateState(value, { ...options(), country });
    case 'zip': return value.trim() === '' ? null : validateZip(value, { country });
    default: return value.trim() === '' ? null : validateText(value, name);
  }
}

function describe(name, result) {
  if (name === 'phone') return `${result.value} · ${result.lineType.replaceAll('_', ' ')} · ${result.region}`;
  if (name === 'email' && result.ascii !== result.value) return `${result.value} (${result.ascii})`;
  return result.value;
}

function show(field) {
  const { name, label, input, out } = field;
  out.replaceChildren();
  label.classList.remove('is-valid', 'is-invalid');
  if (input.value === '' && name !== 'email') return;
  if (input.value === '' && !field.touched) return;
  const result = check(name, input.value);
  if (result === null) return;
  const line = document.createElement('span');
  if (result.valid) {
    label.classList.add('is-valid');
    line.className = 'normalized';
    line.textContent = `✓ ${describe(name, result)}`;
  } else {
    label.classList.add('is-invalid');
    line.className = 'error';
    line.textContent = result.error.apiMessage ?? result.error.message;
    if (result.error.suggestion !== undefined) line.textContent += ` (did you mean ${result.error.suggestion}?)`;
    line.title = result.error.code + (result.error.detail ? ` (${result.error.detail})` : '');
  }
  out.append(line);
  for (const warning of result.warnings ?? []) {
    const w = document.createElement('span');
    w.className = 'warning';
    w.textContent = `sandbox warning: ${warning.message}`;
    out.append(w);
  }
}

function showRecord() {
  const data = {};
  for (const { name, input } of fields) if (input.value !== '') data[name] = input.value;
  const result = validateRecord(JSON.stringify({ externalCustomerId: 'demo-1', data }), options());
  document.getElementById('record').textContent = JSON.stringify(result, null, 2);
}

function refresh() {
  for (const field of fields) show(field);
  showRecord();
}

for (const field of fields) {
  field.input.addEventListener('input', () => {
    field.touched = true;
    // The country chooses the state and ZIP rules: recheck all.
    refresh();
  });
}
form.addEventListener('change', (event) => {
  if (event.target.name === 'environment') refresh();
});

const v = versions();
document.getElementById('versions').textContent =
  `vivamo-validate ${v.crate} · libphonenumber ${v.libphonenumber} metadata · disposable-email-domains ${v.disposableEmailDomains}`;
refresh();
document.documentElement.dataset.ready = 'true';
