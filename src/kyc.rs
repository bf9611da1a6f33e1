//! KYC verifications: types, statuses and their predicates (SPEC §8).

use crate::{Error, ErrorCode, Timestamp};

/// Generates a wire enum with an `Unknown(String)` fallback from one table:
/// the enum, `ALL`, `from_wire`, `parse`, `as_str`, `is_known`, `FromStr`,
/// `Display`, `From<String>`, `From<T> for String` and serde as a plain string.
macro_rules! wire_enum {
    (
        $(#[$enum_doc:meta])*
        enum $ty:ident {
            error: $code:ident = $code_str:literal,
            noun: $noun:literal,
            example: $example:literal,
        }
        $($(#[$doc:meta])* $variant:ident => $wire:literal,)*
    ) => {
        $(#[$enum_doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $ty {
            $($(#[$doc])* $variant,)*
            /// A value this library does not know, kept exactly as sent.
            Unknown(String),
        }

        impl $ty {
            #[doc = concat!(
                "Every known value, in the API's order.\n\n```\n",
                "use vivamo_validate::", stringify!($ty), ";\n",
                "assert!(", stringify!($ty), "::ALL.iter().all(|v| v.is_known()));\n```"
            )]
            pub const ALL: &'static [$ty] = &[$($ty::$variant,)*];

            #[doc = concat!(
                "Maps a wire value, never failing: an unknown value becomes `Unknown`.\n\n```\n",
                "use vivamo_validate::", stringify!($ty), ";\n",
                "assert_eq!(", stringify!($ty), "::from_wire(\"", $example, "\").as_str(), \"", $example, "\");\n",
                "assert_eq!(", stringify!($ty), "::from_wire(\"brand_new\"), ",
                stringify!($ty), "::Unknown(\"brand_new\".into()));\n```"
            )]
            pub fn from_wire(s: &str) -> $ty {
                match s {
                    $($wire => $ty::$variant,)*
                    _ => $ty::Unknown(s.to_owned()),
                }
            }

            #[doc = concat!(
                "Validates a wire value: blank is `required`, an unknown value is `",
                $code_str, "`.\n\n```\n",
                "use vivamo_validate::", stringify!($ty), ";\n",
                "assert!(", stringify!($ty), "::parse(\"", $example, "\").is_ok());\n",
                "assert_eq!(", stringify!($ty), "::parse(\"brand_new\").unwrap_err().code(), \"",
                $code_str, "\");\n```"
            )]
            pub fn parse(s: &str) -> Result<$ty, Error> {
                if s.len() > crate::MAX_FIELD_INPUT {
                    return Err(crate::input_too_long(ErrorCode::$code, $noun));
                }
                match $ty::from_wire(s) {
                    $ty::Unknown(_) => Err(unknown_error(
                        s,
                        ErrorCode::$code,
                        $noun,
                        $ty::ALL.iter().map($ty::as_str),
                    )),
                    known => Ok(known),
                }
            }

            #[doc = concat!(
                "The wire value (an unknown value as it was sent).\n\n```\n",
                "use vivamo_validate::", stringify!($ty), ";\n",
                "assert_eq!(", stringify!($ty), "::from_wire(\"New\").as_str(), \"New\");\n```"
            )]
            pub fn as_str(&self) -> &str {
                match self {
                    $($ty::$variant => $wire,)*
                    $ty::Unknown(s) => s,
                }
            }

            #[doc = concat!(
                "Whether the value is one this library knows.\n\n```\n",
                "use vivamo_validate::", stringify!($ty), ";\n",
                "assert!(", stringify!($ty), "::from_wire(\"", $example, "\").is_known());\n",
                "assert!(!", stringify!($ty), "::from_wire(\"brand_new\").is_known());\n```"
            )]
            pub fn is_known(&self) -> bool {
                !matches!(self, $ty::Unknown(_))
            }
        }

        impl std::str::FromStr for $ty {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $ty::parse(s)
            }
        }

        $crate::str_display!($ty);

        impl From<String> for $ty {
            fn from(s: String) -> Self {
                match s.as_str() {
                    $($wire => $ty::$variant,)*
                    _ => $ty::Unknown(s),
                }
            }
        }

        impl From<$ty> for String {
            fn from(value: $ty) -> Self {
                match value {
                    $ty::Unknown(s) => s,
                    known => known.as_str().to_owned(),
                }
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map($ty::from)
            }
        }
    };
}

/// The error for a value `parse` does not know.
fn unknown_error<'a>(
    s: &str,
    code: ErrorCode,
    noun: &str,
    mut known: impl Iterator<Item = &'a str>,
) -> Error {
    if s.chars().all(char::is_whitespace) {
        return Error::required(noun);
    }
    let guess: String = s
        .trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let err = Error::new(code, format!("{noun} is not one the api knows"));
    match known.find(|k| *k == guess) {
        Some(k) => err.with_suggestion(k),
        None => err,
    }
}

