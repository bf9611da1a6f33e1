//! The whole record (SPEC §8): from the API's JSON shape, or from a typed
//! [`CustomerInput`], to a normalized [`Customer`] or a [`Report`] of every
//! failing field. The rules live once, in [`validate_raw`]; JSON input and typed
//! input are both mapped to its raw shape first.

use std::borrow::Cow;

use crate::{
    is_us_address, Country, Email, Error, ErrorCode, ExternalCustomerId, Issue, KycStatus, KycType,
    KycVerification, Options, Path, Phone, PostalCode, Report, Segment, Text, TextField, Timestamp,
    UsState,
};

mod flat;
pub use flat::{validate_flat, FlatField};
#[cfg(feature = "serde")]
mod json;
#[cfg(feature = "serde")]
pub use json::{
    validate_json, validate_json_str, validate_json_str_by_serde, validate_json_with_id,
    validate_partial_json,
};
#[cfg(feature = "serde")]
mod scan;

/// A customer record as a Rust caller holds it before validation: every value an
/// optional string, in the API's shape.
///
/// `None` means absent; the field rules of the record rules decide whether that is
/// allowed. Build one with `Default` and fill what you have.
///
/// ```
/// use vivamo_validate::{validate_input, CustomerDataInput, CustomerInput, Options};
/// let input = CustomerInput {
///     external_customer_id: Some("cus-42".into()),
///     data: Some(CustomerDataInput {
///         email: Some("Ada@Example.COM".into()),
///         ..Default::default()
///     }),
///     ..Default::default()
/// };
/// let customer = validate_input(&input, &Options::default()).unwrap();
/// assert_eq!(customer.data.email.as_str(), "Ada@example.com");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerInput {
    /// `externalCustomerId` (required).
    pub external_customer_id: Option<String>,
    /// `verifyAfterCreation` (optional; deprecated by the API, kept when given).
    pub verify_after_creation: Option<bool>,
    /// `data` (required).
    pub data: Option<CustomerDataInput>,
    /// `kycVerifications` (optional; `Some(vec![])` is kept as an empty list).
    pub kyc_verifications: Option<Vec<KycVerificationInput>>,
    /// `createdAt` (optional).
    pub created_at: Option<String>,
}

/// The `data` object of a [`CustomerInput`]: contact and address fields.
///
/// ```
/// use vivamo_validate::CustomerDataInput;
/// let data = CustomerDataInput { email: Some("ada@example.com".into()), ..Default::default() };
/// assert!(data.phone.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerDataInput {
    /// `email` (required).
    pub email: Option<String>,
    /// `phone`.
    pub phone: Option<String>,
    /// `firstName`.
    pub first_name: Option<String>,
    /// `lastName`.
    pub last_name: Option<String>,
    /// `street`.
    pub street: Option<String>,
    /// `street2`.
    pub street2: Option<String>,
    /// `state`: a US state under the US rules, free text otherwise.
    pub state: Option<String>,
    /// `city`.
    pub city: Option<String>,
    /// `zip`: a US ZIP code under the US rules, a postal code otherwise.
    pub zip: Option<String>,
    /// `country`: an ISO 3166-1 alpha-2 code; it selects the US or non-US rules.
    pub country: Option<String>,
}

/// One item of `kycVerifications` in a [`CustomerInput`].
///
/// ```
/// use vivamo_validate::KycVerificationInput;
/// let item = KycVerificationInput {
///     kind: Some("proof_of_id".into()),
///     status: Some("pending".into()),
///     created_at: Some("2024-01-15T10:30:00.000Z".into()),
/// };
/// assert_eq!(item.kind.as_deref(), Some("proof_of_id"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KycVerificationInput {
    /// `type` (required).
    pub kind: Option<String>,
    /// `status` (required).
    pub status: Option<String>,
    /// `createdAt` (required).
    pub created_at: Option<String>,
}

