#!/usr/bin/env python3
"""Regenerates the phone data from one pinned libphonenumber release, or checks it.

    python3 tools/update_phone_metadata.py           # rewrite both files below
    python3 tools/update_phone_metadata.py --check   # exit 1 if either file differs

The source is the PyPI package `phonenumbers` (David Drysdale's Python port of Google's
libphonenumber; the metadata are libphonenumber's, Apache-2.0), pinned below by version
and wheel sha256. Two files come from it:

  src/phone/metadata.rs                  the tables the library classifies numbers with
  tests/vectors/phone_differential.tsv   libphonenumber's own verdicts, for
                                         tests/phone_differential.rs (by tools/phone_vectors.py)

What a run does, so that the output is reproducible byte for byte:
  1. Reads the pinned wheel's entry in PyPI's simple index (PEP 691 JSON, the page pip
     itself reads) for its sha256 and its upload time, the release date named in the
     generated header. A pin whose sha256 differs from the index stops the run.
  2. Creates a throwaway venv in a temporary folder and installs exactly that wheel
     into it (`pip install --no-deps --require-hashes`), so nothing of the caller's
     Python environment is used or changed.
  3. Runs this script again inside the venv (`--emit-metadata`) to write the Rust
     tables from `phonenumbers`' metadata, and tools/phone_vectors.py for the vectors.
  4. Writes the two files (default) or compares them with the committed ones
     (`--check`: prints which differ and exits 1; nothing is written).

`--check` is what CI runs (scripts/check_bundled_data.sh): it proves that the committed
files are exactly what the pinned release produces. It needs Python 3.9+ with `venv` and
access to PyPI, so it is not part of `cargo test`; tests/phone_tables.rs is the offline
check of the committed table (its invariants, and that its header, the generated
constant and `PHONE_METADATA_VERSION` name the same release).

To move to a newer release: `python3 -m pip index versions phonenumbers`, set
PHONENUMBERS_VERSION and PHONENUMBERS_WHEEL_SHA256 below (the sha256 is on the release's
PyPI page, or run once with the old hash and read the error), run the command, then
review and commit as the README's "Data and updates" section describes.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.request

PHONENUMBERS_VERSION = "9.0.43"
PHONENUMBERS_WHEEL = f"phonenumbers-{PHONENUMBERS_VERSION}-py2.py3-none-any.whl"
PHONENUMBERS_WHEEL_SHA256 = "349bc799f15e010e35bd2c7d28149950ae74479cb1e11fb054ed9a95ecb4b437"
SIMPLE_INDEX = "https://pypi.org/simple/phonenumbers/"

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
METADATA_RS = os.path.join(ROOT, "src", "phone", "metadata.rs")
VECTORS_TSV = os.path.join(ROOT, "tests", "vectors", "phone_differential.tsv")
VECTORS_TOOL = os.path.join(ROOT, "tools", "phone_vectors.py")

# The types in the order libphonenumber's getNumberTypeHelper tests them, fixed line and
# mobile last: the order of `Territory::types` in src/phone/classify.rs. Each pair is the
# `phonenumbers` attribute and the `LineType` variant named in the generated comment.
TYPE_ORDER = [
    ("premium_rate", "PremiumRate"),
    ("toll_free", "TollFree"),
    ("shared_cost", "SharedCost"),
    ("voip", "Voip"),
    ("personal_number", "PersonalNumber"),
    ("pager", "Pager"),
    ("uan", "Uan"),
    ("voicemail", "Voicemail"),
    ("fixed_line", "FixedLine"),
    ("mobile", "Mobile"),
]


def release_info():
    """(sha256, upload date YYYY-MM-DD) of the pinned wheel, from PyPI's simple index."""
    request = urllib.request.Request(
        SIMPLE_INDEX, headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        index = json.load(response)
    for entry in index.get("files", []):
        if entry.get("filename") == PHONENUMBERS_WHEEL:
            sha = entry.get("hashes", {}).get("sha256")
            uploaded = entry.get("upload-time")
            if not sha or not uploaded:
                sys.exit(f"{SIMPLE_INDEX}: no sha256 or upload-time for {PHONENUMBERS_WHEEL}")
            return sha, uploaded[:10]
    sys.exit(f"{SIMPLE_INDEX}: no file {PHONENUMBERS_WHEEL}")


def make_venv(tmp):
    """A venv holding only the pinned wheel; returns its python."""
    venv = os.path.join(tmp, "venv")
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    python = os.path.join(venv, "bin", "python")
    requirements = os.path.join(tmp, "requirements.txt")
    with open(requirements, "w", encoding="utf-8") as f:
        f.write(f"phonenumbers=={PHONENUMBERS_VERSION} --hash=sha256:{PHONENUMBERS_WHEEL_SHA256}\n")
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "--only-binary", ":all:",
         "--require-hashes", "-r", requirements],
        check=True,
    )
    return python


def rust_lengths(values):
    return "&[" + ", ".join(str(v) for v in values) + "]"


def rust_pattern(pattern):
    """The pattern as a raw string literal; libphonenumber's build strips whitespace."""
    compact = "".join(pattern.split())
    assert '"' not in compact and "#" not in compact, compact
    return f'r"{compact}"'