wire_enum! {
    /// The kind of a KYC verification (`type` on the wire).
    ///
    /// As with [`KycStatus`], an unknown type is kept as `Unknown` and round-trips
    /// unchanged; [`KycType::parse`] reports it as `kyc_type_unknown` (with a
    /// suggestion for `Proof_Of_ID`, `proof-of-id` and the like); blank is `required`.
    ///
    /// ```
    /// use vivamo_validate::KycType;
    /// assert_eq!(KycType::from_wire("proof_of_id"), KycType::ProofOfId);
    /// ```
    enum KycType {
        error: KycTypeUnknown = "kyc_type_unknown",
        noun: "kyc verification type",
        example: "proof_of_id",
    }
    /// `proof_of_id`.
    ProofOfId => "proof_of_id",
}

wire_enum! {
    /// The status of a KYC verification.
    ///
    /// Reading a response never fails on a status this library does not know:
    /// [`KycStatus::from_wire`], `From<String>` and serde keep it as `Unknown`, and it
    /// serializes back unchanged. [`KycStatus::parse`] reports it as
    /// `kyc_status_unknown`, with a suggestion when only ASCII case, surrounding
    /// whitespace, spaces or hyphens differ from a known value (`Verified` →
    /// `verified`, `under review` → `under_review`); a blank value is `required`.
    /// Wire values are otherwise matched exactly and case-sensitively.
    ///
    /// The predicates ([`is_verified`](KycStatus::is_verified) and the others) are all
    /// `false` for an unknown status: a status the library cannot interpret proves
    /// nothing, so it is neither verified, rejected, final nor in progress.
    ///
    /// ```
    /// use vivamo_validate::KycStatus;
    /// let status = KycStatus::from_wire("verified_manually");
    /// assert!(status.is_verified() && status.is_manual() && status.is_terminal());
    /// ```
    enum KycStatus {
        error: KycStatusUnknown = "kyc_status_unknown",
        noun: "kyc verification status",
        example: "under_review",
    }
    /// `pending`: submitted, not yet looked at.
    Pending => "pending",
    /// `verified`.
    Verified => "verified",
    /// `under_review`: being looked at.
    UnderReview => "under_review",
    /// `rejected`.
    Rejected => "rejected",
    /// `expired`: the verification lapsed.
    Expired => "expired",
    /// `verified_manually`: verified by a person.
    VerifiedManually => "verified_manually",
    /// `rejected_manually`: rejected by a person.
    RejectedManually => "rejected_manually",
}

impl KycStatus {
    /// `verified` or `verified_manually`.
    ///
    /// ```
    /// use vivamo_validate::KycStatus;
    /// assert!(KycStatus::Verified.is_verified());
    /// assert!(!KycStatus::from_wire("approved").is_verified());
    /// ```
    pub fn is_verified(&self) -> bool {
        matches!(self, KycStatus::Verified | KycStatus::VerifiedManually)
    }

    /// `rejected` or `rejected_manually`.
    ///
    /// ```
    /// use vivamo_validate::KycStatus;
    /// assert!(KycStatus::RejectedManually.is_rejected());
    /// assert!(!KycStatus::Expired.is_rejected());
    /// ```
    pub fn is_rejected(&self) -> bool {
        matches!(self, KycStatus::Rejected | KycStatus::RejectedManually)
    }

    /// A final status: verified, rejected (either way) or `expired`.
    ///
    /// ```
    /// use vivamo_validate::KycStatus;
    /// assert!(KycStatus::Expired.is_terminal());
    /// assert!(!KycStatus::UnderReview.is_terminal());
    /// ```
    pub fn is_terminal(&self) -> bool {
        self.is_verified() || self.is_rejected() || matches!(self, KycStatus::Expired)
    }

    /// `pending` or `under_review`.
    ///
    /// ```
    /// use vivamo_validate::KycStatus;
    /// assert!(KycStatus::Pending.is_in_progress());
    /// assert!(!KycStatus::Verified.is_in_progress());
    /// ```
    pub fn is_in_progress(&self) -> bool {
        matches!(self, KycStatus::Pending | KycStatus::UnderReview)
    }

    /// Decided by a person: `verified_manually` or `rejected_manually`.
    ///
    /// ```
    /// use vivamo_validate::KycStatus;
    /// assert!(KycStatus::VerifiedManually.is_manual());
    /// assert!(!KycStatus::Verified.is_manual());
    /// ```
    pub fn is_manual(&self) -> bool {
        matches!(
            self,
            KycStatus::VerifiedManually | KycStatus::RejectedManually
        )
    }
}

