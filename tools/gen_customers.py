#!/usr/bin/env python3
"""Writes N synthetic customer records as JSON Lines (default 1,000,000) for the
CLI throughput figure. Deterministic (seeded); about 80 % valid-looking records,
US and international, the rest with typical mistakes. Not committed: generate it.

    python3 tools/gen_customers.py 1000000 > /tmp/customers_1m.jsonl
    python3 tools/gen_customers.py --messy 1000000 > /tmp/messy_1m.jsonl

`--messy` (issue 10) writes what a real customer export looks like instead: about 30 %
clean records, 30 % with one fault and 40 % chaotic (odd Unicode: combining marks,
bidi and zero-width characters, full-width and Arabic-Indic digits, emoji; invalid
phones of many countries; long strings; wrong JSON types; missing members; an
occasional line that is not JSON at all), about 335 bytes a record on average. It has
its own seed and its own code path, so the default output stays byte for byte what it
always was.
"""
import json
import random
import sys

FIRST = ["Ada", "María", "James", "Olivia", "Lukas", "Chloé", "Wei", "Ana", "Noah", "Emma", "Fatima", "Liam"]
LAST = ["Lovelace", "García", "O'Connor", "Smith", "Müller", "Martin", "Zhang", "Silva-Pereira", "Brown", "Wilson"]
DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "example.co.uk", "gmx.de"]
US = [("NY", "New York", "10118", "(212) 555-01{:02d}"), ("TX", "Austin", "78701", "+1 512 555 01{:02d}"),
      ("CA", "San Francisco", "94103", "415-555-01{:02d}"), ("District of Columbia", "Washington", "20500-0003", "2025550{:03d}")]
INTL = [("GB", "Greater London", "London", "sw1a 2aa", "+44 7400 1234{:02d}"),
        ("DE", "Berlin", "Berlin", "10117", "+49 151 123456{:02d}"),
        ("FR", None, "Paris", "75001", "+33 6 12 34 56 {:02d}")]
MISTAKES = [
    ("email", "liam+news@gmail.com"), ("email", "sophia.at.example.com"), ("email", "x@mailinator.com"),
    ("phone", "1-800-FLOWERS"), ("phone", "212555012"), ("phone", "+15551234567"), ("phone", "+442079460958"),
    ("country", "USA"), ("state", "Calif."), ("zip", "1234"), ("firstName", "12345"),
]


def record(i, rng):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    data = {"email": f"{first.lower()}.{i}@{rng.choice(DOMAINS)}", "firstName": first, "lastName": last,
            "street": f"{rng.randint(1, 9999)} Main St"}
    if rng.random() < 0.6:
        state, city, zip_code, phone = rng.choice(US)
        data.update(state=state, city=city, zip=zip_code, phone=phone.format(i % 100), country="US")
    else:
        country, state, city, zip_code, phone = rng.choice(INTL)
        data.update(city=city, zip=zip_code, phone=phone.format(i % 100), country=country)
        if state:
            data["state"] = state
    rec = {"externalCustomerId": f"cus_{i:07d}", "data": data, "createdAt": "2024-03-01T12:00:00Z"}
    if rng.random() < 0.5:
        rec["kycVerifications"] = [{"type": "proof_of_id", "status": rng.choice(["pending", "verified", "rejected"]),
                                    "createdAt": "2024-03-02T09:15:00.123+01:00"}]
    if rng.random() < 0.2:
        field, value = rng.choice(MISTAKES)
        data[field] = value
    return rec


# --messy: the ingredients of chaotic records.
MESSY_SEED = 20251201
ODD_NAMES = ["Zoë", "Søren", "Ñandú", "Jos\u0065\u0301", "Łukasz", "Dvořák", "Αλέξανδρος", "Владимир",
             "محمد", "李小龍", "さくら", "Nguyễn", "O\u2019Brien", "Jean-Luc", "Ma\u200bria", "Ann\u00ade",
             "\u202eevil", "Bj\u00f6rk\u0308", "ｔａｒｏ", "Анна-Мария", "😀 Smile", "A\u200dB", "\u3000Kenji\u3000",
             "  spaced   out  ", "12345", "---", "x\u0007y", "\ue000private", "\ufffdbroken", "Ḩ̵̡a̶l̷"]
ODD_CITIES = ["São Paulo", "Zürich", "Kraków", "Reykjavík", "Москва", "東京", "القاهرة", "Mumbai\t", "N\u200cY",
              "Saint-Étienne", "Ho Chi Minh City", "123", "\u2066Tel Aviv\u2069"]
