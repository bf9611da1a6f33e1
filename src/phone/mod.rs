//! `phone`: pre-scan, the `+1` rule, libphonenumber validity and line type (SPEC §3).
//!
//! [`scan`] runs SPEC steps 1–4 by hand on the raw input; [`classify`] decides validity,
//! region and line type exactly as libphonenumber 9.0.33 does, from tables generated
//! from the pinned `phonenumber` crate's metadata ([`metadata`], checked in CI by
//! `tests/phone_tables.rs`); this module applies the mobile-only rule (step 6).

mod classify;
mod metadata;
mod scan;

use std::fmt;
use std::hash::{Hash, Hasher};

use crate::{string_newtype, Error, ErrorCode};

/// Phone policy.
///
/// ```
/// use vivamo_validate::{Phone, PhoneOptions};
/// let strict = PhoneOptions { reject_fixed_line_or_mobile: true };
/// assert!(Phone::parse_with("+12125550123", &strict).is_err());
/// assert!(Phone::parse_with("+12125550123", &PhoneOptions::default()).is_ok());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PhoneOptions {
    /// Reject `fixed_line_or_mobile` numbers (strict offline mobile-only).
    pub reject_fixed_line_or_mobile: bool,
}

macro_rules! line_types {
    ($($(#[$doc:meta])* $variant:ident => $word:literal,)*) => {
        /// The line type of a valid number, as libphonenumber reports it.
        ///
        /// ```
        /// use vivamo_validate::LineType;
        /// assert_eq!(LineType::FixedLineOrMobile.as_str(), "fixed_line_or_mobile");
        /// assert_eq!("toll_free".parse::<LineType>(), Ok(LineType::TollFree));
        /// assert_eq!(LineType::ALL.len(), 11);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum LineType {
            $($(#[$doc])* $variant,)*
        }

        impl LineType {
            /// Every line type.
            pub const ALL: &'static [LineType] = &[$(LineType::$variant,)*];

            /// The SPEC's snake_case word for the type (the `detail` of `phone_not_mobile`).
            ///
            /// ```
            /// use vivamo_validate::LineType;
            /// assert_eq!(LineType::Voip.as_str(), "voip");
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(LineType::$variant => $word,)*
                }
            }
        }

        impl std::str::FromStr for LineType {
            type Err = UnknownLineType;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($word => Ok(LineType::$variant),)*
                    _ => Err(UnknownLineType),
                }
            }
        }
    };
}

line_types! {
    /// `mobile`: a mobile number.
    Mobile => "mobile",
    /// `fixed_line_or_mobile`: the metadata cannot tell (most `+1` numbers).
    FixedLineOrMobile => "fixed_line_or_mobile",
    /// `fixed_line`: a landline.
    FixedLine => "fixed_line",
    /// `voip`: a VoIP number.
    Voip => "voip",
    /// `toll_free`: a free-phone number.
    TollFree => "toll_free",
    /// `premium_rate`: a premium-rate number.
    PremiumRate => "premium_rate",
    /// `shared_cost`: a shared-cost number.
    SharedCost => "shared_cost",
    /// `personal_number`: a personal (follow-me) number.
    PersonalNumber => "personal_number",
    /// `pager`: a pager number.
    Pager => "pager",
    /// `uan`: a universal access number (a company's single number).
    Uan => "uan",
    /// `voicemail`: a voicemail access number.
    Voicemail => "voicemail",
}

impl fmt::Display for LineType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for LineType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The string given to [`LineType::from_str`](std::str::FromStr) is not a line type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownLineType;

impl fmt::Display for UnknownLineType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown line type")
    }
}

impl std::error::Error for UnknownLineType {}

