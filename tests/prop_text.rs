//! Properties of the text, external id, timestamp and KYC parsers.

use icu_normalizer::ComposingNormalizerBorrowed;
use proptest::prelude::*;
use vivamo_validate::{ExternalCustomerId, KycStatus, KycType, Text, TextField, Timestamp};

/// Characters that exercise every rule of SPEC §7, mixed with anything at all.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::char::range('a', 'z'),
        1 => prop::sample::select(vec![
            ' ', '\t', '\r', '\n', '\u{7}', '\u{85}', '\u{A0}', '\u{3000}', '\u{2028}',
            '\u{202E}', '\u{2067}', '\u{200E}', '\u{61C}',
            '\u{200B}', '\u{2060}', '\u{FEFF}', '\u{AD}', '\u{180E}',
            '\u{200C}', '\u{200D}', '\u{2061}', '\u{E000}', '\u{378}', '\u{FFFD}',
            '\u{301}', '\u{308}', '\u{338}', '\u{94D}', '\u{FE0F}', 'e', '=', 'क', 'ष', 'ع',
            '\u{1100}', '\u{1161}', '😀', '👩', '-', '\'', '1',
        ]),
        1 => any::<char>(),
    ]
}

fn tricky_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

fn field() -> impl Strategy<Value = Option<TextField>> {
    prop_oneof![
        Just(None),
        prop::sample::select(TextField::ALL.to_vec()).prop_map(Some)
    ]
}

fn parse(input: &str, field: Option<TextField>) -> Result<Text, vivamo_validate::Error> {
    match field {
        None => Text::parse(input),
        Some(f) => Text::parse_as(input, f),
    }
}

