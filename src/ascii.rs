//! Small ASCII helpers shared by the table look-ups of `country` and `state`.

/// Whether `key` equals `name` once every byte of `skip` is dropped from `name`,
/// ignoring ASCII case only (a Kelvin sign is not a `K`).
pub(crate) fn eq_ignore_case_skipping(key: &[u8], name: &str, skip: &[u8]) -> bool {
    let mut name_bytes = name.bytes().filter(|b| !skip.contains(b));
    let mut key_bytes = key.iter();
    loop {
        match (key_bytes.next(), name_bytes.next()) {
            (None, None) => return true,
            (Some(k), Some(n)) if k.eq_ignore_ascii_case(&n) => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::eq_ignore_case_skipping;

    #[test]
    fn skips_and_folds_ascii_only() {
        assert!(eq_ignore_case_skipping(
            b"WASHINGTON DC",
            "Washington, D.C.",
            b".,"
        ));
        assert!(!eq_ignore_case_skipping(
            b"WASHINGTON DC",
            "Washington, D.C.",
            b"."
        ));
        assert!(!eq_ignore_case_skipping(
            "\u{212A}ANSAS".as_bytes(),
            "Kansas",
            b""
        ));
        assert!(!eq_ignore_case_skipping(b"KANSA", "Kansas", b""));
    }
}