/// A validated, normalized customer record in the API's shape.
///
/// With the `serde` feature it serializes to the API's JSON (camelCase, absent
/// fields omitted) and deserializes from an API response; a response's unknown
/// KYC type or status is kept as `Unknown(String)` and round-trips unchanged.
/// Deserializing re-validates every value with [`Options::default`] (blank
/// optional values become absent; an invalid value fails with the report's
/// text); use [`validate_json`](crate::validate_json) to get the full
/// [`Report`] instead.
///
/// ```
/// use vivamo_validate::{validate_json_str, Options};
/// let customer = validate_json_str(
///     r#"{"externalCustomerId":"cus-1","data":{"email":"ada@example.com","phone":" "}}"#,
///     &Options::default(),
/// )
/// .unwrap();
/// assert_eq!(customer.external_customer_id.as_str(), "cus-1");
/// assert!(customer.data.phone.is_none());
/// assert_eq!(
///     serde_json::to_string(&customer).unwrap(),
///     r#"{"externalCustomerId":"cus-1","data":{"email":"ada@example.com"}}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
#[non_exhaustive]
pub struct Customer {
    /// The caller's id of the customer.
    pub external_customer_id: ExternalCustomerId,
    /// The create request's `verifyAfterCreation` flag, when given (the API has
    /// deprecated it; it is kept so a mock or proxy can pass it on).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub verify_after_creation: Option<bool>,
    /// Contact and address data.
    pub data: CustomerData,
    /// KYC verifications, when given (an empty list is kept).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub kyc_verifications: Option<Vec<KycVerification>>,
    /// When the customer was created, when given.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub created_at: Option<Timestamp>,
}

impl Customer {
    /// The latest verification of `kind` by `createdAt`, if any; of two with the
    /// same instant, the later in the list.
    ///
    /// ```
    /// use vivamo_validate::{validate_json_str, KycType, Options};
    /// let customer = validate_json_str(
    ///     r#"{"externalCustomerId":"c","data":{"email":"a@example.com"},"kycVerifications":[
    ///         {"type":"proof_of_id","status":"pending","createdAt":"2024-03-01T00:00:00.000Z"},
    ///         {"type":"proof_of_id","status":"pending","createdAt":"2024-01-01T00:00:00.000Z"}]}"#,
    ///     &Options::default(),
    /// )
    /// .unwrap();
    /// let latest = customer.latest_verification(&KycType::ProofOfId).unwrap();
    /// assert_eq!(latest.created_at.as_str(), "2024-03-01T00:00:00.000Z");
    /// ```
    pub fn latest_verification(&self, kind: &KycType) -> Option<&KycVerification> {
        KycVerification::latest(self.kyc_verifications.as_deref()?, kind)
    }

    /// The record's warnings, with their paths: what the environment it was
    /// validated for accepted but production would reject (the API's environment rule). Empty for
    /// a record validated for production.
    ///
    /// The warnings live in the values themselves (an [`Email`] accepted in
    /// sandbox carries its [`warning`](Email::warning)), so they cannot be lost
    /// between validation and use.
    ///
    /// ```
    /// use vivamo_validate::{validate_json_str, Environment, Options};
    /// let sandbox = Options { environment: Environment::Sandbox, ..Options::default() };
    /// let customer = validate_json_str(
    ///     r#"{"externalCustomerId":"c","data":{"email":"jane+qa@company.com"}}"#,
    ///     &sandbox,
    /// )
    /// .unwrap();
    /// let warnings = customer.warnings();
    /// assert_eq!(warnings[0].path.to_string(), "data.email");
    /// assert_eq!(warnings[0].error.code(), "email_plus_suffix");
    /// ```
    pub fn warnings(&self) -> Vec<Issue> {
        data_warnings(Some(&self.data.email), self.data.phone.as_ref())
    }
}

/// The warnings the values of a `data` object carry, with their paths, in field
/// order: the one place that maps a value's warning to where it is reported
/// (records, partial records, single fields, the report of an invalid record).
pub(crate) fn data_warnings(email: Option<&Email>, phone: Option<&Phone>) -> Vec<Issue> {
    let email = email.and_then(Email::warning).map(|warning| Issue {
        path: data_path("email"),
        error: warning,
    });
    let phone = phone.and_then(Phone::warning).map(|warning| Issue {
        path: data_path("phone"),
        error: warning,
    });
    email.into_iter().chain(phone).collect()
}

