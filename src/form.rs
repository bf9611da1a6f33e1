//! Validation for forms: one field at a time by its API path, or the members a
//! form step has given, with what the form knows from its other steps.

use crate::{FieldResult, Options, TextField};

/// What a form knows beyond the value being checked: the policies, and the
/// customer's country when an earlier (or later) step gives it, which decides the
/// rules of `state` and `zip` and the hints on `phone`.
///
/// ```
/// use vivamo_validate::{validate_field, FormContext};
/// let context = FormContext { country: Some("GB".into()), ..FormContext::default() };
/// assert_eq!(validate_field("data.zip", "sw1a 1aa", &context).value(), Some("SW1A 1AA"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct FormContext {
    /// The policies, as for whole records.
    pub options: Options,
    /// The customer's country (ISO 3166-1 alpha-2), when known; absent means the
    /// US rules, as for a record without `country`.
    pub country: Option<String>,
}

/// Validates one field by its path in the API's shape, with the same rules,
/// errors and warnings as whole-record validation: `externalCustomerId`,
/// `createdAt`, `data.email`, `data.phone`, `data.firstName`, `data.lastName`,
/// `data.street`, `data.street2`, `data.state`, `data.city`, `data.zip`,
/// `data.country`, and `kycVerifications[i].type`, `.status`, `.createdAt`.
/// Any other path gives `unknown_field`.
///
/// The value is taken as the form sent it; blank is `required` for a required
/// field and an error of the field's own rules otherwise (a form asks about a
/// value that is there).
///
/// ```
/// use vivamo_validate::{validate_field, FormContext};
/// let us = FormContext::default();
/// assert_eq!(validate_field("data.state", "new york", &us).value(), Some("NY"));
/// let err = validate_field("data.phone", "+442079460958", &us);
/// assert_eq!(
///     err.error().unwrap().api_message(),
///     Some("Sorry, this phone number cannot be used. Please use a valid mobile number.")
/// );
/// assert_eq!(validate_field("data.nickname", "x", &us).error().unwrap().code(), "unknown_field");
/// ```
pub fn validate_field(path: &str, value: &str, context: &FormContext) -> FieldResult {
    let options = &context.options;
    let country = context.country.as_deref();
    let text = |field| FieldResult::text(value, field);
    match path {
        "externalCustomerId" => FieldResult::external_customer_id(value),
        "createdAt" => FieldResult::timestamp(value),
        "data.email" => FieldResult::email(value, options),
        "data.phone" => FieldResult::phone_for_country(value, country, options),
        "data.firstName" => text(TextField::FirstName),
        "data.lastName" => text(TextField::LastName),
        "data.street" => text(TextField::Street),
        "data.street2" => text(TextField::Street2),
        "data.city" => text(TextField::City),
        "data.state" => FieldResult::state(value, country, options),
        "data.zip" => FieldResult::zip(value, country),
        "data.country" => FieldResult::country(value),
        other => match kyc_member(other) {
            Some("type") => FieldResult::kyc_type(value),
            Some("status") => FieldResult::kyc_status(value),
            Some("createdAt") => FieldResult::timestamp(value),
            _ => FieldResult::unknown_field(),
        },
    }
}

/// The member of `kycVerifications[i].member`, for any index `i`.
fn kyc_member(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("kycVerifications[")?;
    let (index, member) = rest.split_once("].")?;
    (!index.is_empty() && index.bytes().all(|b| b.is_ascii_digit())).then_some(member)
}