fn check_text(input: &str, field: Option<TextField>) -> Result<(), TestCaseError> {
    let Ok(text) = parse(input, field) else {
        return Ok(());
    };
    let s = text.as_str();
    prop_assert!(!s.is_empty());
    prop_assert!(!s.starts_with(' ') && !s.ends_with(' ') && !s.contains("  "));
    prop_assert!(!s
        .chars()
        .any(|c| c.is_control() || (c.is_whitespace() && c != ' ')));
    prop_assert!(ComposingNormalizerBorrowed::new_nfc().is_normalized(s));
    // Idempotent, and the normalized value re-validates to itself.
    prop_assert_eq!(parse(s, field), Ok(text.clone()));
    #[cfg(feature = "serde")]
    {
        let json = serde_json::to_string(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: Text =
            serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, text);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn text_tricky(input in tricky_string(40), field in field()) {
        check_text(&input, field)?;
    }

    #[test]
    fn text_any_unicode(input in any::<String>(), field in field()) {
        check_text(&input, field)?;
    }

    #[test]
    fn external_id_any(input in tricky_string(300)) {
        if let Ok(id) = ExternalCustomerId::parse(&input) {
            prop_assert_eq!(id.as_str(), input.as_str());
            prop_assert_eq!(ExternalCustomerId::parse(id.as_str()), Ok(id.clone()));
            let path = id.api_path();
            prop_assert!(path.bytes().all(|b| b.is_ascii_graphic()));
            #[cfg(feature = "serde")]
            {
                let json = serde_json::to_string(&id).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let back: ExternalCustomerId = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(back, id);
            }
        }
    }

    #[test]
    fn timestamp_any(input in any::<String>()) {
        if let Ok(t) = Timestamp::parse(&input) {
            prop_assert_eq!(Timestamp::parse(t.as_str()), Ok(t.clone()));
        }
    }

    #[test]
    fn timestamp_near_miss(input in "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,12})?([Zz]|[+-][0-9]{2}:?[0-9]{2})?") {
        if let Ok(t) = Timestamp::parse(&input) {
            prop_assert_eq!(Timestamp::parse(t.as_str()), Ok(t.clone()));
            prop_assert_eq!(t.as_str().len(), 24);
        }
    }

    #[test]
    fn kyc_unknown_values_round_trip(value in any::<String>()) {
        let status = KycStatus::from_wire(&value);
        prop_assert_eq!(status.as_str(), value.as_str());
        let kind = KycType::from_wire(&value);
        prop_assert_eq!(kind.as_str(), value.as_str());
        prop_assert_eq!(KycStatus::parse(&value).is_ok(), status.is_known());
        if !status.is_known() {
            prop_assert!(!(status.is_verified() || status.is_rejected() || status.is_terminal()
                || status.is_in_progress() || status.is_manual()));
        }
        #[cfg(feature = "serde")]
        {
            let json = serde_json::to_string(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let s: KycStatus = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(serde_json::to_string(&s).ok(), Some(json.clone()));
            let k: KycType = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(serde_json::to_string(&k).ok(), Some(json));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Long inputs (up to ~10,000 characters, several times that in bytes).
    #[test]
    fn long_inputs_do_not_panic(input in tricky_string(10_000), field in field()) {
        check_text(&input, field)?;
        let _ = ExternalCustomerId::parse(&input);
        let _ = Timestamp::parse(&input);
        let _ = KycStatus::parse(&input);
    }
}

/// Days from 0000-01-01 to the first of `month` in `year`, counted a different way
/// from the library (leap days before the year, then month lengths).
fn days_since_year_zero(year: i64, month: i64, day: i64) -> i64 {
    let leap = |y: i64| y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let leaps_before = (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
    let mut days = 365 * year + leaps_before;
    let lengths = [
        31,
        if leap(year) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    days += lengths.iter().take((month - 1) as usize).sum::<i64>();
    days + day - 1
}

fn month_length(year: i64, month: i64) -> i64 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_timestamps_match_unix_millis(
        year in 0i64..=9999, month in 1i64..=12, day in 1i64..=31,
        hour in 0i64..=23, minute in 0i64..=59, second in 0i64..=59,
        fraction in "(\\.[0-9]{1,9})?", offset in prop_oneof![
            Just(None),
            (any::<bool>(), 0i64..=23, 0i64..=59).prop_map(Some),
        ],
        lower_t in any::<bool>(), lower_z in any::<bool>(),
    ) {
        let t = if lower_t { 't' } else { 'T' };
        let zone = match offset {
            None => (if lower_z { "z" } else { "Z" }).to_owned(),
            Some((east, h, m)) => format!("{}{h:02}:{m:02}", if east { '+' } else { '-' }),
        };
        let input = format!("{year:04}-{month:02}-{day:02}{t}{hour:02}:{minute:02}:{second:02}{fraction}{zone}");
        let result = Timestamp::parse(&input);
        if day > month_length(year, month) {
            prop_assert_eq!(result.err().and_then(|e| e.detail().map(str::to_owned)), Some("date".to_owned()));
            return Ok(());
        }
        let millis: i64 = fraction.get(1..).map_or(0, |f| {
            let digits: String = f.chars().chain("000".chars()).take(3).collect();
            digits.parse().unwrap_or(0)
        });
        let offset_min = offset.map_or(0, |(east, h, m)| if east { h * 60 + m } else { -(h * 60 + m) });
        let epoch = days_since_year_zero(1970, 1, 1);
        let local = (days_since_year_zero(year, month, day) - epoch) * 86_400_000
            + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
        let utc = local - offset_min * 60_000;
        let min = -epoch * 86_400_000;
        let max = (days_since_year_zero(10_000, 1, 1) - epoch) * 86_400_000 - 1;
        if utc < min || utc > max {
            prop_assert_eq!(result.err().and_then(|e| e.detail().map(str::to_owned)), Some("out_of_range".to_owned()));
            return Ok(());
        }
        let ts = result.map_err(|e| TestCaseError::fail(format!("{input}: {e}")))?;
        prop_assert_eq!(ts.unix_millis(), utc);
        prop_assert_eq!(Timestamp::from_unix_millis(utc), Some(ts.clone()));
        prop_assert_eq!(Timestamp::parse(ts.as_str()), Ok(ts.clone()));
        // Without an offset the normalized text keeps every field.
        if offset.is_none() {
            prop_assert_eq!(&ts.as_str()[..19], &input[..19].replace('t', "T"));
        }
        #[cfg(feature = "serde")]
        {
            let json = serde_json::to_string(&ts).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let back: Timestamp = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(back, ts);
        }
    }

    #[test]
    fn ordering_matches_the_normalized_strings(a in -62_167_219_200_000i64..=253_402_300_799_999, b in -62_167_219_200_000i64..=253_402_300_799_999) {
        let (Some(ta), Some(tb)) = (Timestamp::from_unix_millis(a), Timestamp::from_unix_millis(b)) else {
            return Err(TestCaseError::fail("in range"));
        };
        prop_assert_eq!(ta.cmp(&tb), a.cmp(&b));
        prop_assert_eq!(ta.as_str().cmp(tb.as_str()), a.cmp(&b));
    }
}