/// The normalized `data` object of a [`Customer`].
///
/// ```
/// use vivamo_validate::{validate_json_str, Options};
/// let customer = validate_json_str(
///     r#"{"externalCustomerId":"c","data":{"email":"a@example.com","country":"gb","zip":"sw1a 1aa"}}"#,
///     &Options::default(),
/// )
/// .unwrap();
/// assert_eq!(customer.data.country.unwrap().as_str(), "GB");
/// assert_eq!(customer.data.zip.unwrap().as_str(), "SW1A 1AA");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "camelCase", try_from = "json::CustomerDataWire")
)]
#[non_exhaustive]
pub struct CustomerData {
    /// The email address.
    pub email: Email,
    /// The mobile phone number in E.164.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub phone: Option<Phone>,
    /// The first name.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub first_name: Option<Text>,
    /// The last name.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub last_name: Option<Text>,
    /// The first street line.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub street: Option<Text>,
    /// The second street line.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub street2: Option<Text>,
    /// The state: a USPS code under the US rules, free text otherwise.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub state: Option<State>,
    /// The city.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub city: Option<Text>,
    /// The ZIP or postal code.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub zip: Option<PostalCode>,
    /// The ISO 3166-1 alpha-2 country code.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub country: Option<Country>,
}

/// A record's `state`: a USPS code when the US rules apply (the state rules), free text
/// for any other country. Serializes as its string.
///
/// ```
/// use vivamo_validate::{validate_json_str, Options, State};
/// let us = validate_json_str(
///     r#"{"externalCustomerId":"c","data":{"email":"a@example.com","state":"ny"}}"#,
///     &Options::default(),
/// )
/// .unwrap();
/// assert!(matches!(us.data.state, Some(State::Us(_))));
/// assert_eq!(us.data.state.unwrap().as_str(), "NY");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum State {
    /// A USPS state, district, territory or military code.
    Us(UsState),
    /// A region of another country, as cleaned text.
    Other(Text),
}

impl State {
    /// The normalized string.
    ///
    /// ```
    /// use vivamo_validate::{State, Text, TextField};
    /// let state = State::Other(Text::parse_as("Ontario", TextField::State).unwrap());
    /// assert_eq!(state.as_str(), "Ontario");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            State::Us(code) => code.as_str(),
            State::Other(text) => text.as_str(),
        }
    }
}

crate::str_display!(State);

/// A record validated field by field for a form step ([`validate_partial_json`](crate::validate_partial_json)):
/// every member is optional, and holds its normalized value when it was given.
///
/// With the `serde` feature it serializes in the API's shape with the given
/// members only.
///
/// ```
/// use vivamo_validate::{validate_partial_json, FormContext};
/// let step = r#"{"data":{"firstName":" Zoë "}}"#;
/// let partial = validate_partial_json(step.as_bytes(), &FormContext::default()).unwrap();
/// assert_eq!(partial.data.as_ref().unwrap().first_name.as_ref().unwrap().as_str(), "Zoë");
/// assert!(partial.external_customer_id.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
#[non_exhaustive]
pub struct PartialCustomer {
    /// `externalCustomerId`, when given.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub external_customer_id: Option<ExternalCustomerId>,
    /// `verifyAfterCreation`, when given.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub verify_after_creation: Option<bool>,
    /// `data`, when given.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub data: Option<PartialCustomerData>,
    /// `kycVerifications`, when given (each item is still checked whole).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub kyc_verifications: Option<Vec<KycVerification>>,
    /// `createdAt`, when given.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub created_at: Option<Timestamp>,
}

impl PartialCustomer {
    /// The warnings of the given fields, with their paths (as
    /// [`Customer::warnings`]).
    ///
    /// ```
    /// use vivamo_validate::{validate_partial_json, FormContext};
    /// let context = FormContext { country: Some("CN".into()), ..FormContext::default() };
    /// let partial = validate_partial_json(br#"{"data":{"phone":"2125550123"}}"#, &context).unwrap();
    /// assert_eq!(partial.warnings()[0].error.code(), "phone_us_prefix_assumed");
    /// ```
    pub fn warnings(&self) -> Vec<Issue> {
        self.data.as_ref().map_or_else(Vec::new, |data| {
            data_warnings(data.email.as_ref(), data.phone.as_ref())
        })
    }
}

/// The `data` object of a [`PartialCustomer`]: every member optional.
///
/// ```
/// use vivamo_validate::PartialCustomerData;
/// assert!(PartialCustomerData::default().email.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
#[non_exhaustive]
pub struct PartialCustomerData {
    /// The email address.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub email: Option<Email>,
    /// The mobile phone number in E.164.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub phone: Option<Phone>,
    /// The first name.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub first_name: Option<Text>,
    /// The last name.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub last_name: Option<Text>,
    /// The first street line.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub street: Option<Text>,
    /// The second street line.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub street2: Option<Text>,
    /// The state.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub state: Option<State>,
    /// The city.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub city: Option<Text>,
    /// The ZIP or postal code.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub zip: Option<PostalCode>,
    /// The ISO 3166-1 alpha-2 country code.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub country: Option<Country>,
}

