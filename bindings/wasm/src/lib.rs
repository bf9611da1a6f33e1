//! The WebAssembly binding of `vivamo-validate` (SPEC §13): each exported function
//! reads its JavaScript arguments, calls the library, and returns the library's own
//! JSON text ([`RecordResult`](vivamo_validate::RecordResult) or
//! [`FieldResult`](vivamo_validate::FieldResult)), which the package's JavaScript
//! entry parses into a plain object. No rule, table or message of the library is
//! repeated here; what this crate adds is only what JavaScript callers need on top:
//! arguments of the wrong type and option values that are not the CLI's.
//!
//! [`given`] is the neutral form of a JavaScript argument, [`calls`] the functions
//! over it (host-testable), and [`js`] the `#[wasm_bindgen]` exports that convert
//! `JsValue`s into [`given::Given`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod calls;
pub mod given;
pub mod js;
pub mod options;
