//! Timestamp vectors: `tests/vectors/timestamp.tsv`.

#[path = "support/text_vectors.rs"]
mod support;

use vivamo_validate::Timestamp;

#[test]
fn vectors() {
    let rows = support::read("timestamp.tsv");
    assert!(rows.len() >= 40);
    for row in &rows {
        let at = row.at("timestamp.tsv");
        let input = row.text("input");
        let result = Timestamp::parse(&input);
        let (code, detail, message) = support::outcome(&result);
        assert_eq!(code, row.raw("code"), "{at}");
        assert_eq!(detail, row.raw("detail"), "{at}");
        assert_eq!(message, row.raw("message"), "{at}");
        if let Ok(t) = result {
            assert_eq!(t.as_str(), row.raw("normalized"), "{at}");
            let millis: i64 = row.raw("unix_millis").parse().expect("unix_millis");
            assert_eq!(t.unix_millis(), millis, "{at}");
            assert_eq!(
                Timestamp::from_unix_millis(millis).as_ref(),
                Some(&t),
                "{at}"
            );
            // The normalized form is itself accepted and unchanged.
            assert_eq!(Timestamp::parse(t.as_str()).as_ref(), Ok(&t), "{at}");
        }
    }
}

#[test]
fn ordering_is_chronological() {
    let mut ts: Vec<Timestamp> = [
        "2024-01-01T00:30:00+01:00",
        "2023-12-31T23:29:59.999Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999Z",
        "1969-12-31T23:59:59.999Z",
        "1970-01-01T00:00:00-00:00",
    ]
    .iter()
    .map(|s| Timestamp::parse(s).expect("valid"))
    .collect();
    ts.sort();
    let got: Vec<&str> = ts.iter().map(Timestamp::as_str).collect();
    assert_eq!(
        got,
        [
            "0000-01-01T00:00:00.000Z",
            "1969-12-31T23:59:59.999Z",
            "1970-01-01T00:00:00.000Z",
            "2023-12-31T23:29:59.999Z",
            "2023-12-31T23:30:00.000Z",
            "9999-12-31T23:59:59.999Z",
        ]
    );
    // Same instant, different offsets: equal.
    assert_eq!(
        Timestamp::parse("2024-03-01T01:30:00+02:00"),
        Timestamp::parse("2024-02-29T23:30:00Z")
    );
}

#[cfg(feature = "serde")]
#[test]
fn serde_uses_the_normalized_string() {
    let t: Timestamp = serde_json::from_str(r#""2024-05-01t12:00:00.5+02:00""#).expect("valid");
    assert_eq!(
        serde_json::to_string(&t).expect("serialize"),
        r#""2024-05-01T10:00:00.500Z""#
    );
    let err = serde_json::from_str::<Timestamp>(r#""2024-02-30T00:00:00Z""#).unwrap_err();
    assert!(err.to_string().contains("date that does not exist"));
}