ODD_EMAILS = ["josé@bücher.de", "user@xn--bcher-kva.de", "MiXeD.Case@GMAIL.COM", "  padded@gmail.com  ",
              "a..b@gmail.com", "user@@gmail.com", "user@localhost", "user@example.test", "\"quoted\"@gmail.com",
              "Name <user@gmail.com>", "user@[127.0.0.1]", "ｆｕｌｌ@gmail.com", "user＋tag@gmail.com",
              "user@mail\u200b.com", "user@-bad-.com", "user@gmail", "x@guerrillamail.com", "x@foo.mailinator.com",
              "élodie@café.fr", "用户@例子.广告", "user@😀.la", "", "   ", "@", "user@", "@gmail.com"]
BAD_PHONES = ["+44 20 7946 095", "+49 30 12", "+33 1 23 45 67 89 01", "+39 06 1234", "+34 912 345",
              "+31 20 123 456 789", "+41 44 668", "+46 8 123", "+48 22 12", "+351 21 123", "+55 11 1234",
              "+54 11 123", "+91 11 2345", "+86 10 1234", "+81 3 1234", "+82 2 123", "+61 2 1234", "+27 11 123",
              "+234 1 123", "+254 20 12", "+7 495 123", "+90 212 123", "+971 4 123", "+65 6123", "+999 123456",
              "+0 123456789", "+1 555 123 4567", "+1 000 000 0000", "+1 212 155 0123", "+44 (0)7400 12345",
              "+44 07400 123456", "+33 06 12 34 56 78", "0044 7400 123456", "011 44 7400 123456",
              "+12125550123 ext. 5", "tel:+12125550123", "1-800-FLOWERS", "(+44) 7400 123456",
              "+1 212 555 ０１２３", "+٩٧١ ٥٠ ١٢٣ ٤٥٦٧", "+44 7400 123456 123456 123456 123456 123456 1234567",
              "212555012", "442079460958", "+442079460958", "+18002738255", "+33912345678", "📞 555", ""]
GOOD_PHONES = ["+44 7400 1234{:02d}", "+49 151 234567{:02d}", "+33 6 12 34 56 {:02d}", "+39 312 345 67{:02d}",
               "+34 612 34 56 {:02d}", "+31 6 123456{:02d}", "+41 78 123 45 {:02d}", "+46 70 123 45 {:02d}",
               "+48 512 345 6{:02d}", "+351 912 345 6{:02d}", "+55 11 96123-45{:02d}", "+91 81234 567{:02d}",
               "+86 131 2345 67{:02d}", "+81 90-1234-56{:02d}", "+61 412 345 6{:02d}", "+27 71 123 45{:02d}",
               "+234 802 123 45{:02d}", "+7 912 345-67-{:02d}", "+90 501 234 56 {:02d}", "+65 8123 45{:02d}",
               "(212) 555-01{:02d}", "+1 415 555 01{:02d}", "617-555-01{:02d}", "1 312 555 01{:02d}"]
WRONG_VALUES = [42, 3.5, True, False, None, [], ["a"], {}, {"x": 1}, -1, 1e300, "", " "]
COUNTRIES = ["US", "GB", "DE", "FR", "IT", "ES", "NL", "CH", "SE", "PL", "PT", "BR", "IN", "CN", "JP", "AU",
             "ZA", "NG", "KE", "RU", "TR", "AE", "SG", "us", "gb", "USA", "UK", "840", "United States", "XK",
             "ZZ", "", "  de "]
STATES = ["NY", "CA", "tx", "District of Columbia", "Washington, D.C.", "US-WA", "Calif.", "XX", "UM",
          "Bavaria", "Île-de-France", "Greater London", ""]
ZIPS = ["10118", "94103-1234", "00000", "1234", "sw1a 2aa", "75001", "10117", "1011 AB", "K1A 0B1", "ABC",
        "12345 6789", "１２３４５", ""]
STATUSES = ["pending", "verified", "under_review", "rejected", "expired", "verified_manually",
            "rejected_manually", "PENDING", "approved", ""]
TIMES = ["2024-03-02T09:15:00Z", "2024-03-02T09:15:00.123456+01:00", "2024-02-30T00:00:00Z",
         "2024-03-02 09:15:00", "yesterday", "2024-03-02T24:00:00Z", "9999-12-31T23:59:59-01:00", ""]
