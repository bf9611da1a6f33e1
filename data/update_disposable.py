#!/usr/bin/env python3
"""Regenerate data/disposable_domains.txt from the pinned PyPI packages, or check it.

Run from anywhere:  python3 data/update_disposable.py           # rewrite the file
                    python3 data/update_disposable.py --check   # exit 1 if it differs

What it does, so that the output is reproducible byte for byte:
  0. Reads the pinned disposable-email-domains wheel's entry in PyPI's simple index
     (PEP 691 JSON, the page pip reads) for its upload time, the release date the
     header names, and its sha256, which must equal the pin.
  1. `pip download --no-deps` the two pinned wheels into a temporary folder and
     checks their sha256 against the pins below (a changed upload fails loudly).
     Nothing is installed: the wheels are read as zip files, so the caller's Python
     environment is neither used nor changed beyond running pip.
  2. Reads the `blocklist` set literal from disposable_email_domains/__init__.py
     with `ast.literal_eval` (the package is never imported or executed).
  3. Canonicalizes every entry: stripped, lowercase, ASCII LDH labels, `xn--`
     labels must decode as Punycode, at least two labels, at most 253 bytes.
     An entry that cannot be canonicalized stops the script (no silent loss).
  4. Drops entries that are public suffixes (ICANN and private sections of the
     Public Suffix List shipped in the pinned `publicsuffixlist` wheel) and the
     mainstream providers named in SPEC section 2, and records how many.
  5. Writes the sorted (byte order), unique list after a `#` header.

Also checks that data/disposable_allowlist.txt is canonical. With --check nothing is
written: the script exits 1 when data/disposable_domains.txt differs from what the
pins produce (scripts/check_bundled_data.sh runs this in CI; the offline invariants
are tests/email_data.rs).

To move to a newer release: `python3 -m pip index versions disposable-email-domains`
(and publicsuffixlist), set the *_VERSION, *_WHEEL and *_WHEEL_SHA256 pins below (the
sha256 is on the release's PyPI page, or run once and read the error), run the script,
then update DISPOSABLE_LIST_VERSION in src/email/mod.rs and review the diff as the
README's "Data and updates" section describes.
"""

import argparse
import ast
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
import zipfile

DED_NAME = "disposable-email-domains"
DED_VERSION = "0.0.293"
DED_WHEEL = "disposable_email_domains-0.0.293-py3-none-any.whl"
DED_WHEEL_SHA256 = "b03e29f3a810a012c200b944ce9ef52ce975da2ea63bcf50d08767bf9e225f8e"
DED_SOURCE = "disposable_email_domains/__init__.py"

PSL_NAME = "publicsuffixlist"
PSL_VERSION = "1.1.2.20261023"
PSL_WHEEL = "publicsuffixlist-1.1.2.20261023-py3-none-any.whl"
PSL_WHEEL_SHA256 = "c792aa3fd37076c15f1c9d9897e59e9d58e8bacdf4315eb9cc10141a26d8995c"
PSL_SOURCE = "publicsuffixlist/public_suffix_list.dat"

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "disposable_domains.txt")
ALLOWLIST = os.path.join(HERE, "disposable_allowlist.txt")
# SPEC section 2's mainstream providers, shared with the tests: never listed.
MAINSTREAM_FILE = os.path.join(HERE, "..", "tests", "vectors", "email_mainstream.txt")

LDH_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def upload_date(name, wheel, expected):
    """The upload date (YYYY-MM-DD) of a pinned wheel, from PyPI's simple index."""
    url = f"https://pypi.org/simple/{name}/"
    request = urllib.request.Request(url, headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        index = json.load(response)
    for entry in index.get("files", []):
        if entry.get("filename") == wheel:
            if entry.get("hashes", {}).get("sha256") != expected:
                sys.exit(f"{url}: {wheel} has another sha256 than the pin")
            uploaded = entry.get("upload-time")
            if not uploaded:
                sys.exit(f"{url}: no upload-time for {wheel}")
            return uploaded[:10]
    sys.exit(f"{url}: no file {wheel}")


def fetch(tmp, name, version, wheel, expected):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         "--only-binary", ":all:", "--dest", tmp, f"{name}=={version}"],
        check=True,
    )
    path = os.path.join(tmp, wheel)
    with open(path, "rb") as f:
        got = sha256(f.read())
    if got != expected:
        sys.exit(f"{wheel}: sha256 {got}, expected {expected}")
    return zipfile.ZipFile(path)


def canonical(domain):
    """The canonical form of one entry, or an exception saying why not."""
    d = domain.strip().lower()
    if not d.isascii():
        raise ValueError("not ASCII (convert with UTS 46 before bundling)")
    labels = d.split(".")
    if len(labels) < 2:
        raise ValueError("fewer than two labels")
    if len(d) > 253:
        raise ValueError("longer than 253 bytes")
    for label in labels:
        if not LDH_LABEL.match(label):
            raise ValueError(f"label {label!r} is not a valid LDH label")
        if label[2:4] == "--":
            if not label.startswith("xn--"):
                raise ValueError(f"label {label!r} has -- in positions 3-4")
            try:
                decoded = label[4:].encode("ascii").decode("punycode")
            except UnicodeError as err:
                raise ValueError(f"label {label!r} is not Punycode: {err}")
            if decoded.isascii():
                raise ValueError(f"label {label!r} decodes to ASCII")
    return d