/// A valid mobile (or possibly mobile) number in E.164.
///
/// Two `Phone`s are equal when their E.164 form and line type are equal; whether
/// `+1` was added describes the input, not the number, and is not compared.
///
/// ```
/// use vivamo_validate::{LineType, Phone};
/// let phone = Phone::parse("(212) 555-0123")?;
/// assert_eq!(phone.e164(), "+12125550123");
/// assert_eq!(phone.calling_code(), 1);
/// assert_eq!(phone.region(), "US");
/// assert_eq!(phone.line_type(), LineType::FixedLineOrMobile);
/// assert!(phone.us_prefix_added());
/// assert_eq!(phone, Phone::parse("+12125550123")?);
/// # Ok::<(), vivamo_validate::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Phone {
    e164: String,
    calling_code: u16,
    region: &'static str,
    line_type: LineType,
    us_prefix_added: bool,
}

impl PartialEq for Phone {
    fn eq(&self, other: &Phone) -> bool {
        self.e164 == other.e164 && self.line_type == other.line_type
    }
}

impl Eq for Phone {}

impl Hash for Phone {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.e164.hash(state);
        self.line_type.hash(state);
    }
}

impl Phone {
    /// Validates with the default policy.
    ///
    /// ```
    /// use vivamo_validate::Phone;
    /// assert_eq!(Phone::parse("+44 7400 123456")?.as_str(), "+447400123456");
    /// assert_eq!(Phone::parse("+15551234567").unwrap_err().code(), "phone_invalid");
    /// # Ok::<(), vivamo_validate::Error>(())
    /// ```
    pub fn parse(input: &str) -> Result<Phone, Error> {
        Phone::parse_with(input, &PhoneOptions::default())
    }

    /// Validates with `options`: SPEC §3 steps 1–6.
    ///
    /// ```
    /// use vivamo_validate::{Phone, PhoneOptions};
    /// let err = Phone::parse_with("+442079460958", &PhoneOptions::default()).unwrap_err();
    /// assert_eq!((err.code(), err.detail()), ("phone_not_mobile", Some("fixed_line")));
    /// ```
    pub fn parse_with(input: &str, options: &PhoneOptions) -> Result<Phone, Error> {
        Phone::parse_any_line_type(input)?.check_mobile(options)
    }

    /// Validates SPEC §3 steps 1–5 only: any valid number is accepted, whatever its
    /// line type (the mobile-only rule of step 6 is not applied). For callers that
    /// need a valid number of any kind, and for comparing with libphonenumber.
    ///
    /// ```
    /// use vivamo_validate::{LineType, Phone};
    /// let phone = Phone::parse_any_line_type("+442079460958")?;
    /// assert_eq!(phone.line_type(), LineType::FixedLine);
    /// # Ok::<(), vivamo_validate::Error>(())
    /// ```
    pub fn parse_any_line_type(input: &str) -> Result<Phone, Error> {
        let (digits, us_prefix_added) = match scan::scan(input)? {
            scan::Scanned::Candidate {
                digits,
                us_prefix_added,
            } => (digits, us_prefix_added),
            scan::Scanned::WrongNanpLength { digits } => {
                let err = Error::new(
                    ErrorCode::PhoneInvalid,
                    "phone number without a + must have 10 digits, or 11 starting with 1; \
                     add the + and country code",
                )
                .with_detail("invalid_nanp_length");
                // Adding the `+` is the likely fix when it yields a valid number.
                return Err(match classify::classify(&digits) {
                    Ok(_) => err.with_suggestion(format!("+{digits}")),
                    Err(_) => err,
                });
            }
        };
        let found = classify::classify(&digits)?;
        Ok(Phone {
            e164: format!("+{digits}"),
            calling_code: found.calling_code,
            region: found.region,
            line_type: found.line_type,
            us_prefix_added,
        })
    }

    /// Step 6: the mobile-only rule on the number's line type.
    fn check_mobile(self, options: &PhoneOptions) -> Result<Phone, Error> {
        match self.line_type {
            LineType::Mobile => Ok(self),
            LineType::FixedLineOrMobile if !options.reject_fixed_line_or_mobile => Ok(self),
            other => Err(Error::new(
                ErrorCode::PhoneNotMobile,
                "phone number is not a mobile number",
            )
            .with_detail(other.as_str())),
        }
    }

