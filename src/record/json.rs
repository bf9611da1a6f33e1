//! JSON record validation: one streaming pass of serde_json over the input into
//! borrowed raw members (no `serde_json::Value` tree), then the shared rules.
//!
//! The visitors never fail on a value's type, so a serde_json error is always a
//! JSON syntax problem (or one of its defaults: nesting over 128 levels, numbers
//! outside the f64 range, lone surrogates) and becomes `malformed_json` at `""`.
//! Ignored values are walked with `deserialize_any` rather than skipped, so that
//! serde_json checks them exactly as it checks the rest.
//!
//! Memory stays bounded by what a report can show, not by the input: at most
//! [`MAX_KYC_ITEMS`] verifications are kept (the rest of a longer array is walked
//! and counted), and unknown member names are kept only when they will be
//! reported (each visitor carries [`Options::report_unknown_fields`] as its seed),
//! the first hundred as names and the rest as hashes.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::scan::scan_record;
use super::{
    validate_raw, wrong_type, Customer, CustomerData, JsonType, Raw, RawBool, RawData,
    RawDataFields, RawKyc, RawKycItem, RawRecord, UnknownKeys, MAX_KYC_ITEMS,
};
use crate::{Error, ErrorCode, Options, Path, Report};

/// Validates one record given as JSON bytes (UTF-8), checking every field
/// (nothing is fail-fast); the rules and the order of errors are those of
/// [`validate_input`](crate::validate_input). A member of the wrong JSON type is
/// `wrong_type` at its path; unknown members are ignored, or reported with
/// [`Options::report_unknown_fields`]; of a member given twice, the last counts.
///
/// Malformed JSON (including what serde_json rejects by default: nesting deeper
/// than 128 levels, numbers outside the f64 range, lone surrogates, invalid
/// UTF-8) is one `malformed_json` error at path `""`; a root that is not an
/// object is `wrong_type` at `""`.
///
/// ```
/// use vivamo_validate::{validate_json, Options};
/// let report = validate_json(br#"{"externalCustomerId":"c","data":"x"}"#, &Options::default())
///     .unwrap_err();
/// assert_eq!(report.get("data").unwrap().code(), "wrong_type");
/// assert_eq!(validate_json(b"{", &Options::default()).unwrap_err().get("").unwrap().code(), "malformed_json");
/// ```
pub fn validate_json(input: &[u8], options: &Options) -> Result<Customer, Report> {
    parse_root(input, options).and_then(|record| validate_raw(record, options))
}

/// Reads the record root in one pass; a non-object or malformed input is the report.
///
/// One UTF-8 check of the whole record (a few hundred bytes at word speed) lets
/// serde_json read it as text, which skips its own check of every string. Input
/// that is not UTF-8 goes the byte way, so its error is serde_json's, word for word.
fn parse_root<'a>(input: &'a [u8], options: &Options) -> Result<RawRecord<'a>, Report> {
    match std::str::from_utf8(input) {
        Ok(text) => parse_root_str(text, options),
        Err(_) => {
            let mut deserializer = serde_json::Deserializer::from_slice(input);
            root_of(
                root_seed(options)
                    .deserialize(&mut deserializer)
                    .and_then(|root| deserializer.end().map(|()| root)),
            )
        }
    }
}

/// [`parse_root`] of text, which is known to be UTF-8: the scanner's fast path
/// for the common shape, serde_json from the start for anything else.
fn parse_root_str<'a>(input: &'a str, options: &Options) -> Result<RawRecord<'a>, Report> {
    match scan_record(input, options.report_unknown_fields) {
        Some(record) => Ok(record),
        None => parse_root_str_by_serde(input, options),
    }
}

/// [`parse_root_str`] with serde_json alone: the reference the scanner answers as.
pub(super) fn parse_root_str_by_serde<'a>(
    input: &'a str,
    options: &Options,
) -> Result<RawRecord<'a>, Report> {
    let mut deserializer = serde_json::Deserializer::from_str(input);
    root_of(
        root_seed(options)
            .deserialize(&mut deserializer)
            .and_then(|root| deserializer.end().map(|()| root)),
    )
}

fn root_seed(options: &Options) -> RootSeed {
    RootSeed {
        unknown: options.report_unknown_fields,
    }
}