def public_suffixes(text):
    """Exact rules and wildcard bases (ASCII rules only; IDN rules are skipped
    because every bundled entry is ASCII and would need them in A-label form)."""
    exact, wild, exceptions = set(), set(), set()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        rule = line.split()[0]
        if not rule.isascii():
            rule = ".".join(
                "xn--" + label.encode("punycode").decode("ascii")
                if not label.isascii() else label
                for label in rule.lower().split(".")
            )
        if rule.startswith("!"):
            exceptions.add(rule[1:])
        elif rule.startswith("*."):
            wild.add(rule[2:])
        else:
            exact.add(rule)
    return exact, wild, exceptions


def is_public_suffix(domain, exact, wild, exceptions):
    if domain in exact:
        return True
    parent = domain.split(".", 1)[1] if "." in domain else ""
    return parent in wild and domain not in exceptions


def check_allowlist():
    with open(ALLOWLIST, encoding="utf-8") as f:
        lines = [l for l in f.read().splitlines() if l and not l.startswith("#")]
    for l in lines:
        if canonical(l) != l:
            sys.exit(f"allowlist entry {l!r} is not canonical")
    if lines != sorted(set(lines)):
        sys.exit("allowlist is not sorted and unique")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed file instead of writing it")
    args = parser.parse_args()
    released = upload_date(DED_NAME, DED_WHEEL, DED_WHEEL_SHA256)
    with tempfile.TemporaryDirectory() as tmp:
        ded = fetch(tmp, DED_NAME, DED_VERSION, DED_WHEEL, DED_WHEEL_SHA256)
        psl = fetch(tmp, PSL_NAME, PSL_VERSION, PSL_WHEEL, PSL_WHEEL_SHA256)
        source = ded.read(DED_SOURCE)
        psl_data = psl.read(PSL_SOURCE)

    tree = ast.parse(source.decode("utf-8"))
    blocklist = None
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == "blocklist"):
            blocklist = ast.literal_eval(node.value)
            break
    if not isinstance(blocklist, set):
        sys.exit(f"{DED_SOURCE}: no `blocklist = {{...}}` set literal")

    domains = set()
    for entry in blocklist:
        try:
            domains.add(canonical(entry))
        except ValueError as err:
            sys.exit(f"entry {entry!r}: {err}")

    exact, wild, exceptions = public_suffixes(psl_data.decode("utf-8"))
    suffixes = sorted(d for d in domains if is_public_suffix(d, exact, wild, exceptions))
    with open(MAINSTREAM_FILE, encoding="utf-8") as f:
        providers = {l for l in f.read().splitlines() if l and not l.startswith("#")}
    mainstream = sorted(d for d in domains if d in providers)
    kept = sorted(domains - set(suffixes) - set(mainstream))

    header = [
        "# Disposable (throw-away) email domains bundled with vivamo-validate.",
        f"# source: PyPI package {DED_NAME} {DED_VERSION}, the `blocklist` set in {DED_SOURCE}",
        f"# released: {released} (upload time of the wheel on PyPI)",
        f"# source sha256: {sha256(source)} ({DED_SOURCE})",
        f"# wheel sha256: {DED_WHEEL_SHA256} ({DED_WHEEL})",
        "# upstream: the disposable-email-domains/disposable-email-domains project on GitHub",
        "# licence: the domain list is CC0-1.0 (upstream project); the PyPI wrapper package is MIT, (c) 2016 Dustin Ingram",
        f"# entries in source: {len(blocklist)}; kept: {len(kept)}",
        f"# dropped as public suffixes: {len(suffixes)}"
        + (f" ({' '.join(suffixes)})" if suffixes else ""),
        f"#   (Public Suffix List, ICANN and private sections, from PyPI {PSL_NAME} {PSL_VERSION},",
        f"#   {PSL_SOURCE} sha256 {sha256(psl_data)}; the list is MPL-2.0)",
        f"# dropped as mainstream providers (SPEC section 2): {len(mainstream)}"
        + (f" ({' '.join(mainstream)})" if mainstream else ""),
        "# format: one lowercase A-label domain per line, at least two labels, sorted by bytes, unique",
        "# regenerate: python3 data/update_disposable.py",
    ]
    text = "\n".join(header + kept) + "\n"
    check_allowlist()
    name = os.path.relpath(OUT, os.path.join(HERE, ".."))
    if args.check:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                print(f"stale: {name} differs from what {DED_NAME} {DED_VERSION} produces; "
                      "run python3 data/update_disposable.py", file=sys.stderr)
                return 1
        print(f"ok: {name} matches {DED_NAME} {DED_VERSION} (released {released})")
        return 0
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {name}: {len(kept)} domains from {DED_NAME} {DED_VERSION} (released {released}), "
          f"sha256 {sha256(text.encode('utf-8'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