impl CustomerData {
    /// The whole `data` object from a partial one, when it has its required email.
    fn from_partial(data: PartialCustomerData) -> Option<CustomerData> {
        Some(CustomerData {
            email: data.email?,
            phone: data.phone,
            first_name: data.first_name,
            last_name: data.last_name,
            street: data.street,
            street2: data.street2,
            state: data.state,
            city: data.city,
            zip: data.zip,
            country: data.country,
        })
    }
}

/// Validates a typed record, checking every field (nothing is fail-fast).
///
/// Returns the normalized [`Customer`], or a [`Report`] with exactly one error
/// per failing field.
///
/// # Rules (the record rules)
///
/// - `externalCustomerId`, `data.email` and each verification's `type`, `status`
///   and `createdAt` are required: absent, `null`, empty or whitespace only is
///   `required`. `data` absent or `null` is `required` at `data`, and then no
///   `data.*` error is reported.
/// - Every other field is optional: absent, `null`, or blank after the field's
///   cleaning means absent, and it is omitted from the [`Customer`].
/// - `state` and `zip` follow the US rules when `country` is absent, blank or
///   normalizes to `US`, and the non-US rules for any other value, valid or not
///   (a `country` of the wrong JSON type, too).
///
/// # Order of errors
///
/// Errors follow the API shape: `externalCustomerId`; `verifyAfterCreation` (a
/// boolean; `null` is absent); `data` (or, when it is an
/// object, `data.email`, `data.phone`, `data.firstName`, `data.lastName`,
/// `data.street`, `data.street2`, `data.state`, `data.city`, `data.zip`,
/// `data.country`, then `data`'s unknown members); `kycVerifications` (or, item
/// by item, `kycVerifications[i]` or its `type`, `status`, `createdAt`, then the
/// item's unknown members); `createdAt`; then the root's unknown members.
/// Unknown members (reported as `unknown_field` only with
/// [`Options::report_unknown_fields`]) come in input order, each once.
///
/// ```
/// use vivamo_validate::{validate_input, CustomerDataInput, CustomerInput, Options};
/// let input = CustomerInput {
///     external_customer_id: Some("   ".into()),
///     data: Some(CustomerDataInput { country: Some("USA".into()), ..Default::default() }),
///     ..Default::default()
/// };
/// let report = validate_input(&input, &Options::default()).unwrap_err();
/// let found: Vec<String> = report
///     .issues()
///     .iter()
///     .map(|i| format!("{} {}", i.path, i.error.code()))
///     .collect();
/// assert_eq!(found, ["externalCustomerId required", "data.email required", "data.country country_invalid"]);
/// ```
pub fn validate_input(input: &CustomerInput, options: &Options) -> Result<Customer, Report> {
    validate_raw(raw_record(input), options)
}

/// The raw shape of a typed record (no unknown members).
fn raw_record(input: &CustomerInput) -> RawRecord<'_> {
    fn raw(value: &Option<String>) -> Raw<'_> {
        match value {
            Some(s) => Raw::Str(Cow::Borrowed(s)),
            None => Raw::Absent,
        }
    }
    RawRecord {
        external_customer_id: raw(&input.external_customer_id),
        verify_after_creation: match input.verify_after_creation {
            None => RawBool::Absent,
            Some(flag) => RawBool::Bool(flag),
        },
        data: match &input.data {
            None => RawData::Absent,
            Some(d) => RawData::Object(Box::new(RawDataFields {
                email: raw(&d.email),
                phone: raw(&d.phone),
                first_name: raw(&d.first_name),
                last_name: raw(&d.last_name),
                street: raw(&d.street),
                street2: raw(&d.street2),
                state: raw(&d.state),
                city: raw(&d.city),
                zip: raw(&d.zip),
                country: raw(&d.country),
                unknown: UnknownKeys::default(),
            })),
        },
        kyc_verifications: match &input.kyc_verifications {
            None => RawKyc::Absent,
            Some(items) if items.len() > MAX_KYC_ITEMS => RawKyc::TooMany(items.len()),
            Some(items) => RawKyc::Array(
                items
                    .iter()
                    .map(|item| RawKycItem::Object {
                        kind: raw(&item.kind),
                        status: raw(&item.status),
                        created_at: raw(&item.created_at),
                        unknown: UnknownKeys::default(),
                    })
                    .collect(),
            ),
        },
        created_at: raw(&input.created_at),
        unknown: UnknownKeys::default(),
    }
}

