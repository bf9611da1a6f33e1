//! External customer id vectors: `tests/vectors/external_id.tsv`.

#[path = "support/text_vectors.rs"]
mod support;

use vivamo_validate::ExternalCustomerId;

#[test]
fn vectors() {
    let rows = support::read("external_id.tsv");
    assert!(rows.len() >= 20);
    for row in &rows {
        let at = row.at("external_id.tsv");
        let input = row.text("input");
        let result = ExternalCustomerId::parse(&input);
        let (code, detail, message) = support::outcome(&result);
        assert_eq!(code, row.raw("code"), "{at}");
        assert_eq!(detail, row.raw("detail"), "{at}");
        assert_eq!(message, row.raw("message"), "{at}");
        if let Ok(id) = result {
            // Taken as is: never trimmed, re-cased or normalized.
            assert_eq!(id.as_str(), input, "{at}");
            assert_eq!(id.api_path(), row.raw("api_path"), "{at}");
        }
    }
}

#[test]
fn api_path_encodes_every_byte_but_the_unreserved() {
    let all: String = (1u8..=0x7F)
        .map(char::from)
        .filter(|c| !c.is_control() && *c != ' ')
        .collect();
    let id = ExternalCustomerId::parse(&all).expect("printable ascii is valid");
    let path = id.api_path();
    let encoded = path.strip_prefix("/v1/customers/").expect("prefix");
    let mut expected = String::new();
    for b in all.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            expected.push(char::from(b));
        } else {
            expected.push_str(&format!("%{b:02X}"));
        }
    }
    assert_eq!(encoded, expected);
}

#[cfg(feature = "serde")]
#[test]
fn serde_keeps_the_id_as_is() {
    let id: ExternalCustomerId = serde_json::from_str("\"Ab/ü\"").expect("valid");
    assert_eq!(serde_json::to_string(&id).expect("serialize"), "\"Ab/ü\"");
    assert!(serde_json::from_str::<ExternalCustomerId>("\" a\"").is_err());
}
