//! A record's flat values as the input gave them (before validation), for the
//! `externalCustomerId` of `--output jsonl` and the input columns of `--output
//! csv`. From CSV they are the cells; from JSON, the string members
//! `externalCustomerId`, `createdAt` and `data.*`, read leniently: a member of
//! another type is left out, every other member is skipped unread, and the last
//! of duplicate keys wins (as validation has it).

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use vivamo_validate::CustomerInput;

use crate::csv_rows::FIELDS;

/// The values, indexed like [`FIELDS`].
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Given(pub [Option<String>; FIELDS.len()]);

impl Given {
    /// The values of a typed (CSV) record.
    pub fn from_input(input: &CustomerInput) -> Given {
        let data = input.data.clone().unwrap_or_default();
        Given([
            input.external_customer_id.clone(),
            data.email,
            data.phone,
            data.first_name,
            data.last_name,
            data.street,
            data.street2,
            data.state,
            data.city,
            data.zip,
            data.country,
            input.created_at.clone(),
        ])
    }

    /// The values of a JSON record; `None` when it is not a JSON object.
    pub fn from_json(bytes: &[u8]) -> Option<Given> {
        let mut given = Given::default();
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        deserializer
            .deserialize_map(Members {
                given: &mut given,
                data: false,
                id_only: false,
            })
            .ok()?;
        deserializer.end().ok()?;
        Some(given)
    }

    /// What [`Given::from_json`] would give as [`Given::id`], keeping no other
    /// member: the others are read just as closely (a string member of `data` is
    /// still decoded, so a record that `from_json` rejects gives `None` here too)
    /// but not kept.
    pub fn id_from_json(bytes: &[u8]) -> Option<String> {
        let mut given = Given::default();
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        deserializer
            .deserialize_map(Members {
                given: &mut given,
                data: false,
                id_only: true,
            })
            .ok()?;
        deserializer.end().ok()?;
        let [id, ..] = given.0;
        id
    }

    /// `externalCustomerId`, when given as a string.
    pub fn id(&self) -> Option<&str> {
        self.0.first().and_then(Option::as_deref)
    }
}

/// The members of the record root (`data: false`) or of its `data` object.
struct Members<'a> {
    given: &'a mut Given,
    data: bool,
    /// Keep `externalCustomerId` only; read the other values without copying them.
    id_only: bool,
}

impl<'de> Visitor<'de> for Members<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let slot = match (self.data, key.as_ref()) {
                (false, "data") => {
                    map.next_value_seed(DataSeed(&mut *self.given, self.id_only))?;
                    continue;
                }
                (false, "externalCustomerId") => Some(0),
                (false, "createdAt") => Some(FIELDS.len() - 1),
                (true, "createdAt" | "externalCustomerId") => None,
                (true, name) => FIELDS.iter().position(|field| *field == name),
                (false, _) => None,
            };
            // `externalCustomerId` of the root is slot 0.
            let keep = !self.id_only || (!self.data && slot == Some(0));
            match slot.and_then(|i| self.given.0.get_mut(i)) {
                Some(slot) if !keep => {
                    // Read (so a bad string fails as in `from_json`), not kept.
                    map.next_value::<StringOrNone>()?;
                    *slot = None;
                }
                Some(slot) => *slot = map.next_value::<StringOrNone>()?.0,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// `data`: an object's members, anything else skipped.
struct DataSeed<'a>(&'a mut Given, bool);

impl<'de> de::DeserializeSeed<'de> for DataSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(DataOrOther(self.0, self.1))
    }
}

struct DataOrOther<'a>(&'a mut Given, bool);

impl<'de> Visitor<'de> for DataOrOther<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        Members {
            given: self.0,
            data: true,
            id_only: self.1,
        }
        .visit_map(map)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// A string value, or `None` for a value of any other type (skipped).
struct StringOrNone(Option<String>);

impl<'de> de::Deserialize<'de> for StringOrNone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StringVisitor)
    }
}

struct StringVisitor;

impl<'de> Visitor<'de> for StringVisitor {
    type Value = StringOrNone;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<StringOrNone, E> {
        Ok(StringOrNone(Some(value.to_owned())))
    }
    fn visit_string<E: de::Error>(self, value: String) -> Result<StringOrNone, E> {
        Ok(StringOrNone(Some(value)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StringOrNone, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(StringOrNone(None))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<StringOrNone, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(StringOrNone(None))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<StringOrNone, E> {
        Ok(StringOrNone(None))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<StringOrNone, E> {
        Ok(StringOrNone(None))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<StringOrNone, E> {
        Ok(StringOrNone(None))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<StringOrNone, E> {
        Ok(StringOrNone(None))
    }
    fn visit_unit<E: de::Error>(self) -> Result<StringOrNone, E> {
        Ok(StringOrNone(None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_alone_is_the_id_of_all_members() {
        for json in [
            r#"{"externalCustomerId":" a\u00e9 ","x":[{"data":1}],"data":{"email":"E@x","city":"Lyon"},"createdAt":"t"}"#,
            r#"{"externalCustomerId":"a","data":{"city":"\ud800"}}"#,
            r#"{"externalCustomerId":"a","createdAt":"\ud800"}"#,
            r#"{"externalCustomerId":"a","data":{"other":"\ud800"}}"#,
            r#"{"externalCustomerId":"a","externalCustomerId":5}"#,
            r#"{"externalCustomerId":"a","data":[1,{"b":2}]}"#,
            r#"{"data":{"externalCustomerId":"no"}}"#,
            r#"{"externalCustomerId":"a"} x"#,
            "[1]",
        ] {
            let all = Given::from_json(json.as_bytes());
            assert_eq!(
                Given::id_from_json(json.as_bytes()).as_deref(),
                all.as_ref().and_then(Given::id),
                "{json}"
            );
        }
        assert_eq!(
            Given::id_from_json(br#"{"externalCustomerId":"a","data":{"city":"\ud800"}}"#),
            None
        );
    }

    #[test]
    fn string_members_as_given_the_rest_skipped() {
        let given = Given::from_json(
            br#"{"externalCustomerId":" a\u00e9 ","x":[{"data":1}],"data":{"email":"E@x","phone":12,"zip":null,"externalCustomerId":"no","city":"Paris","city":"Lyon"},"createdAt":"t"}"#,
        )
        .unwrap();
        assert_eq!(given.id(), Some(" aé "));
        assert_eq!(given.0[1].as_deref(), Some("E@x"));
        assert_eq!(given.0[2], None);
        assert_eq!(given.0[8].as_deref(), Some("Lyon"));
        assert_eq!(given.0[11].as_deref(), Some("t"));
        assert_eq!(
            Given::from_json(br#"{"externalCustomerId":7,"data":"x"}"#)
                .unwrap()
                .id(),
            None
        );
        assert_eq!(Given::from_json(b"[1]"), None);
        assert_eq!(Given::from_json(br#"{"externalCustomerId":"a"} x"#), None);
        assert_eq!(Given::from_json(b"{"), None);
    }
}