/// The JSON type of a value, for `wrong_type` messages.
#[cfg_attr(not(feature = "serde"), allow(dead_code))] // JSON input only
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonType {
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    fn with_article(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        }
    }
}

/// A member that should hold a string: absent (missing or `null`), a string, or
/// a value of another type.
#[cfg_attr(not(feature = "serde"), allow(dead_code))] // JSON input only
#[derive(Debug, Default)]
pub(crate) enum Raw<'a> {
    #[default]
    Absent,
    Str(Cow<'a, str>),
    Wrong(JsonType),
}

/// A member that should hold a boolean: absent (missing or `null`), a boolean,
/// or a value of another type.
#[cfg_attr(not(feature = "serde"), allow(dead_code))] // JSON input only
#[derive(Debug, Default)]
pub(crate) enum RawBool {
    #[default]
    Absent,
    Bool(bool),
    Wrong(JsonType),
}

#[derive(Debug)]
pub(crate) struct RawRecord<'a> {
    pub(crate) external_customer_id: Raw<'a>,
    pub(crate) verify_after_creation: RawBool,
    pub(crate) data: RawData<'a>,
    pub(crate) kyc_verifications: RawKyc<'a>,
    pub(crate) created_at: Raw<'a>,
    pub(crate) unknown: UnknownKeys<'a>,
}

#[cfg_attr(not(feature = "serde"), allow(dead_code))] // JSON input only
#[derive(Debug)]
pub(crate) enum RawData<'a> {
    Absent,
    Wrong(JsonType),
    Object(Box<RawDataFields<'a>>),
}

#[derive(Debug, Default)]
pub(crate) struct RawDataFields<'a> {
    pub(crate) email: Raw<'a>,
    pub(crate) phone: Raw<'a>,
    pub(crate) first_name: Raw<'a>,
    pub(crate) last_name: Raw<'a>,
    pub(crate) street: Raw<'a>,
    pub(crate) street2: Raw<'a>,
    pub(crate) state: Raw<'a>,
    pub(crate) city: Raw<'a>,
    pub(crate) zip: Raw<'a>,
    pub(crate) country: Raw<'a>,
    pub(crate) unknown: UnknownKeys<'a>,
}

impl<'a> RawDataFields<'a> {
    /// The member named `key` of the API's `data` object, if it is one.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))] // JSON input only
    pub(crate) fn slot(&mut self, key: &str) -> Option<&mut Raw<'a>> {
        Some(match key {
            "email" => &mut self.email,
            "phone" => &mut self.phone,
            "firstName" => &mut self.first_name,
            "lastName" => &mut self.last_name,
            "street" => &mut self.street,
            "street2" => &mut self.street2,
            "state" => &mut self.state,
            "city" => &mut self.city,
            "zip" => &mut self.zip,
            "country" => &mut self.country,
            _ => return None,
        })
    }
}

#[cfg_attr(not(feature = "serde"), allow(dead_code))] // JSON input only
#[derive(Debug)]
pub(crate) enum RawKyc<'a> {
    Absent,
    Wrong(JsonType),
    Array(Vec<RawKycItem<'a>>),
    /// More than [`MAX_KYC_ITEMS`] items, this many; none of them was kept.
    TooMany(usize),
}

/// The most `kycVerifications` items a record may hold (the record rules); a longer
/// array is one `wrong_type` error (`too_many_items`) and its items are not
/// checked.
///
/// ```
/// assert_eq!(vivamo_validate::MAX_KYC_ITEMS, 100);
/// ```
pub const MAX_KYC_ITEMS: usize = 100;

/// The unknown member names of one object, in bounded memory: the first
/// distinct names (as many as a report can show), and a 64-bit hash of every
/// later one so that the number left out counts each name once. A hash is 8
/// bytes against the 6 or more bytes of input (`"a":0,`) each member takes.
#[derive(Debug, Default)]
pub(crate) struct UnknownKeys<'a> {
    kept: Vec<Cow<'a, str>>,
    kept_hashes: std::collections::HashSet<u64>,
    /// Hashes of names beyond `kept`; sorted and deduplicated by `finish`.
    more: Vec<u64>,
    /// Distinct names beyond `kept`, once `finish` has run.
    more_distinct: usize,
}