fn root_of(parsed: serde_json::Result<RawRoot<'_>>) -> Result<RawRecord<'_>, Report> {
    match parsed {
        Ok(RawRoot::Object(record)) => Ok(record),
        Ok(RawRoot::Wrong(found)) => Err(single(Path::root(), wrong_type(JsonType::Object, found))),
        Err(error) => Err(single(Path::root(), malformed(&error))),
    }
}

/// Validates the members a form step has given, in the API's JSON shape: the
/// same rules, errors and warnings as [`validate_json`], except that a missing
/// required member (`externalCustomerId`, `data`, `data.email`) is no error, and
/// that `context.country` stands in for `data.country` when the record has none
/// (the address's country often comes from another step). A member given blank
/// is still `required`.
///
/// ```
/// use vivamo_validate::{validate_partial_json, FormContext};
/// let canada = FormContext { country: Some("CA".into()), ..FormContext::default() };
/// let partial = validate_partial_json(br#"{"data":{"state":"Ontario","zip":"k1a 0b1"}}"#, &canada).unwrap();
/// let data = partial.data.unwrap();
/// assert_eq!((data.state.unwrap().as_str(), data.zip.unwrap().as_str()), ("Ontario", "K1A 0B1"));
/// // Without the context, the US rules apply:
/// let report = validate_partial_json(br#"{"data":{"zip":"k1a 0b1"}}"#, &FormContext::default()).unwrap_err();
/// assert_eq!(report.codes().collect::<Vec<_>>(), ["zip_invalid"]);
/// ```
pub fn validate_partial_json(
    input: &[u8],
    context: &crate::FormContext,
) -> Result<super::PartialCustomer, Report> {
    let options = &context.options;
    parse_root(input, options)
        .and_then(|record| super::validate_raw_partial(record, options, context.country.as_deref()))
}

/// Validates one record given as JSON text; see [`validate_json`]. Text is known to
/// be UTF-8, so nothing checks it again: callers that hold a `&str` (a line they
/// have already decoded) should prefer this to [`validate_json`].
///
/// ```
/// use vivamo_validate::{validate_json_str, Options};
/// let report = validate_json_str(
///     r#"{"externalCustomerId":"c","data":{"email":"a@example.com","phone":12}}"#,
///     &Options::default(),
/// )
/// .unwrap_err();
/// assert_eq!(report.get("data.phone").unwrap().message(), "expected a string, found a number");
/// ```
pub fn validate_json_str(input: &str, options: &Options) -> Result<Customer, Report> {
    parse_root_str(input, options).and_then(|record| validate_raw(record, options))
}

/// [`validate_json_str`] without the scanner's fast path: serde_json reads the
/// whole record. Only for the differential tests and the fuzz target, which
/// check that both ways give the same answer.
#[doc(hidden)]
pub fn validate_json_str_by_serde(input: &str, options: &Options) -> Result<Customer, Report> {
    parse_root_str_by_serde(input, options).and_then(|record| validate_raw(record, options))
}

/// [`validate_json`], with the record's `externalCustomerId` as the input gave it
/// (when the input is a JSON object whose member is a string; the last of
/// duplicates): what ties an invalid record back to its source, without parsing it
/// a second time. Malformed JSON gives `None`.
///
/// ```
/// use vivamo_validate::{validate_json_with_id, Options};
/// let (result, id) = validate_json_with_id(br#"{"externalCustomerId":" c-1 ","data":{}}"#, &Options::default());
/// assert!(result.is_err());
/// assert_eq!(id.as_deref(), Some(" c-1 "));
/// let (_, id) = validate_json_with_id(br#"{"externalCustomerId":7}"#, &Options::default());
/// assert_eq!(id, None);
/// ```
pub fn validate_json_with_id<'a>(
    input: &'a [u8],
    options: &Options,
) -> (Result<Customer, Report>, Option<Cow<'a, str>>) {
    match parse_root(input, options) {
        Err(report) => (Err(report), None),
        Ok(record) => {
            let id = match &record.external_customer_id {
                Raw::Str(id) => Some(id.clone()),
                Raw::Absent | Raw::Wrong(_) => None,
            };
            (validate_raw(record, options), id)
        }
    }
}

fn single(path: Path, error: Error) -> Report {
    let mut report = Report::new();
    report.push(path, error);
    report
}

fn malformed(error: &serde_json::Error) -> Error {
    // serde_json's messages are fixed phrases plus a position; they never quote input.
    let text = error.to_string().to_lowercase();
    Error::new(
        ErrorCode::MalformedJson,
        format!("record is not valid json: {text}"),
    )
}

