//! The flat shape of a record: one optional string per field, `data`'s members
//! beside the root's and no KYC verifications. It is the CLI's CSV header
//! (SPEC §10) and the Python package's table columns (SPEC §14), named once here.

use std::borrow::Cow;

use super::{raw_record, validate_raw};
use crate::{Customer, CustomerDataInput, CustomerInput, Options, Report, TextField};

macro_rules! flat_fields {
    ($($variant:ident => $name:literal, $text:expr;)*) => {
        /// A field of the flat shape, named as in the API's JSON (`email`, not
        /// `data.email`).
        ///
        /// ```
        /// use vivamo_validate::FlatField;
        /// assert_eq!(FlatField::from_name("firstName"), Some(FlatField::FirstName));
        /// assert_eq!(FlatField::FirstName.name(), "firstName");
        /// assert_eq!(FlatField::from_name("data.email"), None);
        /// assert_eq!(FlatField::ALL.len(), 12);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum FlatField {
            $(
                #[doc = concat!("`", $name, "`.")]
                $variant,
            )*
        }

        impl FlatField {
            /// Every field, in the order of the API's shape (root id, `data`'s
            /// members, `createdAt`).
            pub const ALL: [FlatField; 12] = [$(FlatField::$variant,)*];

            /// The field's name: its JSON member and CSV column.
            pub const fn name(self) -> &'static str {
                match self {
                    $(FlatField::$variant => $name,)*
                }
            }

            /// The field named `name` (exactly, case-sensitive).
            pub fn from_name(name: &str) -> Option<FlatField> {
                match name {
                    $($name => Some(FlatField::$variant),)*
                    _ => None,
                }
            }

            /// The text rules of a free-text field (the text rules); `state` is free text
            /// only outside the US rules.
            ///
            /// ```
            /// use vivamo_validate::{FlatField, TextField};
            /// assert_eq!(FlatField::Street2.text_field(), Some(TextField::Street2));
            /// assert_eq!(FlatField::Email.text_field(), None);
            /// ```
            pub const fn text_field(self) -> Option<TextField> {
                match self {
                    $(FlatField::$variant => $text,)*
                }
            }
        }
    };
}

flat_fields! {
    ExternalCustomerId => "externalCustomerId", None;
    Email => "email", None;
    Phone => "phone", None;
    FirstName => "firstName", Some(TextField::FirstName);
    LastName => "lastName", Some(TextField::LastName);
    Street => "street", Some(TextField::Street);
    Street2 => "street2", Some(TextField::Street2);
    State => "state", Some(TextField::State);
    City => "city", Some(TextField::City);
    Zip => "zip", None;
    Country => "country", None;
    CreatedAt => "createdAt", None;
}

impl std::fmt::Display for FlatField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl CustomerInput {
    /// An empty record of the flat shape: `data` is present (a row always has
    /// one), so a missing email is `required` at `data.email`.
    ///
    /// ```
    /// use vivamo_validate::{validate_input, CustomerInput, FlatField, Options};
    /// let mut input = CustomerInput::flat();
    /// input.set_flat(FlatField::ExternalCustomerId, Some("c-1".into()));
    /// input.set_flat(FlatField::Email, Some("ada@example.com".into()));
    /// assert!(validate_input(&input, &Options::default()).is_ok());
    /// ```
    pub fn flat() -> CustomerInput {
        CustomerInput {
            data: Some(CustomerDataInput::default()),
            ..CustomerInput::default()
        }
    }

    /// Sets one field of the flat shape (`None`: absent); creates `data` when
    /// the field lives there.
    pub fn set_flat(&mut self, field: FlatField, value: Option<String>) {
        let data = match field {
            FlatField::ExternalCustomerId => return self.external_customer_id = value,
            FlatField::CreatedAt => return self.created_at = value,
            _ => self.data.get_or_insert_with(CustomerDataInput::default),
        };
        let slot = match field {
            FlatField::ExternalCustomerId | FlatField::CreatedAt => return,
            FlatField::Email => &mut data.email,
            FlatField::Phone => &mut data.phone,
            FlatField::FirstName => &mut data.first_name,
            FlatField::LastName => &mut data.last_name,
            FlatField::Street => &mut data.street,
            FlatField::Street2 => &mut data.street2,
            FlatField::State => &mut data.state,
            FlatField::City => &mut data.city,
            FlatField::Zip => &mut data.zip,
            FlatField::Country => &mut data.country,
        };
        *slot = value;
    }
}

impl Customer {
    /// The normalized value of one field of the flat shape, when present.
    ///
    /// ```
    /// use vivamo_validate::{validate_json_str, FlatField, Options};
    /// let customer = validate_json_str(
    ///     r#"{"externalCustomerId":"c","data":{"email":"a@example.com","state":"new york"}}"#,
    ///     &Options::default(),
    /// )
    /// .unwrap();
    /// assert_eq!(customer.flat_value(FlatField::State), Some("NY"));
    /// assert_eq!(customer.flat_value(FlatField::Phone), None);
    /// ```
    pub fn flat_value(&self, field: FlatField) -> Option<&str> {
        let d = &self.data;
        match field {
            FlatField::ExternalCustomerId => Some(self.external_customer_id.as_str()),
            FlatField::CreatedAt => self.created_at.as_ref().map(|t| t.as_str()),
            FlatField::Email => Some(d.email.as_str()),
            FlatField::Phone => d.phone.as_ref().map(|v| v.as_str()),
            FlatField::FirstName => d.first_name.as_ref().map(|v| v.as_str()),
            FlatField::LastName => d.last_name.as_ref().map(|v| v.as_str()),
            FlatField::Street => d.street.as_ref().map(|v| v.as_str()),
            FlatField::Street2 => d.street2.as_ref().map(|v| v.as_str()),
            FlatField::State => d.state.as_ref().map(|v| v.as_str()),
            FlatField::City => d.city.as_ref().map(|v| v.as_str()),
            FlatField::Zip => d.zip.as_ref().map(|v| v.as_str()),
            FlatField::Country => d.country.as_ref().map(|v| v.as_str()),
        }
    }
}

/// Validates a record of the flat shape (a CSV row, a table row): `input` holds
/// its fields, `unknown` the names of its other columns that hold a value. With
/// [`Options::report_unknown_fields`] each of those is `unknown_field` at its
/// name, once, after the record's own errors (as a JSON record's unknown root
/// members are); otherwise they are ignored.
///
/// ```
/// use vivamo_validate::{validate_flat, CustomerInput, FlatField, Options};
/// let mut input = CustomerInput::flat();
/// input.set_flat(FlatField::ExternalCustomerId, Some("c-1".into()));
/// input.set_flat(FlatField::Email, Some("ada@example.com".into()));
/// assert!(validate_flat(&input, ["segment"], &Options::default()).is_ok());
/// let strict = Options { report_unknown_fields: true, ..Options::default() };
/// let report = validate_flat(&input, ["segment", "segment"], &strict).unwrap_err();
/// assert_eq!(report.codes().collect::<Vec<_>>(), ["unknown_field"]);
/// assert_eq!(report.issues()[0].path.to_string(), "segment");
/// ```
pub fn validate_flat<'a>(
    input: &'a CustomerInput,
    unknown: impl IntoIterator<Item = &'a str>,
    options: &Options,
) -> Result<Customer, Report> {
    let mut record = raw_record(input);
    if options.report_unknown_fields {
        for name in unknown {
            record.unknown.add(Cow::Borrowed(name));
        }
        record.unknown.finish();
    }
    validate_raw(record, options)
}