impl<'a> UnknownKeys<'a> {
    #[cfg_attr(not(feature = "serde"), allow(dead_code))] // JSON input only
    pub(crate) fn add(&mut self, key: Cow<'a, str>) {
        use std::hash::{Hash, Hasher};
        // SipHash with fixed keys: deterministic, and no hash table sees these
        // values beyond the small `kept_hashes`, so flooding is not a concern.
        let mut hasher = std::hash::DefaultHasher::new();
        key.hash(&mut hasher);
        let hash = hasher.finish();
        if self.kept_hashes.contains(&hash) {
            return;
        }
        if self.kept.len() < crate::MAX_ERRORS {
            self.kept_hashes.insert(hash);
            self.kept.push(key);
        } else {
            self.more.push(hash);
        }
    }

    /// Counts the distinct names beyond `kept` and frees their hashes.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))] // JSON input only
    pub(crate) fn finish(&mut self) {
        let mut more = std::mem::take(&mut self.more);
        more.sort_unstable();
        more.dedup();
        self.more_distinct += more.len();
    }
}

#[cfg_attr(not(feature = "serde"), allow(dead_code))] // JSON input only
#[derive(Debug)]
pub(crate) enum RawKycItem<'a> {
    Wrong(JsonType),
    Object {
        kind: Raw<'a>,
        status: Raw<'a>,
        created_at: Raw<'a>,
        unknown: UnknownKeys<'a>,
    },
}

fn wrong_type(expected: JsonType, found: JsonType) -> Error {
    Error::new(
        ErrorCode::WrongType,
        format!(
            "expected {}, found {}",
            expected.with_article(),
            found.with_article()
        ),
    )
}

fn unknown_field() -> Error {
    Error::new(ErrorCode::UnknownField, "field is not part of the api")
}

/// A field error that, for an optional field, means "nothing left": absent.
fn means_absent(error: &Error) -> bool {
    match error.kind() {
        ErrorCode::Required => true,
        ErrorCode::PhoneInvalidFormat => error.detail() == Some("empty"),
        _ => false,
    }
}

/// Collects errors with lazily built paths (most fields never fail).
struct Collector<'o> {
    report: Report,
    options: &'o Options,
    /// Partial validation (a form step): a missing required member is no error.
    partial: bool,
    /// The country to judge `state`, `zip` and `phone` by when the record has none
    /// (a form's earlier step).
    context_country: Option<&'o str>,
}

impl<'o> Collector<'o> {
    fn new(options: &'o Options) -> Self {
        Collector {
            report: Report::new(),
            options,
            partial: false,
            context_country: None,
        }
    }
}

impl Collector<'_> {
    fn push(&mut self, path: impl FnOnce() -> Path, error: Error) {
        self.report.push_with(path, || error);
    }

    /// A required string member: absent, empty or whitespace only → `required`.
    fn required<T>(
        &mut self,
        raw: &Raw<'_>,
        path: impl FnOnce() -> Path,
        what: &str,
        parse: impl FnOnce(&str) -> Result<T, Error>,
    ) -> Option<T> {
        match raw {
            Raw::Absent if self.partial => {}
            Raw::Absent => self.push(path, Error::required(what)),
            Raw::Wrong(found) => self.push(path, wrong_type(JsonType::String, *found)),
            // Blank input is the parser's call: each returns `required` for it, but
            // only after its own first check (an email over 1024 bytes of spaces is
            // `email_invalid`/`too_long`, SPEC §2 step 1).
            Raw::Str(s) => match parse(s) {
                Ok(value) => return Some(value),
                Err(error) if error.kind() == ErrorCode::Required => {
                    self.push(path, Error::required(what))
                }
                Err(error) => self.push(path, error),
            },
        }
        None
    }

    /// An optional string member: absent, `null` or blank after cleaning → `None`.
    fn optional<T>(
        &mut self,
        raw: &Raw<'_>,
        path: impl FnOnce() -> Path,
        parse: impl FnOnce(&str) -> Result<T, Error>,
    ) -> Option<T> {
        match raw {
            Raw::Absent => {}
            Raw::Wrong(found) => self.push(path, wrong_type(JsonType::String, *found)),
            // Blank input is the parser's call too: a phone of 100 spaces is
            // `phone_invalid_format`/`too_long_input` (SPEC §3 step 1).
            Raw::Str(s) => match parse(s) {
                Ok(value) => return Some(value),
                Err(error) if means_absent(&error) => {}
                Err(error) => self.push(path, error),
            },
        }
        None
    }

    /// Each unknown member once, even when the input repeats it; beyond what
    /// the report can hold they are only counted.
    fn unknown(&mut self, keys: &UnknownKeys<'_>, base: impl Fn() -> Path) {
        if !self.options.report_unknown_fields {
            return;
        }
        for key in &keys.kept {
            self.report
                .push_with(|| base().key(Cow::Owned(key.to_string())), unknown_field);
        }
        self.report.leave_out(keys.more_distinct);
    }
}

