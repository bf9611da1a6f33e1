"""Nothing raises on any input but a documented TypeError for an argument of
the wrong type (and ValueError for an option value the library does not know)."""

import json

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vivamo_validate as vv
from conftest import FLAT

FIELD_FUNCTIONS = [vv.validate_email, vv.validate_phone, vv.validate_country, vv.validate_state,
                   vv.validate_zip, vv.validate_text, vv.validate_external_customer_id, vv.validate_timestamp]

# Any code point, surrogates included (a Python str can hold them; UTF-8 cannot).
any_text = st.text(st.characters(codec=None, categories=None), max_size=300)


@settings(max_examples=300, deadline=None)
@given(value=any_text)
def test_fields_answer_any_string(value):
    for function in FIELD_FUNCTIONS:
        result = function(value)
        assert isinstance(result["valid"], bool)
        assert result["valid"] == ("value" in result) != ("error" in result)
    for country in (None, "US", "GB", value):
        assert isinstance(vv.validate_state(value, country)["valid"], bool)
        assert isinstance(vv.validate_zip(value, country)["valid"], bool)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FLAT + ["data", "kycVerifications", "x"]), inner, max_size=6),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=json_values, raw=any_text, environment=st.sampled_from(["production", "sandbox"]))
def test_records_answer_any_json(value, raw, environment):
    for text in (json.dumps(value), raw, raw.encode("utf-8", "surrogatepass")):
        result = vv.validate_record(text, environment=environment, report_unknown_fields=True)
        assert result["valid"] == ("customer" in result) != ("errors" in result)


def test_huge_inputs():
    huge = "a" * 10_000_000
    assert not vv.validate_email(huge)["valid"]
    assert not vv.validate_text(huge)["valid"]
    assert not vv.validate_record(huge)["valid"]
    result = vv.validate_table(pa.table({"email": [huge + "@example.com"], "firstName": [huge]}))
    assert result.column("valid").to_pylist() == [False]


arrow_types = st.sampled_from([pa.string(), pa.large_string(), pa.string_view(), pa.null(), pa.int64(),
                               pa.float64(), pa.bool_(), pa.binary(), pa.timestamp("ms"),
                               pa.list_(pa.string()), pa.dictionary(pa.int32(), pa.string())])


def column(draw, data_type, rows):
    if data_type in (pa.string(), pa.large_string(), pa.string_view()) or pa.types.is_dictionary(data_type):
        values = draw(st.lists(st.none() | st.text(max_size=40), min_size=rows, max_size=rows))
        array = pa.array(values, pa.string())
        return array.dictionary_encode() if pa.types.is_dictionary(data_type) else array.cast(data_type)
    return pa.nulls(rows, data_type)


@st.composite
def tables(draw):
    rows = draw(st.integers(0, 30))
    names = draw(st.lists(st.sampled_from(FLAT + ["segment", "", "data", "ünknown"]), max_size=8, unique=True))
    return pa.table({name: column(draw, draw(arrow_types), rows) for name in names}) if names else \
        pa.table({"x": pa.nulls(rows)}).drop(["x"])


def is_string_like(data_type):
    return (data_type in (pa.string(), pa.large_string(), pa.string_view(), pa.null())
            or pa.types.is_dictionary(data_type))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables(), unknown=st.booleans(), duplicates=st.booleans())
def test_tables_answer_or_raise_type_error(table, unknown, duplicates):
    odd = [f.name for f in table.schema if f.name in FLAT and not is_string_like(f.type)]
    if odd:
        with pytest.raises(TypeError, match=odd[0] if len(odd) == 1 else "column"):
            vv.validate_table(table, report_unknown_fields=unknown, check_duplicates=duplicates)
        return
    result = vv.validate_table(table, report_unknown_fields=unknown, check_duplicates=duplicates)
    assert result.num_rows == table.num_rows
    assert result.column_names == ["valid", "errors", "warnings"] + FLAT
    for row in result.to_pylist():
        assert (row["errors"] is None) == row["valid"]


def test_empty_tables():
    for table in (pa.table({}), pa.table({"email": pa.array([], pa.string())})):
        result = vv.validate_table(table)
        assert result.num_rows == 0 and result.column_names[:3] == ["valid", "errors", "warnings"]
    # Rows without columns are rows without fields.
    result = vv.validate_table(pa.table({"x": [1, 2]}).drop(["x"]))
    assert result.column("valid").to_pylist() == [False, False]
    assert [json.loads(e)[1]["code"] for e in result.column("errors").to_pylist()] == ["required", "required"]


@pytest.mark.parametrize("call", [
    lambda: vv.validate_record(12),
    lambda: vv.validate_record(None),
    lambda: vv.validate_email(b"a@example.com"),
    lambda: vv.validate_phone(None),
    lambda: vv.validate_state("NY", 1),
    lambda: vv.validate_table({"email": ["a@example.com"]}),
    lambda: vv.validate_table(pa.array(["a"])),
    lambda: vv.validate_table(pa.table({"phone": [12125550123]})),
    lambda: vv.validate_record("{}", environment=1),
    lambda: vv.validate_record("{}", blocked_domains="x.com"),
    lambda: vv.validate_record("{}", reject_fixed_line_or_mobile="yes"),
    lambda: vv.validate_record("{}", unknown_option=True),
])
def test_wrong_argument_types_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


@pytest.mark.parametrize("call", [
    lambda: vv.validate_record("{}", environment="prod"),
    lambda: vv.validate_record("{}", states="some"),
    lambda: vv.validate_record("{}", blocked_domains=["not a domain"]),
    lambda: vv.validate_text("x", "email"),
    lambda: vv.validate_table(pa.table({"email": ["a"]}), threads=0),
    lambda: vv.validate_table(pa.table([pa.array(["a"]), pa.array(["b"])], names=["email", "email"])),
])
def test_unknown_option_values_raise_value_error(call):
    with pytest.raises(ValueError):
        call()
