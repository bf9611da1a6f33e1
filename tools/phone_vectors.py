#!/usr/bin/env python3
"""Writes tests/vectors/phone_differential.tsv: libphonenumber's verdict on E.164 digit
strings, for tests/phone_differential.rs.

The reference is Python `phonenumbers==9.0.33` (a port of libphonenumber 9.0.33, the
metadata of the pinned Rust `phonenumber = "=0.3.10"`). Only this generator needs
Python; the committed output is what CI reads.

    pip install phonenumbers==9.0.33
    python3 tools/phone_vectors.py > tests/vectors/phone_differential.tsv

Each number is built as libphonenumber's `PhoneNumber` directly from its digits (the
calling code is the first 1-3 digits that form an assigned code; the rest is the
national significant number, leading zeros kept as `parse` keeps them). Going through
`parse("+" + digits)` instead would strip a national prefix (`+44 07400 …` becomes
`+44 7400 …`), a rewrite that the library deliberately does not do (SPEC §3 step 5).

Lines: examples of every type of every territory, then 50,000 random numbers across
all calling codes (some with unassigned codes), then 50,000 random `+1` numbers, all
from a fixed seed.
"""

import random
import sys

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber, PhoneNumberType, ValidationResult
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

assert phonenumbers.__version__ == "9.0.33", phonenumbers.__version__

SEED = 20261125

TYPE_WORDS = {
    PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium_rate",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal_number",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
}

REASON_WORDS = {
    ValidationResult.IS_POSSIBLE: "is_possible",
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "is_possible_local_only",
    ValidationResult.INVALID_COUNTRY_CODE: "invalid_country_code",
    ValidationResult.TOO_SHORT: "too_short",
    ValidationResult.INVALID_LENGTH: "invalid_length",
    ValidationResult.TOO_LONG: "too_long",
}

DESC_NAMES = [
    "fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number",
    "voip", "pager", "uan", "voicemail",
]

CODES = sorted(COUNTRY_CODE_TO_REGION_CODE)


def territories(code):
    """The metadata of every territory of a calling code."""
    found = []
    for region in COUNTRY_CODE_TO_REGION_CODE[code]:
        if region == "001":
            meta = PhoneMetadata.metadata_for_nongeo_region(code)
        else:
            meta = PhoneMetadata.metadata_for_region(region)
        if meta is not None:
            found.append(meta)
    return found


def descs(meta):
    for name in DESC_NAMES:
        desc = getattr(meta, name, None)
        if desc is not None and desc.national_number_pattern is not None:
            yield name, desc


def split(digits):
    for length in (1, 2, 3):
        head = digits[:length]
        if len(head) == length and head[0] != "0" and int(head) in COUNTRY_CODE_TO_REGION_CODE:
            return int(head), digits[length:]
    return None, None


def build(code, nsn):
    """A PhoneNumber for a calling code and NSN, leading zeros kept as parse keeps them."""
    number = PhoneNumber(country_code=code, national_number=int(nsn))
    if len(nsn) > 1 and nsn[0] == "0":
        number.italian_leading_zero = True
        zeros = 1
        while zeros < len(nsn) - 1 and nsn[zeros] == "0":
            zeros += 1
        if zeros != 1:
            number.number_of_leading_zeros = zeros
    assert phonenumbers.national_significant_number(number) == nsn, (code, nsn)
    return number


def verdict(digits):
    """(type or "invalid", region if valid else possible-number reason)."""
    code, nsn = split(digits)
    if code is None:
        return "invalid", "invalid_country_code"
    number = build(code, nsn)
    if phonenumbers.is_valid_number(number):
        kind = TYPE_WORDS[phonenumbers.number_type(number)]
        return kind, phonenumbers.region_code_for_number(number)
    reason = phonenumbers.is_possible_number_with_reason(number)
    return "invalid", REASON_WORDS[reason]


def random_digits(rng, count):
    return "".join(rng.choice("0123456789") for _ in range(count))


def examples():
    seen = []
    for code in CODES:
        for meta in territories(code):
            for _, desc in descs(meta):
                if desc.example_number:
                    seen.append(f"{code}{desc.example_number}")
    return seen


def random_any(rng):
    roll = rng.random()
    if roll < 0.05:
        # Unassigned or assigned calling codes alike.
        return random_digits(rng, rng.randint(1, 3)).lstrip("0") + random_digits(rng, rng.randint(1, 12))
    code = rng.choice(CODES)
    if roll < 0.45:
        return f"{code}" + random_digits(rng, rng.randint(1, 17 - len(str(code))))
    # Near a real number: an example's prefix, filled to a possible length (or one off).
    meta = rng.choice(territories(code))
    options = [desc for _, desc in descs(meta) if desc.example_number]
    if not options:
        return f"{code}" + random_digits(rng, rng.randint(1, 12))
    desc = rng.choice(options)
    example = desc.example_number
    lengths = [l for l in (desc.possible_length or meta.general_desc.possible_length) if l > 0]
    length = rng.choice(lengths) if lengths else len(example)
    if rng.random() < 0.1:
        length += rng.choice((-1, 1))
    length = max(1, length)
    keep = rng.randint(0, min(len(example), length))
    return f"{code}{example[:keep]}{random_digits(rng, length - keep)}"


def random_nanp(rng):
    roll = rng.random()
    if roll < 0.08:
        return "1" + random_digits(rng, rng.choice((7, 8, 9, 11, 12)))
    if roll < 0.4:
        return "1" + random_digits(rng, 10)
    # A plausible area code and exchange, so most land in assigned ranges.
    npa = rng.choice("23456789") + random_digits(rng, 2)
    nxx = rng.choice("23456789") + random_digits(rng, 2)
    return "1" + npa + nxx + random_digits(rng, 4)


def main():
    rng = random.Random(SEED)
    out = sys.stdout
    out.write(
        "# libphonenumber's verdict on E.164 digit strings (no '+'), written by\n"
        "# tools/phone_vectors.py with Python phonenumbers==9.0.33 (libphonenumber 9.0.33).\n"
        "# Columns: digits, type (or 'invalid'), region of a valid number (or\n"
        "# isPossibleNumberWithReason of an invalid one, lowercased).\n"
        "# Examples of every type of every territory, then 50000 random numbers across all\n"
        "# calling codes, then 50000 random +1 numbers (seed %d).\n" % SEED
    )
    lines = examples()
    for make in (random_any, random_nanp):
        made = 0
        while made < 50000:
            digits = make(rng)
            # A calling code alone has no national number to judge.
            if split(digits)[1] == "":
                continue
            lines.append(digits)
            made += 1
    for digits in lines:
        assert digits.isdigit() and digits.isascii(), digits
        kind, where = verdict(digits)
        out.write(f"{digits}\t{kind}\t{where}\n")


if __name__ == "__main__":
    main()
