//! The `#[wasm_bindgen]` exports: each reads its `JsValue`s into [`Given`] and
//! returns [`crate::calls`]' JSON text as the plain object `JSON.parse` makes of it
//! (one parse of the CLI's own bytes: exact, and faster than building the object
//! member by member across the boundary). Every read that JavaScript could make throw (a getter, a proxy) goes
//! through a catching `Reflect` call, so no input makes a function throw.

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

use crate::calls;
use crate::given::Given;

/// The most items read from an array option (a `new Array(4e9)` is not read).
const MAX_ITEMS: u32 = 1 << 20;
/// The most members read from an options object.
const MAX_MEMBERS: usize = 64;

/// Reads `value`; objects and arrays only while `depth` is above zero.
fn read(value: &JsValue, depth: u8) -> Given {
    if value.is_undefined() {
        Given::Undefined
    } else if value.is_null() {
        Given::Null
    } else if let Some(b) = value.as_bool() {
        Given::Bool(b)
    } else if let Some(s) = value.as_string() {
        Given::Str(s)
    } else if value.as_f64().is_some() {
        Given::Other("a number")
    } else if value.is_bigint() {
        Given::Other("a bigint")
    } else if value.is_symbol() {
        Given::Other("a symbol")
    } else if value.is_function() {
        Given::Other("a function")
    } else if Array::is_array(value) {
        if depth == 0 {
            return Given::Other("an array");
        }
        read_array(value, depth - 1)
    } else if value.is_object() {
        if depth == 0 {
            return Given::Other("an object");
        }
        read_object(value, depth - 1)
    } else {
        Given::Other("a value of an unknown type")
    }
}

fn read_array(value: &JsValue, depth: u8) -> Given {
    let length = Reflect::get(value, &JsValue::from_str("length"))
        .ok()
        .and_then(|l| l.as_f64())
        .unwrap_or(0.0);
    if length > f64::from(MAX_ITEMS) {
        return Given::Other("an array of more than 1048576 items");
    }
    // `length` is a whole number of at most MAX_ITEMS here.
    let length = length as u32;
    let items = (0..length)
        .map(|i| match Reflect::get_u32(value, i) {
            Ok(item) => read(&item, depth),
            Err(_) => Given::Other("an unreadable value"),
        })
        .collect();
    Given::Array(items)
}

fn read_object(value: &JsValue, depth: u8) -> Given {
    let Ok(keys) = Reflect::own_keys(value) else {
        return Given::Other("an unreadable object");
    };
    if keys.length() as usize > MAX_MEMBERS {
        return Given::Other("an object with more than 64 members");
    }
    let members = keys
        .iter()
        .filter_map(|key| {
            // Symbol keys are never options.
            let name = key.as_string()?;
            let member = match Reflect::get(value, &key) {
                Ok(member) => read(&member, depth),
                Err(_) => Given::Other("an unreadable value"),
            };
            Some((name, member))
        })
        .collect();
    Given::Object(members)
}

/// The plain object of a result's JSON text.
fn object(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap_or(JsValue::NULL)
}

fn value(v: &JsValue) -> Given {
    read(v, 0)
}

fn options(v: &JsValue) -> Given {
    read(v, 2)
}

/// See [`calls::record`].
#[wasm_bindgen(js_name = validateRecord)]
pub fn validate_record(json: &JsValue, options_arg: &JsValue) -> JsValue {
    object(&calls::record(&value(json), &options(options_arg)))
}

/// See [`calls::email`].
#[wasm_bindgen(js_name = validateEmail)]
pub fn validate_email(v: &JsValue, options_arg: &JsValue) -> JsValue {
    object(&calls::email(&value(v), &options(options_arg)))
}

/// See [`calls::phone`].
#[wasm_bindgen(js_name = validatePhone)]
pub fn validate_phone(v: &JsValue, options_arg: &JsValue) -> JsValue {
    object(&calls::phone(&value(v), &options(options_arg)))
}

/// See [`calls::country`].
#[wasm_bindgen(js_name = validateCountry)]
pub fn validate_country(v: &JsValue) -> JsValue {
    object(&calls::country(&value(v)))
}

/// See [`calls::state`].
#[wasm_bindgen(js_name = validateState)]
pub fn validate_state(v: &JsValue, options_arg: &JsValue) -> JsValue {
    object(&calls::state(&value(v), &options(options_arg)))
}

/// See [`calls::zip`].
#[wasm_bindgen(js_name = validateZip)]
pub fn validate_zip(v: &JsValue, options_arg: &JsValue) -> JsValue {
    object(&calls::zip(&value(v), &options(options_arg)))
}

/// See [`calls::text`].
#[wasm_bindgen(js_name = validateText)]
pub fn validate_text(v: &JsValue, field: &JsValue) -> JsValue {
    object(&calls::text(&value(v), &value(field)))
}

/// See [`calls::external_customer_id`].
#[wasm_bindgen(js_name = validateExternalCustomerId)]
pub fn validate_external_customer_id(v: &JsValue) -> JsValue {
    object(&calls::external_customer_id(&value(v)))
}

/// See [`calls::timestamp`].
#[wasm_bindgen(js_name = validateTimestamp)]
pub fn validate_timestamp(v: &JsValue) -> JsValue {
    object(&calls::timestamp(&value(v)))
}

/// See [`calls::versions`].
#[wasm_bindgen]
pub fn versions() -> JsValue {
    object(&calls::versions())
}
