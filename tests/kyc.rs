//! KYC vectors: `tests/vectors/kyc.tsv`, plus `latest` and serde behaviour.

#[path = "support/text_vectors.rs"]
mod support;

use vivamo_validate::{KycStatus, KycType, KycVerification, Timestamp};

fn predicates(s: &KycStatus) -> String {
    let all = [
        ("verified", s.is_verified()),
        ("rejected", s.is_rejected()),
        ("terminal", s.is_terminal()),
        ("in_progress", s.is_in_progress()),
        ("manual", s.is_manual()),
    ];
    let held: Vec<&str> = all.iter().filter(|(_, b)| *b).map(|(n, _)| *n).collect();
    if held.is_empty() {
        "none".into()
    } else {
        held.join(",")
    }
}

#[test]
fn vectors() {
    let rows = support::read("kyc.tsv");
    assert!(rows.len() >= 20);
    for row in &rows {
        let at = row.at("kyc.tsv");
        let input = row.text("input");
        let (result, wire) = match row.raw("kind") {
            "status" => {
                let wire = KycStatus::from_wire(&input);
                assert_eq!(predicates(&wire), row.raw("predicates"), "{at}");
                assert_eq!(wire.is_known(), row.raw("code") == "ok", "{at}");
                (KycStatus::parse(&input).map(drop), wire.as_str().to_owned())
            }
            "type" => {
                let wire = KycType::from_wire(&input);
                assert_eq!(wire.is_known(), row.raw("code") == "ok", "{at}");
                (KycType::parse(&input).map(drop), wire.as_str().to_owned())
            }
            other => panic!("unknown kind {other}"),
        };
        assert_eq!(wire, input, "{at}: from_wire keeps the value");
        let (code, detail, message) = support::outcome(&result);
        assert_eq!(code, row.raw("code"), "{at}");
        assert_eq!(detail, "-", "{at}");
        assert_eq!(message, row.raw("message"), "{at}");
        let suggestion = result.err().and_then(|e| e.suggestion().map(str::to_owned));
        assert_eq!(suggestion, row.opt("suggestion"), "{at}");
    }
}

#[test]
fn table_covers_the_spec_statuses() {
    let wire: Vec<&str> = KycStatus::ALL.iter().map(KycStatus::as_str).collect();
    assert_eq!(
        wire,
        [
            "pending",
            "verified",
            "under_review",
            "rejected",
            "expired",
            "verified_manually",
            "rejected_manually"
        ]
    );
    for s in KycStatus::ALL {
        assert_eq!(KycStatus::parse(s.as_str()).as_ref(), Ok(s));
        assert_eq!(s.to_string(), s.as_str());
        assert_eq!(s.as_str().parse::<KycStatus>().as_ref(), Ok(s));
    }
    assert_eq!(KycType::ALL, [KycType::ProofOfId]);
}

fn verification(kind: &str, status: &str, at: &str) -> KycVerification {
    KycVerification {
        kind: KycType::from_wire(kind),
        status: KycStatus::from_wire(status),
        created_at: Timestamp::parse(at).expect("valid timestamp"),
    }
}

#[test]
fn latest_by_created_at_ties_to_the_later_item() {
    let items = [
        verification("proof_of_id", "pending", "2024-05-01T10:00:00Z"),
        verification("proof_of_id", "rejected", "2024-05-03T12:00:00+02:00"),
        verification("selfie", "verified", "2024-06-01T00:00:00Z"),
        // The same instant as the second item, written in another offset.
        verification("proof_of_id", "verified", "2024-05-03T10:00:00Z"),
        verification("proof_of_id", "expired", "2024-05-02T00:00:00Z"),
    ];
    let latest = KycVerification::latest(&items, &KycType::ProofOfId).expect("some");
    assert_eq!(latest.status, KycStatus::Verified);
    assert!(latest.is_verified() && latest.is_terminal() && !latest.is_manual());
    let selfie = KycVerification::latest(items.iter(), &KycType::from_wire("selfie"));
    assert_eq!(selfie.map(|v| &v.status), Some(&KycStatus::Verified));
    assert!(KycVerification::latest(&items, &KycType::from_wire("address")).is_none());
    assert!(KycVerification::latest(&[], &KycType::ProofOfId).is_none());
}

#[test]
fn verification_predicates_delegate_to_the_status() {
    for status in KycStatus::ALL
        .iter()
        .cloned()
        .chain([KycStatus::from_wire("on_hold")])
    {
        let v = KycVerification {
            kind: KycType::ProofOfId,
            status: status.clone(),
            created_at: Timestamp::parse("2024-01-01T00:00:00Z").expect("valid"),
        };
        assert_eq!(v.is_verified(), status.is_verified());
        assert_eq!(v.is_rejected(), status.is_rejected());
        assert_eq!(v.is_terminal(), status.is_terminal());
        assert_eq!(v.is_in_progress(), status.is_in_progress());
        assert_eq!(v.is_manual(), status.is_manual());
    }
}

#[cfg(feature = "serde")]
#[test]
fn serde_shape_and_unknown_values_round_trip() {
    let json = r#"[{"type":"proof_of_id","status":"verified","createdAt":"2024-05-01T12:00:00+02:00"},{"type":"Liveness Check","status":"On Hold","createdAt":"2024-05-02T00:00:00.000Z"}]"#;
    let items: Vec<KycVerification> =
        serde_json::from_str(json).expect("never fails on new values");
    assert_eq!(items[1].kind, KycType::Unknown("Liveness Check".into()));
    assert_eq!(items[1].status, KycStatus::Unknown("On Hold".into()));
    assert_eq!(
        serde_json::to_string(&items).expect("serialize"),
        r#"[{"type":"proof_of_id","status":"verified","createdAt":"2024-05-01T10:00:00.000Z"},{"type":"Liveness Check","status":"On Hold","createdAt":"2024-05-02T00:00:00.000Z"}]"#
    );
    // A missing field is still an error for the derived struct.
    assert!(serde_json::from_str::<KycVerification>(r#"{"type":"proof_of_id"}"#).is_err());
}
