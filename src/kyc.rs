//! KYC verifications: types, statuses and their predicates (SPEC §8).
// SCAFFOLD: the foundation issue replaces this body.

use crate::{Error, ErrorCode, Timestamp};

/// The kind of a KYC verification.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(from = "String", into = "String"))]
pub enum KycType {
    /// `proof_of_id`.
    ProofOfId,
    /// A type this library does not know, kept as sent.
    Unknown(String),
}

impl KycType {
    /// Maps a wire value, never failing.
    pub fn from_wire(s: &str) -> KycType {
        if s == "proof_of_id" {
            KycType::ProofOfId
        } else {
            KycType::Unknown(s.to_owned())
        }
    }

    /// Validates a wire value: unknown types are `kyc_type_unknown`.
    pub fn parse(s: &str) -> Result<KycType, Error> {
        match KycType::from_wire(s) {
            KycType::Unknown(_) => Err(Error::new(
                ErrorCode::KycTypeUnknown,
                "kyc type is not known",
            )),
            known => Ok(known),
        }
    }

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            KycType::ProofOfId => "proof_of_id",
            KycType::Unknown(s) => s,
        }
    }
}

impl From<String> for KycType {
    fn from(s: String) -> Self {
        KycType::from_wire(&s)
    }
}

impl From<KycType> for String {
    fn from(t: KycType) -> Self {
        t.as_str().to_owned()
    }
}

/// The status of a KYC verification.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(from = "String", into = "String"))]
pub enum KycStatus {
    /// `pending`.
    Pending,
    /// A status this library does not know, kept as sent.
    Unknown(String),
}

impl KycStatus {
    /// Maps a wire value, never failing.
    pub fn from_wire(s: &str) -> KycStatus {
        if s == "pending" {
            KycStatus::Pending
        } else {
            KycStatus::Unknown(s.to_owned())
        }
    }

    /// Validates a wire value: unknown statuses are `kyc_status_unknown`.
    pub fn parse(s: &str) -> Result<KycStatus, Error> {
        match KycStatus::from_wire(s) {
            KycStatus::Unknown(_) => Err(Error::new(
                ErrorCode::KycStatusUnknown,
                "kyc status is not known",
            )),
            known => Ok(known),
        }
    }

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            KycStatus::Pending => "pending",
            KycStatus::Unknown(s) => s,
        }
    }
}

impl From<String> for KycStatus {
    fn from(s: String) -> Self {
        KycStatus::from_wire(&s)
    }
}

impl From<KycStatus> for String {
    fn from(t: KycStatus) -> Self {
        t.as_str().to_owned()
    }
}

/// One KYC verification of a customer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct KycVerification {
    /// The verification's kind (`type` on the wire).
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: KycType,
    /// Its status.
    pub status: KycStatus,
    /// When it was created.
    pub created_at: Timestamp,
}