/// One KYC verification of a customer, in the API's shape
/// (`{"type", "status", "createdAt"}`).
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use vivamo_validate::{KycStatus, KycVerification};
/// let v: KycVerification = serde_json::from_str(
///     r#"{"type":"proof_of_id","status":"on_hold","createdAt":"2024-05-01T10:00:00Z"}"#,
/// ).unwrap();
/// assert_eq!(v.status, KycStatus::Unknown("on_hold".into()));
/// assert_eq!(
///     serde_json::to_string(&v).unwrap(),
///     r#"{"type":"proof_of_id","status":"on_hold","createdAt":"2024-05-01T10:00:00.000Z"}"#,
/// );
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct KycVerification {
    /// The verification's kind (`type` on the wire).
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: KycType,
    /// Its status.
    pub status: KycStatus,
    /// When it was created (`createdAt` on the wire).
    #[cfg_attr(feature = "serde", serde(rename = "createdAt"))]
    pub created_at: Timestamp,
}

impl KycVerification {
    /// [`KycStatus::is_verified`] of the status.
    ///
    /// ```
    /// use vivamo_validate::{KycStatus, KycType, KycVerification, Timestamp};
    /// let v = KycVerification {
    ///     kind: KycType::ProofOfId,
    ///     status: KycStatus::Verified,
    ///     created_at: Timestamp::parse("2024-05-01T10:00:00Z").unwrap(),
    /// };
    /// assert!(v.is_verified());
    /// ```
    pub fn is_verified(&self) -> bool {
        self.status.is_verified()
    }

    /// [`KycStatus::is_rejected`] of the status.
    ///
    /// ```
    /// use vivamo_validate::{KycStatus, KycType, KycVerification, Timestamp};
    /// let v = KycVerification {
    ///     kind: KycType::ProofOfId,
    ///     status: KycStatus::Rejected,
    ///     created_at: Timestamp::parse("2024-05-01T10:00:00Z").unwrap(),
    /// };
    /// assert!(v.is_rejected());
    /// ```
    pub fn is_rejected(&self) -> bool {
        self.status.is_rejected()
    }

    /// [`KycStatus::is_terminal`] of the status.
    ///
    /// ```
    /// use vivamo_validate::{KycStatus, KycType, KycVerification, Timestamp};
    /// let v = KycVerification {
    ///     kind: KycType::ProofOfId,
    ///     status: KycStatus::Expired,
    ///     created_at: Timestamp::parse("2024-05-01T10:00:00Z").unwrap(),
    /// };
    /// assert!(v.is_terminal());
    /// ```
    pub fn is_terminal(&self) -> bool {
        self.status.is_terminal()
    }

    /// [`KycStatus::is_in_progress`] of the status.
    ///
    /// ```
    /// use vivamo_validate::{KycStatus, KycType, KycVerification, Timestamp};
    /// let v = KycVerification {
    ///     kind: KycType::ProofOfId,
    ///     status: KycStatus::UnderReview,
    ///     created_at: Timestamp::parse("2024-05-01T10:00:00Z").unwrap(),
    /// };
    /// assert!(v.is_in_progress());
    /// ```
    pub fn is_in_progress(&self) -> bool {
        self.status.is_in_progress()
    }

    /// [`KycStatus::is_manual`] of the status.
    ///
    /// ```
    /// use vivamo_validate::{KycStatus, KycType, KycVerification, Timestamp};
    /// let v = KycVerification {
    ///     kind: KycType::ProofOfId,
    ///     status: KycStatus::RejectedManually,
    ///     created_at: Timestamp::parse("2024-05-01T10:00:00Z").unwrap(),
    /// };
    /// assert!(v.is_manual());
    /// ```
    pub fn is_manual(&self) -> bool {
        self.status.is_manual()
    }

    /// The latest verification of `kind` by `created_at`; of several with the same
    /// latest `created_at`, the one that comes last in `items` (a list in the order
    /// the API recorded them). `None` when there is none of that kind.
    ///
    /// ```
    /// use vivamo_validate::{KycStatus, KycType, KycVerification, Timestamp};
    /// let at = |s: &str| Timestamp::parse(s).unwrap();
    /// let items = [
    ///     KycVerification { kind: KycType::ProofOfId, status: KycStatus::Rejected, created_at: at("2024-05-02T00:00:00Z") },
    ///     KycVerification { kind: KycType::ProofOfId, status: KycStatus::Verified, created_at: at("2024-05-03T00:00:00+02:00") },
    ///     KycVerification { kind: KycType::ProofOfId, status: KycStatus::Pending, created_at: at("2024-05-01T00:00:00Z") },
    /// ];
    /// let latest = KycVerification::latest(&items, &KycType::ProofOfId).unwrap();
    /// assert_eq!(latest.status, KycStatus::Verified);
    /// assert!(KycVerification::latest(&items, &KycType::from_wire("selfie")).is_none());
    /// ```
    pub fn latest<'a>(
        items: impl IntoIterator<Item = &'a KycVerification>,
        kind: &KycType,
    ) -> Option<&'a KycVerification> {
        items.into_iter().filter(|v| v.kind == *kind).fold(
            None,
            |best: Option<&KycVerification>, v| match best {
                Some(b) if b.created_at > v.created_at => Some(b),
                _ => Some(v),
            },
        )
    }
}