def emit_metadata(release_date):
    """The text of src/phone/metadata.rs; runs inside the venv."""
    import phonenumbers
    from phonenumbers import PhoneMetadata
    from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

    version = phonenumbers.__version__
    assert version == PHONENUMBERS_VERSION, version
    lines = [
        "// @generated by tools/update_phone_metadata.py from the metadata of libphonenumber",
        f"// {version} (Apache-2.0), as shipped in the PyPI package phonenumbers {version} (a Python",
        f"// port by David Drysdale; released {release_date}, wheel sha256",
        f"// {PHONENUMBERS_WHEEL_SHA256}).",
        "// Do not edit: regenerate with `python3 tools/update_phone_metadata.py`.",
        "//",
        "// Per calling code, its territories in libphonenumber's order (main country",
        "// first); per territory its leading digits, its national (trunk) prefix, its",
        "// general pattern and possible lengths (the union of its types' lengths, as",
        "// libphonenumber's build computes them; the local-only lengths likewise, minus the",
        "// national ones), and one (pattern, lengths) per type in `TYPE_ORDER`. Patterns",
        "// have their whitespace removed; empty lengths mean the general ones.",
        "",
        "use super::classify::{CallingCode, Desc, Territory};",
        "",
        "/// The version of libphonenumber whose metadata this is.",
        f'pub(super) const LIBPHONENUMBER_VERSION: &str = "{version}";',
        "",
    ]
    codes = sorted(COUNTRY_CODE_TO_REGION_CODE)
    lines += [
        "/// How many calling codes there are.",
        f"pub(super) const CALLING_CODE_COUNT: usize = {len(codes)};",
        "",
        "/// Every calling code, ascending.",
        "pub(super) static CALLING_CODES: &[CallingCode] = &[",
    ]
    for code in codes:
        lines += ["    CallingCode {", f"        code: {code},", "        territories: &["]
        for region in COUNTRY_CODE_TO_REGION_CODE[code]:
            if region == "001":
                meta = PhoneMetadata.metadata_for_nongeo_region(code)
            else:
                meta = PhoneMetadata.metadata_for_region(region)
            assert meta is not None, (code, region)
            lines += territory(meta)
        lines += ["        ],", "    },"]
    lines.append("];")
    return "\n".join(lines) + "\n"


def territory(meta):
    """The Rust lines of one territory."""
    types = []
    for attribute, _ in TYPE_ORDER:
        desc = getattr(meta, attribute, None)
        types.append(desc if desc is not None and desc.national_number_pattern else None)
    # libphonenumber's build: the general lengths are the union of every type's national
    # lengths (noInternationalDialling excluded), and a length some type dials
    # nationally is not local-only.
    union, local = set(), set()
    for desc in filter(None, types):
        union.update(desc.possible_length or ())
        local.update(desc.possible_length_local_only or ())
    local -= union
    general = meta.general_desc
    # The package ships the general lengths its build computed: they must agree.
    assert not general.possible_length or set(general.possible_length) == union, meta.id
    assert not general.possible_length_local_only or set(general.possible_length_local_only) == local, meta.id
    assert all(l > 0 for l in union | local), meta.id
    fixed, mobile = types[-2], types[-1]
    same = fixed is not None and mobile is not None and (
        "".join(fixed.national_number_pattern.split()) == "".join(mobile.national_number_pattern.split())
    )
    prefix = meta.national_prefix
    assert prefix is None or prefix.isdigit(), (meta.id, prefix)
    leading = meta.leading_digits
    out = [
        "            Territory {",
        f'                id: "{meta.id}",',
        "                leading_digits: "
        + (f'Some("{"".join(leading.split())}")' if leading else "None") + ",",
        "                national_prefix: " + (f'Some("{prefix}")' if prefix else "None") + ",",
        f"                same_mobile_and_fixed_line: {'true' if same else 'false'},",
        f"                general: Desc {{ pattern: {rust_pattern(general.national_number_pattern)}, "
        f"lengths: {rust_lengths(sorted(union))} }},",
        f"                local_lengths: {rust_lengths(sorted(local))},",
        "                types: [",
    ]
    for (_, name), desc in zip(TYPE_ORDER, types):
        if desc is None:
            out.append(f"                    None, // {name}")
        else:
            out.append(f"                    // {name}")
            out.append(
                f"                    Some(Desc {{ pattern: {rust_pattern(desc.national_number_pattern)}, "
                f"lengths: {rust_lengths(desc.possible_length or ())} }}),"
            )
    out += ["                ],", "            },"]
    return out


def generate(python, release_date):
    """{path: text} of both files, from the venv's `phonenumbers`."""
    def run(args):
        done = subprocess.run([python] + args, check=True, capture_output=True)
        return done.stdout.decode("utf-8")

    return {
        METADATA_RS: run([os.path.abspath(__file__), "--emit-metadata", release_date]),
        VECTORS_TSV: run([VECTORS_TOOL]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed files instead of writing them")
    parser.add_argument("--emit-metadata", metavar="RELEASE_DATE",
                        help=argparse.SUPPRESS)  # internal: runs inside the venv
    args = parser.parse_args()
    if args.emit_metadata:
        sys.stdout.write(emit_metadata(args.emit_metadata))
        return 0

    sha, release_date = release_info()
    if sha != PHONENUMBERS_WHEEL_SHA256:
        sys.exit(f"{PHONENUMBERS_WHEEL}: the index says sha256 {sha}, pinned {PHONENUMBERS_WHEEL_SHA256}")
    with tempfile.TemporaryDirectory() as tmp:
        python = make_venv(tmp)
        generated = generate(python, release_date)

    stale = []
    for path, text in generated.items():
        name = os.path.relpath(path, ROOT)
        if args.check:
            with open(path, encoding="utf-8") as f:
                if f.read() != text:
                    stale.append(name)
        else:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            print(f"wrote {name} (libphonenumber {PHONENUMBERS_VERSION}, released {release_date})")
    for name in stale:
        print(f"stale: {name} differs from what phonenumbers {PHONENUMBERS_VERSION} produces; "
              "run python3 tools/update_phone_metadata.py", file=sys.stderr)
    if stale:
        return 1
    if args.check:
        print(f"ok: the phone data match phonenumbers {PHONENUMBERS_VERSION} (released {release_date})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
