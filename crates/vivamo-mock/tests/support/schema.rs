//! A small JSON Schema validator for the subset the mock's OpenAPI document
//! uses: `$ref` (local), `type` (one or several), `const`, `enum`,
//! `properties`, `required`, `additionalProperties` (boolean or schema),
//! `minProperties`/`maxProperties`, `items`, `minItems`/`maxItems`,
//! `minLength`/`maxLength`, `pattern` (only the timestamp shape), `minimum`/
//! `maximum` and `anyOf`. A keyword it does not know fails loudly, so the
//! document cannot outgrow the checker unnoticed.

use serde_json::Value;

/// The OpenAPI document, parsed.
pub fn document() -> Value {
    serde_json::from_str(include_str!("../../openapi.json")).expect("the document is JSON")
}

/// The schema of the answer `status` of `method path` (a path template), if the
/// document has one.
pub fn response_schema<'a>(
    doc: &'a Value,
    path: &str,
    method: &str,
    status: u16,
) -> Option<&'a Value> {
    doc["paths"][path][method]["responses"]
        .get(status.to_string())?
        .pointer("/content/application~1json/schema")
}

/// Checks `instance` against `schema`; the error names where it broke.
pub fn validate(doc: &Value, schema: &Value, instance: &Value) -> Result<(), String> {
    check(doc, schema, instance, "$")
}

fn check(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    let Some(schema) = schema.as_object() else {
        return Err(format!("{at}: schema is not an object"));
    };
    for (keyword, rule) in schema {
        match keyword.as_str() {
            "$ref" => {
                let pointer = rule
                    .as_str()
                    .and_then(|r| r.strip_prefix('#'))
                    .ok_or_else(|| format!("{at}: only local $refs"))?;
                let target = doc
                    .pointer(pointer)
                    .ok_or_else(|| format!("{at}: dangling $ref {pointer}"))?;
                check(doc, target, value, at)?;
            }
            "type" => {
                let types: Vec<&str> = match rule {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                    _ => return Err(format!("{at}: bad type keyword")),
                };
                if !types.iter().any(|t| is_type(value, t)) {
                    return Err(format!("{at}: {value} is not of type {types:?}"));
                }
            }
            "const" if value != rule => return Err(format!("{at}: {value} is not {rule}")),
            "enum" => {
                let options = rule.as_array().ok_or("bad enum")?;
                if !options.contains(value) {
                    return Err(format!("{at}: {value} is not one of {rule}"));
                }
            }
            "properties" => {
                if let Some(object) = value.as_object() {
                    for (name, sub) in rule.as_object().ok_or("bad properties")? {
                        if let Some(member) = object.get(name) {
                            check(doc, sub, member, &format!("{at}.{name}"))?;
                        }
                    }
                }
            }
            "required" => {
                if let Some(object) = value.as_object() {
                    for name in rule.as_array().ok_or("bad required")? {
                        let name = name.as_str().ok_or("bad required")?;
                        if !object.contains_key(name) {
                            return Err(format!("{at}: {name} is required"));
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(object) = value.as_object() {
                    let known = schema.get("properties").and_then(Value::as_object);
                    for (name, member) in object {
                        if known.is_some_and(|k| k.contains_key(name)) {
                            continue;
                        }
                        match rule {
                            Value::Bool(false) => {
                                return Err(format!("{at}: unexpected member {name}"))
                            }
                            Value::Bool(true) => {}
                            sub => check(doc, sub, member, &format!("{at}.{name}"))?,
                        }
                    }
                }
            }
            "minProperties" | "maxProperties" => {
                if let Some(object) = value.as_object() {
                    let bound = rule.as_u64().ok_or("bad bound")? as usize;
                    let ok = if keyword == "minProperties" {
                        object.len() >= bound
                    } else {
                        object.len() <= bound
                    };
                    if !ok {
                        return Err(format!("{at}: {keyword} {bound} broken"));
                    }
                }
            }
            "items" => {
                if let Some(items) = value.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        check(doc, rule, item, &format!("{at}[{i}]"))?;
                    }
                }
            }
            "minItems" | "maxItems" => {
                if let Some(items) = value.as_array() {
                    let bound = rule.as_u64().ok_or("bad bound")? as usize;
                    let ok = if keyword == "minItems" {
                        items.len() >= bound
                    } else {
                        items.len() <= bound
                    };
                    if !ok {
                        return Err(format!("{at}: {keyword} {bound} broken"));
                    }
                }
            }
            "minLength" | "maxLength" => {
                if let Some(s) = value.as_str() {
                    let bound = rule.as_u64().ok_or("bad bound")? as usize;
                    let length = s.chars().count();
                    let ok = if keyword == "minLength" {
                        length >= bound
                    } else {
                        length <= bound
                    };
                    if !ok {
                        return Err(format!("{at}: {keyword} {bound} broken"));
                    }
                }
            }
            "pattern" => {
                if let Some(s) = value.as_str() {
                    if rule.as_str() != Some(TIMESTAMP_PATTERN) {
                        return Err(format!("{at}: unsupported pattern {rule}"));
                    }
                    if !is_timestamp(s) {
                        return Err(format!("{at}: {s:?} is not a normalized timestamp"));
                    }
                }
            }
            "minimum" | "maximum" => {
                if let Some(n) = value.as_f64() {
                    let bound = rule.as_f64().ok_or("bad bound")?;
                    let ok = if keyword == "minimum" {
                        n >= bound
                    } else {
                        n <= bound
                    };
                    if !ok {
                        return Err(format!("{at}: {keyword} {bound} broken by {n}"));
                    }
                }
            }
            "anyOf" => {
                let options = rule.as_array().ok_or("bad anyOf")?;
                if !options.iter().any(|o| check(doc, o, value, at).is_ok()) {
                    return Err(format!("{at}: {value} matches no anyOf option"));
                }
            }
            "description" | "default" | "deprecated" | "const" => {}
            other => return Err(format!("{at}: unsupported keyword {other}")),
        }
    }
    Ok(())
}

const TIMESTAMP_PATTERN: &str =
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$";

/// `YYYY-MM-DDTHH:MM:SS.sssZ`, which is what the pattern says.
fn is_timestamp(s: &str) -> bool {
    let shape = b"0000-00-00T00:00:00.000Z";
    s.len() == shape.len()
        && s.bytes().zip(shape.iter()).all(|(b, &want)| match want {
            b'0' => b.is_ascii_digit(),
            other => b == other,
        })
}

fn is_type(value: &Value, t: &str) -> bool {
    match t {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        _ => false,
    }
}