fn root(key: &'static str) -> Path {
    Path::of(vec![Segment::Key(Cow::Borrowed(key))])
}

fn data_path(key: &'static str) -> Path {
    Path::of(vec![
        Segment::Key(Cow::Borrowed("data")),
        Segment::Key(Cow::Borrowed(key)),
    ])
}

fn kyc_path(index: usize, key: &'static str) -> Path {
    Path::of(vec![
        Segment::Key(Cow::Borrowed("kycVerifications")),
        Segment::Index(index),
        Segment::Key(Cow::Borrowed(key)),
    ])
}

/// The one place the the record rules rules live; JSON and typed input both end here.
pub(crate) fn validate_raw(record: RawRecord<'_>, options: &Options) -> Result<Customer, Report> {
    let mut c = Collector::new(options);
    let fields = validate_fields(&mut c, record);
    match fields {
        PartialCustomer {
            external_customer_id: Some(external_customer_id),
            verify_after_creation,
            data: Some(data),
            kyc_verifications,
            created_at,
        } if c.report.is_empty() => match CustomerData::from_partial(data) {
            Some(data) => Ok(Customer {
                external_customer_id,
                verify_after_creation,
                data,
                kyc_verifications,
                created_at,
            }),
            None => Err(c.report),
        },
        _ => Err(c.report),
    }
}

/// Partial validation (a form step): only the members given are checked, and the
/// country may come from `context_country`.
#[cfg_attr(not(feature = "serde"), allow(dead_code))] // JSON input only
pub(crate) fn validate_raw_partial(
    record: RawRecord<'_>,
    options: &Options,
    context_country: Option<&str>,
) -> Result<PartialCustomer, Report> {
    let mut c = Collector::new(options);
    c.partial = true;
    c.context_country = context_country;
    let fields = validate_fields(&mut c, record);
    if c.report.is_empty() {
        Ok(fields)
    } else {
        Err(c.report)
    }
}

fn validate_fields(c: &mut Collector<'_>, record: RawRecord<'_>) -> PartialCustomer {
    let external_customer_id = c.required(
        &record.external_customer_id,
        || root("externalCustomerId"),
        "external customer id",
        ExternalCustomerId::parse,
    );

    let verify_after_creation = match record.verify_after_creation {
        RawBool::Absent => None,
        RawBool::Bool(flag) => Some(flag),
        RawBool::Wrong(found) => {
            c.push(
                || root("verifyAfterCreation"),
                wrong_type(JsonType::Boolean, found),
            );
            None
        }
    };

    let data = match record.data {
        RawData::Absent if c.partial => None,
        RawData::Absent => {
            c.push(|| root("data"), Error::required("data"));
            None
        }
        RawData::Wrong(found) => {
            c.push(|| root("data"), wrong_type(JsonType::Object, found));
            None
        }
        RawData::Object(fields) => Some(validate_data(c, &fields)),
    };

    let kyc_verifications = match record.kyc_verifications {
        RawKyc::Absent => None,
        RawKyc::Wrong(found) => {
            c.push(
                || root("kycVerifications"),
                wrong_type(JsonType::Array, found),
            );
            None
        }
        RawKyc::TooMany(found) => {
            c.push(
                || root("kycVerifications"),
                Error::new(
                    ErrorCode::WrongType,
                    format!("expected at most {MAX_KYC_ITEMS} verifications, found {found}"),
                )
                .with_detail("too_many_items"),
            );
            None
        }
        RawKyc::Array(items) => {
            let mut verifications = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                if let Some(v) = validate_kyc_item(c, i, item) {
                    verifications.push(v);
                }
            }
            Some(verifications)
        }
    };

    let created_at = c.optional(&record.created_at, || root("createdAt"), Timestamp::parse);
    c.unknown(&record.unknown, Path::root);

    PartialCustomer {
        external_customer_id,
        verify_after_creation,
        data,
        kyc_verifications,
        created_at,
    }
}