/// Visitor methods for the scalar JSON types, mapped to `$wrap(JsonType)`.
macro_rules! wrong_scalars {
    ($wrap:path) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($wrap(JsonType::Boolean))
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($wrap(JsonType::Number))
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok($wrap(JsonType::Number))
        }
        fn visit_i128<E>(self, _: i128) -> Result<Self::Value, E> {
            Ok($wrap(JsonType::Number))
        }
        fn visit_u128<E>(self, _: u128) -> Result<Self::Value, E> {
            Ok($wrap(JsonType::Number))
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($wrap(JsonType::Number))
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok($wrap(JsonType::String))
        }
    };
}

/// The record root: an object, or a value of another type.
enum RawRoot<'a> {
    Object(RawRecord<'a>),
    Wrong(JsonType),
}

/// Consumes any JSON value, letting serde_json check it fully.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TypeOf).map(|_| Skip)
    }
}

/// Consumes any value and says what JSON type it was.
struct TypeOf;

impl<'de> Visitor<'de> for TypeOf {
    type Value = JsonType;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any json value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<JsonType, E> {
        Ok(JsonType::Boolean)
    }
    fn visit_i64<E>(self, _: i64) -> Result<JsonType, E> {
        Ok(JsonType::Number)
    }
    fn visit_u64<E>(self, _: u64) -> Result<JsonType, E> {
        Ok(JsonType::Number)
    }
    fn visit_i128<E>(self, _: i128) -> Result<JsonType, E> {
        Ok(JsonType::Number)
    }
    fn visit_u128<E>(self, _: u128) -> Result<JsonType, E> {
        Ok(JsonType::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<JsonType, E> {
        Ok(JsonType::Number)
    }
    fn visit_str<E>(self, _: &str) -> Result<JsonType, E> {
        Ok(JsonType::String)
    }
    fn visit_unit<E>(self) -> Result<JsonType, E> {
        Ok(JsonType::Null)
    }
    fn visit_none<E>(self) -> Result<JsonType, E> {
        Ok(JsonType::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<JsonType, A::Error> {
        drain_seq(seq).map(|()| JsonType::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<JsonType, A::Error> {
        drain_map(map).map(|()| JsonType::Object)
    }
}

fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<Skip>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_key::<Skip>()?.is_some() {
        map.next_value::<Skip>()?;
    }
    Ok(())
}

/// An object key, borrowed from the input when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for Raw<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawVisitor;
        impl<'de> Visitor<'de> for RawVisitor {
            type Value = Raw<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any json value")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Raw<'de>, E> {
                Ok(Raw::Str(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Raw<'de>, E> {
                Ok(Raw::Str(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Raw<'de>, E> {
                Ok(Raw::Str(Cow::Owned(s)))
            }
            fn visit_unit<E>(self) -> Result<Raw<'de>, E> {
                Ok(Raw::Absent)
            }
            fn visit_none<E>(self) -> Result<Raw<'de>, E> {
                Ok(Raw::Absent)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Raw<'de>, E> {
                Ok(Raw::Wrong(JsonType::Boolean))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Raw<'de>, E> {
                Ok(Raw::Wrong(JsonType::Number))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Raw<'de>, E> {
                Ok(Raw::Wrong(JsonType::Number))
            }
            fn visit_i128<E>(self, _: i128) -> Result<Raw<'de>, E> {
                Ok(Raw::Wrong(JsonType::Number))
            }
            fn visit_u128<E>(self, _: u128) -> Result<Raw<'de>, E> {
                Ok(Raw::Wrong(JsonType::Number))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Raw<'de>, E> {
                Ok(Raw::Wrong(JsonType::Number))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Raw<'de>, A::Error> {
                drain_seq(seq).map(|()| Raw::Wrong(JsonType::Array))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Raw<'de>, A::Error> {
                drain_map(map).map(|()| Raw::Wrong(JsonType::Object))
            }
        }
        deserializer.deserialize_any(RawVisitor)
    }
}

impl<'de> Deserialize<'de> for RawBool {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BoolVisitor;
        impl<'de> Visitor<'de> for BoolVisitor {
            type Value = RawBool;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean")
            }
            fn visit_bool<E>(self, flag: bool) -> Result<RawBool, E> {
                Ok(RawBool::Bool(flag))
            }
            fn visit_unit<E>(self) -> Result<RawBool, E> {
                Ok(RawBool::Absent)
            }
            fn visit_none<E>(self) -> Result<RawBool, E> {
                Ok(RawBool::Absent)
            }
            fn visit_i64<E>(self, _: i64) -> Result<RawBool, E> {
                Ok(RawBool::Wrong(JsonType::Number))
            }
            fn visit_u64<E>(self, _: u64) -> Result<RawBool, E> {
                Ok(RawBool::Wrong(JsonType::Number))
            }
            fn visit_i128<E>(self, _: i128) -> Result<RawBool, E> {
                Ok(RawBool::Wrong(JsonType::Number))
            }
            fn visit_u128<E>(self, _: u128) -> Result<RawBool, E> {
                Ok(RawBool::Wrong(JsonType::Number))
            }
            fn visit_f64<E>(self, _: f64) -> Result<RawBool, E> {
                Ok(RawBool::Wrong(JsonType::Number))
            }
            fn visit_str<E>(self, _: &str) -> Result<RawBool, E> {
                Ok(RawBool::Wrong(JsonType::String))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawBool, A::Error> {
                drain_seq(seq).map(|()| RawBool::Wrong(JsonType::Array))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawBool, A::Error> {
                drain_map(map).map(|()| RawBool::Wrong(JsonType::Object))
            }
        }
        deserializer.deserialize_any(BoolVisitor)
    }
}

/// Whether unknown member names are collected, for every visitor below the root.
#[derive(Clone, Copy)]
struct RootSeed {
    unknown: bool,
}

impl<'de> DeserializeSeed<'de> for RootSeed {
    type Value = RawRoot<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        struct RootVisitor(RootSeed);
        impl<'de> Visitor<'de> for RootVisitor {
            type Value = RawRoot<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a customer record")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawRoot<'de>, A::Error> {
                let mut record = RawRecord {
                    external_customer_id: Raw::Absent,
                    verify_after_creation: RawBool::Absent,
                    data: RawData::Absent,
                    kyc_verifications: RawKyc::Absent,
                    created_at: Raw::Absent,
                    unknown: UnknownKeys::default(),
                };
                let seed = self.0;
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    match &*key {
                        "externalCustomerId" => record.external_customer_id = map.next_value()?,
                        "verifyAfterCreation" => {
                            record.verify_after_creation = map.next_value()?;
                        }
                        "data" => record.data = map.next_value_seed(DataSeed(seed))?,
                        "kycVerifications" => {
                            record.kyc_verifications = map.next_value_seed(KycSeed(seed))?
                        }
                        "createdAt" => record.created_at = map.next_value()?,
                        _ => {
                            map.next_value::<Skip>()?;
                            if seed.unknown {
                                record.unknown.add(key);
                            }
                        }
                    }
                }
                record.unknown.finish();
                Ok(RawRoot::Object(record))
            }
            fn visit_unit<E>(self) -> Result<RawRoot<'de>, E> {
                Ok(RawRoot::Wrong(JsonType::Null))
            }
            fn visit_none<E>(self) -> Result<RawRoot<'de>, E> {
                Ok(RawRoot::Wrong(JsonType::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawRoot<'de>, A::Error> {
                drain_seq(seq).map(|()| RawRoot::Wrong(JsonType::Array))
            }
            wrong_scalars!(RawRoot::Wrong);
        }
        deserializer.deserialize_any(RootVisitor(self))
    }
}

