// The ES module entry for pages and bundlers: fetch and instantiate the module once
// (streaming where the server says application/wasm), then every function is ready.
// Node.js takes ./vivamo_validate_wasm.cjs instead, which instantiates synchronously.
import init from './vivamo_validate_wasm.js';

await init({ module_or_path: new URL('./vivamo_validate_wasm_bg.wasm', import.meta.url) });

export {
  validateRecord,
  validateEmail,
  validatePhone,
  validateCountry,
  validateState,
  validateZip,
  validateText,
  validateExternalCustomerId,
  validateTimestamp,
  versions,
} from './vivamo_validate_wasm.js';
