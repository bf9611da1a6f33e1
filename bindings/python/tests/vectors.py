"""Readers of the library's vector files (tests/vectors/), each mirroring the
Rust test that reads the same file, so a row means the same thing here."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
VECTORS = REPO / "tests" / "vectors"


def lines(name):
    """The file's lines as Rust's `str::lines` gives them, numbered from 1."""
    text = (VECTORS / name).read_text(encoding="utf-8")
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    return [(i + 1, p[:-1] if p.endswith("\r") else p) for i, p in enumerate(parts)]


def _braced(s, start):
    """The index of the `}` closing the brace group that starts at `start`."""
    depth = 0
    for j in range(start, len(s)):
        c = s[j]
        if c == "{":
            depth += 1
        elif c == "}" and depth == 0:
            return j
        elif c == "}":
            depth -= 1
    raise ValueError(f"unclosed brace in {s!r}")


def unescape_email(s):
    r"""tests/email.rs: `\u{HEX}`, `\rep{N:TEXT}`, `\\`, `\t`."""
    out, i = [], 0
    while True:
        j = s.find("\\", i)
        if j < 0:
            out.append(s[i:])
            return "".join(out)
        out.append(s[i:j])
        after = s[j + 1 :]
        if after.startswith("u{"):
            end = after.index("}")
            out.append(chr(int(after[2:end], 16)))
            i = j + 1 + end + 1
        elif after.startswith("rep{"):
            end = _braced(after, 4)
            n, text = after[4:end].split(":", 1)
            out.append(unescape_email(text) * int(n))
            i = j + 1 + end + 1
        elif after.startswith("\\"):
            out.append("\\")
            i = j + 2
        elif after.startswith("t"):
            out.append("\t")
            i = j + 2
        else:
            raise ValueError(f"unknown escape in {s!r}")


def unescape_phone(s):
    r"""tests/phone.rs: `\u{XXXX}` and `\\`."""
    out, i = [], 0
    while True:
        j = s.find("\\", i)
        if j < 0:
            out.append(s[i:])
            return "".join(out)
        out.append(s[i:j])
        rest = s[j + 1 :]
        if rest.startswith("\\"):
            out.append("\\")
            i = j + 2
        elif rest.startswith("u{"):
            end = rest.index("}")
            out.append(chr(int(rest[2:end], 16)))
            i = j + 1 + end + 1
        else:
            raise ValueError(f"bad escape in {s!r}")


def unescape_address(s):
    r"""tests/support/address_vectors.rs: `\u{XXXX}`, `\t`, `\n`, `\\`, `(empty)`."""
    if s == "(empty)":
        return ""
    out, i = [], 0
    while i < len(s):
        c = s[i]
        i += 1
        if c != "\\":
            out.append(c)
            continue
        e = s[i] if i < len(s) else None
        i += 1
        if e == "t":
            out.append("\t")
        elif e == "n":
            out.append("\n")
        elif e == "\\":
            out.append("\\")
        elif e == "u":
            i += 1  # the `{`
            end = s.index("}", i)
            out.append(chr(int(s[i:end], 16)))
            i = end + 1
        else:
            raise ValueError(f"bad escape {e!r} in {s!r}")
    return "".join(out)


def decode_text(s):
    r"""tests/support/text_vectors.rs: `\s`, `\t`, `\n`, `\r`, `\\`, `\u{HEX}`, `\R{N:text}`."""
    out, rest = [], s
    while True:
        i = rest.find("\\")
        if i < 0:
            out.append(rest)
            return "".join(out)
        out.append(rest[:i])
        esc = rest[i + 1 :]
        c = esc[:1]
        simple = {"s": " ", "t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
        if c in simple:
            out.append(simple[c])
            rest = esc[1:]
        elif c == "u":
            close = esc.index("}")
            out.append(chr(int(esc[2:close], 16)))
            rest = esc[close + 1 :]
        elif c == "R":
            body = esc[2:]
            colon = body.index(":")
            n = int(body[:colon])
            end = _braced(body, colon + 1)
            out.append(decode_text(body[colon + 1 : end]) * n)
            rest = body[end + 1 :]
        else:
            raise ValueError(f"unknown escape {c!r}")


def text_rows(name):
    """tests/support/text_vectors.rs `read`: comment and blank lines skipped, a
    header, then rows as dicts of raw cells (with `_line`)."""
    rows = [(n, l) for n, l in lines(name) if not l.startswith("#") and l.strip() != ""]
    header = rows[0][1].split("\t")
    out = []
    for n, l in rows[1:]:
        cells = l.split("\t")
        assert len(cells) == len(header), f"{name}:{n}: wrong number of cells"
        row = dict(zip(header, cells))
        row["_line"] = n
        out.append(row)
    assert out, f"{name}: no rows"
    return out


def opt(cell):
    """`-` is none."""
    return None if cell == "-" else cell


def record_cases(name):
    """tests/record.rs `cases_in`: `name, options, input, expected`."""
    rows = [l for _, l in lines(name) if not l.startswith("#")]
    assert rows[0] == "name\toptions\tinput\texpected", "header row"
    cases = []
    for line in rows[1:]:
        cols = line.split("\t")
        assert len(cols) == 4, f"four columns in {line!r}"
        cases.append({"name": cols[0], "options": record_options(cols[1]), "input": cols[2], "expected": cols[3]})
    return cases


# tests/record.rs `options_from`: the vector files' state-set names.
STATE_SETS = {"states": "states", "states-dc": "states_and_dc", "states-dc-territories": "states_dc_and_territories", "all": "all"}


def record_options(spec):
    """tests/record.rs `options_from`, as keyword arguments."""
    options = {}
    if spec == "-":
        return options
    for part in spec.split(","):
        key, _, value = part.partition("=")
        if part == "unknown":
            options["report_unknown_fields"] = True
        elif part == "strict_phone":
            options["reject_fixed_line_or_mobile"] = True
        elif part == "sandbox":
            options["environment"] = "sandbox"
        elif key == "block":
            options.setdefault("blocked_domains", []).append(value)
        elif key == "allow":
            options.setdefault("allowed_domains", []).append(value)
        elif key == "states":
            options["states"] = STATE_SETS[value]
        else:
            raise ValueError(f"unknown option {part}")
    return options


def ordered(value):
    """Dicts as lists of pairs, recursively: equality then includes member order."""
    if isinstance(value, dict):
        return [(k, ordered(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [ordered(v) for v in value]
    return value