fn validate_data(c: &mut Collector<'_>, d: &RawDataFields<'_>) -> PartialCustomerData {
    let options = c.options;
    let email = c.required(
        &d.email,
        || data_path("email"),
        "email",
        |s| Email::parse_in(s, &options.email, options.environment),
    );
    // The record's own country wins; a form's context fills in when it has none.
    let country_text = match &d.country {
        Raw::Str(s) => Some(&**s),
        Raw::Absent => c.context_country,
        Raw::Wrong(_) => None,
    };
    let phone = c.optional(
        &d.phone,
        || data_path("phone"),
        |s| Phone::parse_for_country(s, &options.phone, country_text),
    );
    for warning in data_warnings(email.as_ref(), phone.as_ref()) {
        c.report.push_warning(warning.path, warning.error);
    }
    let text = |field| move |s: &str| Text::parse_as(s, field);
    let first_name = c.optional(
        &d.first_name,
        || data_path("firstName"),
        text(TextField::FirstName),
    );
    let last_name = c.optional(
        &d.last_name,
        || data_path("lastName"),
        text(TextField::LastName),
    );
    let street = c.optional(&d.street, || data_path("street"), text(TextField::Street));
    let street2 = c.optional(
        &d.street2,
        || data_path("street2"),
        text(TextField::Street2),
    );
    // A country of the wrong JSON type is "some other value": non-US rules (SPEC §5).
    // The country is parsed once, here, for both the rules it selects and its own
    // field (whose error is still reported in field order, below).
    let mut country = match &d.country {
        Raw::Str(s) => Some(Country::parse(s)),
        _ => None,
    };
    let us = match (&d.country, &country) {
        // No country of its own: a form's context decides, else the US rules.
        (Raw::Absent, _) => is_us_address(c.context_country),
        (_, Some(Ok(parsed))) => parsed.is_us(),
        // Blank: `is_us_address` treats it as absent, as `Country::parse` does.
        (_, Some(Err(error))) => error.kind() == ErrorCode::Required,
        _ => false,
    };
    debug_assert!(match &d.country {
        Raw::Str(s) => us == is_us_address(Some(s)),
        _ => true,
    });
    let state = c.optional(
        &d.state,
        || data_path("state"),
        |s| {
            if us {
                UsState::parse_with(s, options.states).map(State::Us)
            } else {
                Text::parse_as(s, TextField::State).map(State::Other)
            }
        },
    );
    let city = c.optional(&d.city, || data_path("city"), text(TextField::City));
    let zip = c.optional(
        &d.zip,
        || data_path("zip"),
        |s| PostalCode::parse_for(s, us),
    );
    let country = c.optional(
        &d.country,
        || data_path("country"),
        |s| country.take().unwrap_or_else(|| Country::parse(s)),
    );
    c.unknown(&d.unknown, || Path::root().key("data"));

    PartialCustomerData {
        email,
        phone,
        first_name,
        last_name,
        street,
        street2,
        state,
        city,
        zip,
        country,
    }
}

fn validate_kyc_item(
    c: &mut Collector<'_>,
    index: usize,
    item: &RawKycItem<'_>,
) -> Option<KycVerification> {
    match item {
        RawKycItem::Wrong(found) => {
            c.push(
                || Path::root().key("kycVerifications").index(index),
                wrong_type(JsonType::Object, *found),
            );
            None
        }
        RawKycItem::Object {
            kind,
            status,
            created_at,
            unknown,
        } => {
            let kind = c.required(kind, || kyc_path(index, "type"), "kyc type", KycType::parse);
            let status = c.required(
                status,
                || kyc_path(index, "status"),
                "kyc status",
                KycStatus::parse,
            );
            let created_at = c.required(
                created_at,
                || kyc_path(index, "createdAt"),
                "kyc creation time",
                Timestamp::parse,
            );
            c.unknown(unknown, || {
                Path::root().key("kycVerifications").index(index)
            });
            Some(KycVerification {
                kind: kind?,
                status: status?,
                created_at: created_at?,
            })
        }
    }
}