FAULTS = [("email", "liam+news@gmail.com"), ("email", "sophia.at.example.com"), ("email", "x@mailinator.com"),
          ("phone", "+15551234567"), ("phone", "+442079460958"), ("phone", "212555012"),
          ("country", "USA"), ("state", "Calif."), ("zip", "0000"), ("firstName", "12345"),
          ("city", "x" * 120), ("street", "\u202e1 Main St"), ("lastName", "\ue000")]


def messy_clean(i, rng):
    """A record that validates: real names, addresses and mobiles of many countries."""
    rec = record(i, rng)
    data = rec["data"]
    if rng.random() < 0.5:
        data["street2"] = f"Apartment {i % 50 + 1}, Building {i % 7 + 1}"
    if rng.random() < 0.5:
        data["phone"] = rng.choice(GOOD_PHONES).format(i % 100)
        if not data["phone"].startswith("+"):
            data["country"], data["state"], data["zip"] = "US", "NY", "10118"
    return rec


def messy_one_fault(i, rng):
    rec = messy_clean(i, rng)
    field, value = rng.choice(FAULTS)
    if rng.random() < 0.3:
        value = rng.choice(WRONG_VALUES)
    rec["data"][field] = value
    return rec


def chaotic_text(rng, pool, long_len):
    r = rng.random()
    if r < 0.15:
        return rng.choice(WRONG_VALUES)
    if r < 0.22:
        return rng.choice(pool) * rng.randint(10, long_len)
    return rng.choice(pool)


def messy_chaotic(i, rng):
    data = {
        "email": rng.choice(ODD_EMAILS) if rng.random() < 0.8 else rng.choice(WRONG_VALUES),
        "phone": rng.choice(BAD_PHONES) if rng.random() < 0.7 else rng.choice(GOOD_PHONES).format(i % 100),
        "firstName": chaotic_text(rng, ODD_NAMES, 48),
        "lastName": chaotic_text(rng, ODD_NAMES, 48),
        "street": chaotic_text(rng, [f"{i % 997} Rue de l’Église", "Hauptstraße 5", "1 Main St\n", "　"], 60),
        "city": chaotic_text(rng, ODD_CITIES, 30),
        "state": rng.choice(STATES),
        "zip": rng.choice(ZIPS) if rng.random() < 0.9 else rng.choice(WRONG_VALUES),
        "country": rng.choice(COUNTRIES) if rng.random() < 0.9 else rng.choice(WRONG_VALUES),
    }
    for key in list(data):
        if rng.random() < 0.12:
            del data[key]
    if rng.random() < 0.05:
        data["nickname"] = rng.choice(ODD_NAMES)
    ids = [f"cus_{i:07d}", f" cus_{i:07d}", "", ".", "..", f"cus\u202e{i}", "x" * 300, f"客户-{i}", None, i]
    rec = {"externalCustomerId": rng.choice(ids) if rng.random() < 0.5 else ids[0]}
    r = rng.random()
    rec["data"] = data if r < 0.9 else rng.choice(WRONG_VALUES)
    if rng.random() < 0.4:
        items = [{"type": rng.choice(["proof_of_id", "selfie", ""]), "status": rng.choice(STATUSES),
                  "createdAt": rng.choice(TIMES)} for _ in range(rng.randint(0, 3))]
        if rng.random() < 0.2:
            items.append(rng.choice(WRONG_VALUES))
        rec["kycVerifications"] = items if rng.random() < 0.9 else rng.choice(WRONG_VALUES)
    if rng.random() < 0.7:
        rec["createdAt"] = rng.choice(TIMES)
    if rng.random() < 0.05:
        rec["verifyAfterCreation"] = rng.choice([True, False, "yes", 1])
    return rec


def messy_line(i, rng):
    r = rng.random()
    if r < 0.30:
        rec = messy_clean(i, rng)
    elif r < 0.60:
        rec = messy_one_fault(i, rng)
    else:
        if rng.random() < 0.03:
            return rng.choice(['{"externalCustomerId": "cus_1", "data": {', "not json", "[1, 2", '{"a":1}}'])
        rec = messy_chaotic(i, rng)
    return json.dumps(rec, ensure_ascii=False, separators=(",", ":"))


def main():
    args = sys.argv[1:]
    messy = "--messy" in args
    args = [a for a in args if a != "--messy"]
    n = int(args[0]) if args else 1_000_000
    out = sys.stdout
    if messy:
        rng = random.Random(MESSY_SEED)
        for i in range(1, n + 1):
            out.write(messy_line(i, rng))
            out.write("\n")
        return
    rng = random.Random(20240301)
    for i in range(1, n + 1):
        out.write(json.dumps(record(i, rng), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
