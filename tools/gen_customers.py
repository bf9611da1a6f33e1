#!/usr/bin/env python3
"""Writes N synthetic customer records as JSON Lines (default 1,000,000) for the
CLI throughput figure. Deterministic (seeded); about 80 % valid-looking records,
US and international, the rest with typical mistakes. Not committed: generate it.

    python3 tools/gen_customers.py 1000000 > /tmp/customers_1m.jsonl
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


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(20240301)
    out = sys.stdout
    for i in range(1, n + 1):
        out.write(json.dumps(record(i, rng), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
