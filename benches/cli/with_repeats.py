# Writes a JSONL file with many duplicates to standard output: the first 200,000 records of IN, and 50,001
# of them again at random places (seed 7), half of those with the email upper-cased and the id changed (an
# email duplicate), half as they were (an id and email duplicate). Usage:
#   python3 benches/cli/with_repeats.py /tmp/customers_1m.jsonl > /tmp/dups.jsonl
import json, random, sys
random.seed(7)
with open(sys.argv[1]) as f:
    lines = [line for _, line in zip(range(200_000), f)]
out = list(lines)
for _ in range(50_001):
    line = random.choice(lines)
    try:
        record = json.loads(line)
        email = record.get("data", {}).get("email")
        if random.random() < 0.5 and isinstance(email, str):
            record["data"]["email"] = email.upper()
            record["externalCustomerId"] = str(record.get("externalCustomerId")) + "x"
        line = json.dumps(record) + "\n"
    except (ValueError, AttributeError):
        pass
    out.insert(random.randrange(len(out) + 1), line)
sys.stdout.writelines(out)
