"""Every row of the library's vector files gives the answer the Rust tests
expect, through the Python functions (each reader mirrors its Rust test)."""

import json

import pytest

import vivamo_validate as vv
from vectors import (
    decode_text,
    lines,
    opt,
    ordered,
    record_cases,
    text_rows,
    unescape_address,
    unescape_email,
    unescape_phone,
)


def error_of(result):
    assert result["valid"] is False, result
    return result["error"]


def test_email_vectors():
    rows = [(n, l) for n, l in lines("email.tsv") if not l.startswith("#")]
    assert rows[0][1] == "input\tcode\tdetail\tmessage_or_normalized\tascii\tsmtputf8"
    checked = 0
    for n, line in rows[1:]:
        f = line.split("\t")
        assert len(f) == 6, f"line {n}"
        value, code, detail = unescape_email(f[0]), f[1], opt(f[2])
        text, ascii_form, smtputf8 = unescape_email(f[3]), unescape_email(f[4]), f[5]
        got = vv.validate_email(value)
        if code == "ok":
            assert got["valid"], f"line {n}: {got}"
            assert (got["value"], got["ascii"], str(got["needsSmtputf8"]).lower()) == (text, ascii_form, smtputf8), n
            # The normalized form is itself valid and unchanged.
            assert vv.validate_email(got["value"])["value"] == got["value"], n
        else:
            err = error_of(got)
            assert (err["code"], err.get("detail"), err["message"]) == (code, detail, text), f"line {n}"
        checked += 1
    assert checked >= 100


def test_phone_vectors():
    checked = 0
    for n, line in lines("phone.tsv"):
        if line.startswith("#") or line == "":
            continue
        f = line.split("\t")
        value = unescape_phone(f[0])
        strict = {"default": False, "strict": True}[f[1]]
        got = vv.validate_phone(value, reject_fixed_line_or_mobile=strict)
        if f[2] == "ok":
            e164, line_type, region, added = f[3:]
            assert got["valid"], f"row {n}: {got}"
            assert (got["value"], got["e164"], got["lineType"], got["region"], str(got["usPrefixAdded"]).lower()) == (
                e164, e164, line_type, region, added), f"row {n}"
        else:
            code, detail, message, suggestion = f[2:]
            err = error_of(got)
            assert (err["code"], err.get("detail", "-"), err["message"], err.get("suggestion", "-")) == (
                code, detail, message, suggestion), f"row {n}: {value!r}"
            # Every phone error carries the API's sentence.
            assert err["apiMessage"].startswith("Sorry, this phone number cannot be used"), n
        checked += 1
    assert checked >= 120


def check_address(n, got, expected):
    """tests/support/address_vectors.rs `check`: `status, value, detail, suggestion, message`."""
    status, value, detail, suggestion, message = expected
    if status == "ok":
        assert got["valid"] and got["value"] == value, f"line {n}: {got}"
    else:
        err = error_of(got)
        assert (err["code"], err.get("detail"), err.get("suggestion"), err["message"]) == (
            value, opt(detail), opt(suggestion), message), f"line {n}"


def address_rows(name, header_prefix):
    for n, line in lines(name):
        if line.startswith("#") or line.startswith(header_prefix) or line == "":
            continue
        yield n, line.split("\t")


def test_country_vectors():
    rows = list(address_rows("country.tsv", "input\t"))
    for n, cols in rows:
        check_address(n, vv.validate_country(unescape_address(cols[0])), cols[1:])
    assert len(rows) >= 40


def test_state_vectors():
    rows = list(address_rows("state.tsv", "set\t"))
    for n, cols in rows:
        # US rules: no country.
        check_address(n, vv.validate_state(unescape_address(cols[1]), None, states=cols[0]), cols[2:])
    assert {cols[0] for _, cols in rows} == {"states", "states_and_dc", "states_dc_and_territories", "all"}
    assert len(rows) >= 40


def test_zip_vectors():
    rows = list(address_rows("zip.tsv", "rules\t"))
    for n, cols in rows:
        # `intl` rules: any country that is not the US selects them.
        country = {"us": None, "intl": "GB"}[cols[0]]
        check_address(n, vv.validate_zip(unescape_address(cols[1]), country), cols[2:])
    assert len(rows) >= 40


# tests/text.rs `parse`: the file's field names, as the record's members.
TEXT_FIELDS = {"first_name": "firstName", "last_name": "lastName", "street": "street",
               "street2": "street2", "city": "city", "state": "state"}


def outcome(result):
    """tests/support/text_vectors.rs `outcome`: `code, detail, message`."""
    if result["valid"]:
        return ("ok", "-", "-")
    err = result["error"]
    return (err["code"], err.get("detail", "-"), err["message"])


def test_text_vectors():
    rows = text_rows("text.tsv")
    assert any(r["field"] == "text" for r in rows)
    for row in rows:
        at = f"text.tsv:{row['_line']} ({row['note']})"
        # `text` rows test the general rules, `field="text"` in Python.
        field = "text" if row["field"] == "text" else TEXT_FIELDS[row["field"]]
        got = vv.validate_text(decode_text(row["input"]), field)
        assert outcome(got) == (row["code"], row["detail"], row["message"]), at
        if got["valid"]:
            assert got["value"] == decode_text(row["normalized"]), at
            assert vv.validate_text(got["value"], field)["value"] == got["value"], at
    assert len(rows) >= 40


def test_external_id_vectors():
    rows = text_rows("external_id.tsv")
    for row in rows:
        at = f"external_id.tsv:{row['_line']} ({row['note']})"
        value = decode_text(row["input"])
        got = vv.validate_external_customer_id(value)
        assert outcome(got) == (row["code"], row["detail"], row["message"]), at
        if got["valid"]:
            assert (got["value"], got["apiPath"]) == (value, row["api_path"]), at
    assert len(rows) >= 20


def test_timestamp_vectors():
    rows = text_rows("timestamp.tsv")
    for row in rows:
        at = f"timestamp.tsv:{row['_line']} ({row['note']})"
        got = vv.validate_timestamp(decode_text(row["input"]))
        assert outcome(got) == (row["code"], row["detail"], row["message"]), at
        if got["valid"]:
            assert got["value"] == row["normalized"], at
            assert vv.validate_timestamp(got["value"])["value"] == got["value"], at
    assert len(rows) >= 40


def summary(result):
    """tests/record.rs `summary`: `valid` or `path=code`…, then `warn:path=code`…."""
    if result["valid"]:
        words = ["valid"]
    else:
        words = [f"{i['path']}={i['code']}" for i in result["errors"]]
    words += [f"warn:{w['path']}={w['code']}" for w in result.get("warnings", [])]
    return " ".join(words)


@pytest.mark.parametrize(
    "cases, outputs, minimum",
    [("records/cases.tsv", "records/outputs.jsonl", 80),
     ("records/api_behaviour.tsv", "records/api_behaviour_outputs.jsonl", 30)],
)
def test_record_vectors(cases, outputs, minimum):
    cases = record_cases(cases)
    assert len(cases) >= minimum
    blessed = [json.loads(l) for _, l in lines(outputs)]
    assert len(blessed) == len(cases)
    for case, whole in zip(cases, blessed):
        got = vv.validate_record(case["input"], **case["options"])
        assert summary(got) == case["expected"], case["name"]
        # Bytes and text give the same answer.
        assert ordered(vv.validate_record(case["input"].encode(), **case["options"])) == ordered(got)
        assert whole.pop("name") == case["name"]
        assert ordered(got) == ordered(whole), case["name"]
