//! A JavaScript argument as the binding sees it: read once at the edge (by
//! [`crate::js`] in WebAssembly, or built directly by host tests), so that every
//! decision about it is plain Rust.

/// One JavaScript value, as far as the binding needs to know it.
///
/// Objects and arrays are read one level deep (an option's value is a string, a
/// boolean or an array of strings); deeper values are only named by their type.
#[derive(Debug, Clone, PartialEq)]
pub enum Given {
    /// `undefined`, or a property that is missing.
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A string (lone surrogates arrive as U+FFFD, as `TextEncoder` makes them).
    Str(String),
    /// An array, its items read as values of their own (arrays and objects inside
    /// it are [`Given::Other`]).
    Array(Vec<Given>),
    /// A plain object: its own string keys, in order, with their values.
    Object(Vec<(String, Given)>),
    /// Any other value, named with its article (`a number`, `a bigint`,
    /// `a function`, …), or an object or array below the first level.
    Other(&'static str),
}

impl Given {
    /// The value's type with its article, as the library's `wrong_type` messages
    /// word it (`a string`, `null`, `an array`).
    pub fn kind(&self) -> &'static str {
        match self {
            Given::Undefined => "undefined",
            Given::Null => "null",
            Given::Bool(_) => "a boolean",
            Given::Str(_) => "a string",
            Given::Array(_) => "an array",
            Given::Object(_) => "an object",
            Given::Other(kind) => kind,
        }
    }

    /// Whether the value means "not given": `undefined` or `null`.
    pub fn is_absent(&self) -> bool {
        matches!(self, Given::Undefined | Given::Null)
    }
}

impl From<&str> for Given {
    fn from(s: &str) -> Self {
        Given::Str(s.to_owned())
    }
}