struct DataSeed(RootSeed);

impl<'de> DeserializeSeed<'de> for DataSeed {
    type Value = RawData<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        struct DataVisitor(RootSeed);
        impl<'de> Visitor<'de> for DataVisitor {
            type Value = RawData<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the data object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawData<'de>, A::Error> {
                let mut d = RawDataFields::default();
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    let slot = match d.slot(&key) {
                        Some(slot) => slot,
                        None => {
                            map.next_value::<Skip>()?;
                            if self.0.unknown {
                                d.unknown.add(key);
                            }
                            continue;
                        }
                    };
                    *slot = map.next_value()?;
                }
                d.unknown.finish();
                Ok(RawData::Object(Box::new(d)))
            }
            fn visit_unit<E>(self) -> Result<RawData<'de>, E> {
                Ok(RawData::Absent)
            }
            fn visit_none<E>(self) -> Result<RawData<'de>, E> {
                Ok(RawData::Absent)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawData<'de>, A::Error> {
                drain_seq(seq).map(|()| RawData::Wrong(JsonType::Array))
            }
            wrong_scalars!(RawData::Wrong);
        }
        deserializer.deserialize_any(DataVisitor(self.0))
    }
}

struct KycSeed(RootSeed);

impl<'de> DeserializeSeed<'de> for KycSeed {
    type Value = RawKyc<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        struct KycVisitor(RootSeed);
        impl<'de> Visitor<'de> for KycVisitor {
            type Value = RawKyc<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of verifications")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawKyc<'de>, A::Error> {
                let mut items = Vec::new();
                while items.len() < MAX_KYC_ITEMS {
                    match seq.next_element_seed(ItemSeed(self.0))? {
                        Some(item) => items.push(item),
                        None => return Ok(RawKyc::Array(items)),
                    }
                }
                // One more item means too many: from there on items are walked
                // (serde_json still checks their syntax) and counted, never kept.
                if seq.next_element::<Skip>()?.is_none() {
                    return Ok(RawKyc::Array(items));
                }
                let mut found = items.len() + 1;
                drop(items);
                while seq.next_element::<Skip>()?.is_some() {
                    found += 1;
                }
                Ok(RawKyc::TooMany(found))
            }
            fn visit_unit<E>(self) -> Result<RawKyc<'de>, E> {
                Ok(RawKyc::Absent)
            }
            fn visit_none<E>(self) -> Result<RawKyc<'de>, E> {
                Ok(RawKyc::Absent)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawKyc<'de>, A::Error> {
                drain_map(map).map(|()| RawKyc::Wrong(JsonType::Object))
            }
            wrong_scalars!(RawKyc::Wrong);
        }
        deserializer.deserialize_any(KycVisitor(self.0))
    }
}