    /// The hook for a caller's own line-type source (a carrier lookup it runs itself;
    /// the library never looks anything up): replaces the line type with `line_type`
    /// and applies the mobile-only rule again under `options`.
    ///
    /// ```
    /// use vivamo_validate::{LineType, Phone, PhoneOptions};
    /// let options = PhoneOptions::default();
    /// let phone = Phone::parse("+12125550123")?;
    /// // The carrier says it is a mobile:
    /// let mobile = phone.clone().with_carrier_line_type(LineType::Mobile, &options)?;
    /// assert_eq!(mobile.line_type(), LineType::Mobile);
    /// // The carrier says it is a landline:
    /// let err = phone.with_carrier_line_type(LineType::FixedLine, &options).unwrap_err();
    /// assert_eq!(err.detail(), Some("fixed_line"));
    /// # Ok::<(), vivamo_validate::Error>(())
    /// ```
    pub fn with_carrier_line_type(
        mut self,
        line_type: LineType,
        options: &PhoneOptions,
    ) -> Result<Phone, Error> {
        self.line_type = line_type;
        self.check_mobile(options)
    }

    /// The E.164 form (`+` and up to 15 digits).
    ///
    /// ```
    /// use vivamo_validate::Phone;
    /// assert_eq!(Phone::parse("12125550123")?.as_str(), "+12125550123");
    /// # Ok::<(), vivamo_validate::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.e164
    }

    /// The E.164 form; the same as [`Phone::as_str`].
    ///
    /// ```
    /// use vivamo_validate::Phone;
    /// assert_eq!(Phone::parse("+44 (0)7400 123456")?.e164(), "+447400123456");
    /// # Ok::<(), vivamo_validate::Error>(())
    /// ```
    pub fn e164(&self) -> &str {
        &self.e164
    }

    /// The country calling code (`1`, `44`, `800`, …).
    ///
    /// ```
    /// use vivamo_validate::Phone;
    /// assert_eq!(Phone::parse("+447400123456")?.calling_code(), 44);
    /// # Ok::<(), vivamo_validate::Error>(())
    /// ```
    pub fn calling_code(&self) -> u16 {
        self.calling_code
    }

    /// libphonenumber's region of the number: an ISO 3166-1 alpha-2 code, or `001`
    /// for a non-geographic entity (`+800`, `+882`, …).
    ///
    /// ```
    /// use vivamo_validate::Phone;
    /// assert_eq!(Phone::parse("+447400123456")?.region(), "GB");
    /// # Ok::<(), vivamo_validate::Error>(())
    /// ```
    pub fn region(&self) -> &str {
        self.region
    }

    /// The line type: `Mobile` or `FixedLineOrMobile` from parsing, or whatever a
    /// caller set through [`Phone::with_carrier_line_type`].
    ///
    /// ```
    /// use vivamo_validate::{LineType, Phone};
    /// assert_eq!(Phone::parse("+447400123456")?.line_type(), LineType::Mobile);
    /// # Ok::<(), vivamo_validate::Error>(())
    /// ```
    pub fn line_type(&self) -> LineType {
        self.line_type
    }

    /// Whether the input had no `+`, so that the `+1` rules supplied the calling code
    /// (ten digits: `+1` prepended; eleven starting with `1`: `+` prepended).
    ///
    /// ```
    /// use vivamo_validate::Phone;
    /// assert!(Phone::parse("2125550123")?.us_prefix_added());
    /// assert!(!Phone::parse("+12125550123")?.us_prefix_added());
    /// # Ok::<(), vivamo_validate::Error>(())
    /// ```
    pub fn us_prefix_added(&self) -> bool {
        self.us_prefix_added
    }

    /// The version of libphonenumber whose metadata decides validity and line type.
    ///
    /// ```
    /// assert_eq!(vivamo_validate::Phone::metadata_version(), "9.0.33");
    /// ```
    pub fn metadata_version() -> &'static str {
        metadata::LIBPHONENUMBER_VERSION
    }
}

string_newtype!(Phone);
