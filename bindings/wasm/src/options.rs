//! The `options` argument: the CLI's option values (`--environment`, `--states`,
//! `--reject-fixed-line-or-mobile`, `--report-unknown-fields`, and the domain lists
//! of `--block-domains`/`--allow-domains` as arrays), read into the library's
//! [`Options`]. Any option the caller gets wrong is one `wrong_type` error with the
//! `detail` `invalid_option` at `options.<name>`, never a silent default.

use vivamo_validate::{Environment, Error, ErrorCode, Issue, Options, Path, StateSet, TextField};

use crate::given::Given;

/// The `detail` of every error about the binding's own arguments.
pub const INVALID_OPTION: &str = "invalid_option";

/// The CLI's `--states` values (`src/bin/vivamo-validate/args.rs`).
const STATE_SETS: [(&str, StateSet); 4] = [
    ("states", StateSet::States),
    ("states-dc", StateSet::StatesAndDc),
    ("states-dc-territories", StateSet::StatesDcAndTerritories),
    ("all", StateSet::All),
];

/// `validateText`'s `field` values: the API's member names of the text fields.
const TEXT_FIELDS: [(&str, TextField); 6] = [
    ("firstName", TextField::FirstName),
    ("lastName", TextField::LastName),
    ("street", TextField::Street),
    ("street2", TextField::Street2),
    ("city", TextField::City),
    ("state", TextField::State),
];

/// The options every function with an `options` argument reads; a function reads
/// those that apply to it and ignores the others, so one object can serve a form.
const COMMON: [&str; 6] = [
    "environment",
    "states",
    "rejectFixedLineOrMobile",
    "reportUnknownFields",
    "blockDomains",
    "allowDomains",
];

/// What an `options` argument asked for.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The library's options.
    pub options: Options,
    /// `country` (`validateState`, `validateZip`): absent, or the record's country.
    pub country: Option<String>,
}

/// Which members an `options` object may have beside the common options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepts {
    /// The common options only.
    Common,
    /// The common options and `country`.
    CommonAndCountry,
}

/// An error about the caller's arguments: `wrong_type`, detail `invalid_option`.
pub fn argument_error(message: String) -> Error {
    Error::new(ErrorCode::WrongType, message).with_detail(INVALID_OPTION)
}

fn issue(path: Path, message: String) -> Issue {
    Issue {
        path,
        error: argument_error(message),
    }
}

fn options_path(name: &str) -> Path {
    Path::root().key("options").key(name.to_owned())
}

/// Reads `given` (`undefined` and `null` mean the defaults).
pub fn parse(given: &Given, accepts: Accepts) -> Result<Parsed, Issue> {
    let mut parsed = Parsed::default();
    let members = match given {
        Given::Undefined | Given::Null => return Ok(parsed),
        Given::Object(members) => members,
        other => {
            return Err(issue(
                Path::root().key("options"),
                format!("options must be an object, found {}", other.kind()),
            ))
        }
    };
    for (name, value) in members {
        let path = || options_path(name);
        if value.is_absent() {
            // Like an absent member of a record: the default.
            if COMMON.contains(&name.as_str())
                || (accepts == Accepts::CommonAndCountry && name == "country")
            {
                continue;
            }
        }
        match name.as_str() {
            "environment" => {
                parsed.options.environment = match value {
                    Given::Str(s) => s.parse::<Environment>().ok(),
                    _ => None,
                }
                .ok_or_else(|| {
                    issue(
                        path(),
                        format!("options.{}", vivamo_validate::UnknownEnvironment),
                    )
                })?;
            }
            "states" => {
                parsed.options.states = match value {
                    Given::Str(s) => STATE_SETS
                        .iter()
                        .find(|(flag, _)| flag == s)
                        .map(|&(_, set)| set),
                    _ => None,
                }
                .ok_or_else(|| {
                    let names: Vec<&str> = STATE_SETS.iter().map(|(flag, _)| *flag).collect();
                    issue(
                        path(),
                        format!("options.states must be one of {}", names.join(", ")),
                    )
                })?;
            }
            "rejectFixedLineOrMobile" => {
                parsed.options.phone.reject_fixed_line_or_mobile = boolean(name, value)?;
            }
            "reportUnknownFields" => {
                parsed.options.report_unknown_fields = boolean(name, value)?;
            }
            "blockDomains" => {
                for (index, domain) in strings(name, value)?.iter().enumerate() {
                    parsed
                        .options
                        .email
                        .try_block(domain)
                        .map_err(|e| domain_issue(name, index, &e))?;
                }
            }
            "allowDomains" => {
                for (index, domain) in strings(name, value)?.iter().enumerate() {
                    parsed
                        .options
                        .email
                        .try_allow(domain)
                        .map_err(|e| domain_issue(name, index, &e))?;
                }
            }
            "country" if accepts == Accepts::CommonAndCountry => match value {
                Given::Str(s) => parsed.country = Some(s.clone()),
                other => {
                    return Err(issue(
                        path(),
                        format!("options.country must be a string, found {}", other.kind()),
                    ))
                }
            },
            _ => {
                let mut known: Vec<&str> = COMMON.to_vec();
                if accepts == Accepts::CommonAndCountry {
                    known.push("country");
                }
                return Err(issue(
                    path(),
                    format!(
                        "options.{name} is not an option (the options are {})",
                        known.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(parsed)
}

fn boolean(name: &str, value: &Given) -> Result<bool, Issue> {
    match value {
        Given::Bool(b) => Ok(*b),
        other => Err(issue(
            options_path(name),
            format!("options.{name} must be a boolean, found {}", other.kind()),
        )),
    }
}

fn strings<'a>(name: &str, value: &'a Given) -> Result<Vec<&'a str>, Issue> {
    let Given::Array(items) = value else {
        return Err(issue(
            options_path(name),
            format!(
                "options.{name} must be an array of strings, found {}",
                value.kind()
            ),
        ));
    };
    items
        .iter()
        .enumerate()
        .map(|(index, item)| match item {
            Given::Str(s) => Ok(s.as_str()),
            other => Err(issue(
                options_path(name).index(index),
                format!(
                    "options.{name}[{index}] must be a string, found {}",
                    other.kind()
                ),
            )),
        })
        .collect()
}

/// A listed domain that no address could have: the library's reason.
fn domain_issue(name: &str, index: usize, error: &Error) -> Issue {
    issue(
        options_path(name).index(index),
        format!("options.{name}[{index}] is not a usable domain: {error}"),
    )
}

/// `validateText`'s `field`: absent means general text (`None`).
pub fn text_field(given: &Given) -> Result<Option<TextField>, Error> {
    match given {
        Given::Undefined | Given::Null => Ok(None),
        Given::Str(s) => TEXT_FIELDS
            .iter()
            .find(|(name, _)| name == s)
            .map(|&(_, field)| Some(field))
            .ok_or_else(text_field_error),
        _ => Err(text_field_error()),
    }
}

fn text_field_error() -> Error {
    let names: Vec<&str> = TEXT_FIELDS.iter().map(|(name, _)| *name).collect();
    argument_error(format!("field must be one of {}", names.join(", ")))
}