struct ItemSeed(RootSeed);

impl<'de> DeserializeSeed<'de> for ItemSeed {
    type Value = RawKycItem<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        struct ItemVisitor(RootSeed);
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = RawKycItem<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a verification object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawKycItem<'de>, A::Error> {
                let (mut kind, mut status, mut created_at) =
                    (Raw::Absent, Raw::Absent, Raw::Absent);
                let mut unknown = UnknownKeys::default();
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    match &*key {
                        "type" => kind = map.next_value()?,
                        "status" => status = map.next_value()?,
                        "createdAt" => created_at = map.next_value()?,
                        _ => {
                            map.next_value::<Skip>()?;
                            if self.0.unknown {
                                unknown.add(key);
                            }
                        }
                    }
                }
                unknown.finish();
                Ok(RawKycItem::Object {
                    kind,
                    status,
                    created_at,
                    unknown,
                })
            }
            fn visit_unit<E>(self) -> Result<RawKycItem<'de>, E> {
                Ok(RawKycItem::Wrong(JsonType::Null))
            }
            fn visit_none<E>(self) -> Result<RawKycItem<'de>, E> {
                Ok(RawKycItem::Wrong(JsonType::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawKycItem<'de>, A::Error> {
                drain_seq(seq).map(|()| RawKycItem::Wrong(JsonType::Array))
            }
            wrong_scalars!(RawKycItem::Wrong);
        }
        deserializer.deserialize_any(ItemVisitor(self.0))
    }
}

/// `data` as an API response sends it; [`CustomerData`]'s `Deserialize` runs it
/// through the same rules (default options) so `state` and `zip` follow `country`.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CustomerDataWire {
    email: Option<String>,
    phone: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    street: Option<String>,
    street2: Option<String>,
    state: Option<String>,
    city: Option<String>,
    zip: Option<String>,
    country: Option<String>,
}

impl TryFrom<CustomerDataWire> for CustomerData {
    type Error = Report;

    fn try_from(wire: CustomerDataWire) -> Result<Self, Report> {
        fn raw(value: Option<String>) -> Raw<'static> {
            value.map_or(Raw::Absent, |s| Raw::Str(Cow::Owned(s)))
        }
        let fields = RawDataFields {
            email: raw(wire.email),
            phone: raw(wire.phone),
            first_name: raw(wire.first_name),
            last_name: raw(wire.last_name),
            street: raw(wire.street),
            street2: raw(wire.street2),
            state: raw(wire.state),
            city: raw(wire.city),
            zip: raw(wire.zip),
            country: raw(wire.country),
            unknown: UnknownKeys::default(),
        };
        // A response may come from the sandbox, which stores disposable and
        // `+`-tagged addresses: reading one accepts them (with their warning).
        let options = Options {
            environment: crate::Environment::Sandbox,
            ..Options::default()
        };
        let mut c = super::Collector::new(&options);
        let data = super::validate_data(&mut c, &fields);
        match CustomerData::from_partial(data) {
            Some(data) if c.report.is_empty() => Ok(data),
            _ => Err(c.report),
        }
    }
}
