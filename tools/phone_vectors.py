#!/usr/bin/env python3
"""Writes tests/vectors/phone_differential.tsv: libphonenumber's verdict on E.164 digit
strings, and on numbers typed with a trunk prefix, for tests/phone_differential.rs.

The reference is Python `phonenumbers` (a port of libphonenumber) at the release pinned in
tools/update_phone_metadata.py, the same release src/phone/metadata.rs is generated from.
That script runs this one inside a throwaway venv holding exactly that release:

    python3 tools/update_phone_metadata.py           # rewrites the metadata and this file
    python3 tools/update_phone_metadata.py --check   # CI: both committed files are current

(By hand: `pip install phonenumbers==<pinned version>` and
`python3 tools/phone_vectors.py > tests/vectors/phone_differential.tsv`.) Only the
generator needs Python; the committed output is what `cargo test` reads.

Each number is built as libphonenumber's `PhoneNumber` directly from its digits (the
calling code is the first 1-3 digits that form an assigned code; the rest is the
national significant number, leading zeros kept as `parse` keeps them). Going through
`parse("+" + digits)` instead would strip a national prefix (`+44 07400 …` becomes
`+44 7400 …`), a rewrite that the library deliberately does not do (SPEC §3 step 5).

Lines: examples of every type of every territory, then 50,000 random numbers across
all calling codes (some with unassigned codes), then 50,000 random `+1` numbers, all
from a fixed seed; then typed inputs for SPEC §3 step 3's `(0)` rule and the trunk-prefix
suggestion (see `trunk_cases`).
"""

import random
import sys

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber, PhoneNumberType, ValidationResult
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

from update_phone_metadata import PHONENUMBERS_VERSION

assert phonenumbers.__version__ == PHONENUMBERS_VERSION, phonenumbers.__version__

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


def main_territory(code):
    """The metadata of a calling code's main territory."""
    return territories(code)[0]


def accepted_digits(digits):
    """Whether the library accepts E.164 digits as valid: libphonenumber's validity, and
    SPEC §3's E.164 limit of 15 digits."""
    return len(digits) <= 15 and verdict(digits)[0] != "invalid"


def suggestion(digits):
    """SPEC §3's suggestion for an invalid number typed with a trunk prefix after the
    calling code: the number without the main territory's national prefix, when that
    number is valid; else '-'."""
    if accepted_digits(digits):
        return "-"
    code, nsn = split(digits)
    if code is None:
        return "-"
    prefix = main_territory(code).national_prefix
    if not prefix or not nsn.startswith(prefix):
        return "-"
    stripped = f"{code}{nsn[len(prefix):]}"
    return f"+{stripped}" if accepted_digits(stripped) else "-"


def trunk_cases():
    """(typed input, E.164 digits it must be judged as) for SPEC §3 step 3, from every
    example number of every territory:
      `+CC (0)NSN`: the `(0)` is dropped when the calling code's main territory has the
                    national prefix 0, else the 0 stays a digit (`+39 (0)6 …`);
      `+CC PNSN`:   a national prefix P typed after the calling code stays in the number
                    (and the invalid number gets the suggestion without it)."""
    cases = []
    for code in CODES:
        prefix = main_territory(code).national_prefix
        for meta in territories(code):
            for _, desc in descs(meta):
                example = desc.example_number
                if not example:
                    continue
                zero = f"{code}{example}" if prefix == "0" else f"{code}0{example}"
                cases.append((f"+{code} (0){example}", zero))
                if prefix:
                    cases.append((f"+{code} {prefix}{example}", f"{code}{prefix}{example}"))
    return cases


def main():
    rng = random.Random(SEED)
    out = sys.stdout
    out.write(
        "# libphonenumber's verdict on E.164 digit strings (no '+'), written by\n"
        "# tools/phone_vectors.py with Python phonenumbers==%s (libphonenumber %s),\n"
        "# the release src/phone/metadata.rs is generated from. Do not edit: regenerate with\n"
        "# `python3 tools/update_phone_metadata.py`.\n"
        "# Columns: digits, type (or 'invalid'), region of a valid number (or\n"
        "# isPossibleNumberWithReason of an invalid one, lowercased).\n"
        "# Examples of every type of every territory, then 50000 random numbers across all\n"
        "# calling codes, then 50000 random +1 numbers (seed %d).\n"
        "# Then lines starting with '+': a number typed with '(0)' or a national (trunk)\n"
        "# prefix after the calling code (SPEC 3 step 3), for every example number. Columns:\n"
        "# typed input, the E.164 digits it must be judged as (the '(0)' dropped only where the\n"
        "# calling code's main territory has the national prefix 0; a typed trunk prefix kept),\n"
        "# their type and region or reason as above, and the suggestion an invalid one gets:\n"
        "# the number without the main territory's national prefix when that one is valid\n"
        "# (at most 15 digits), else '-'.\n" % (phonenumbers.__version__, phonenumbers.__version__, SEED)
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
    for typed, digits in trunk_cases():
        kind, where = verdict(digits)
        out.write(f"{typed}\t{digits}\t{kind}\t{where}\t{suggestion(digits)}\n")


if __name__ == "__main__":
    main()
