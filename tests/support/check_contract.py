"""Checks the portal's published contract: the document validates as OpenAPI 3.1, and each recorded
answer (JSON lines of {"path", "method", "status", "body"}) matches the schema the document gives
for that operation and status. Prints what does not, and exits 1 then."""

import json
import re
import sys

from jsonschema import Draft202012Validator
from openapi_spec_validator import validate


def main():
    spec = json.load(open(sys.argv[1], encoding="utf-8"))
    validate(spec)
    schemas = spec["components"]["schemas"]
    problems = []
    checked = 0
    for line in open(sys.argv[2], encoding="utf-8"):
        answer = json.loads(line)
        path = next(
            (p for p in spec["paths"] if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", p), answer["path"])), None
        )
        if path is None:
            problems.append(f"{answer['path']}: not in the contract")
            continue
        op = spec["paths"][path].get(answer["method"].lower())
        response = (op or {}).get("responses", {}).get(str(answer["status"]))
        if response is None:
            problems.append(f"{answer['method']} {path}: status {answer['status']} not in the contract")
            continue
        content = response.get("content", {}).get("application/json")
        if content is None:
            continue
        schema = dict(content["schema"])
        schema["components"] = {"schemas": schemas}
        errors = list(Draft202012Validator(schema).iter_errors(answer["body"]))
        checked += 1
        for e in errors[:3]:
            problems.append(f"{answer['method']} {answer['path']} {answer['status']}: {e.message} at {list(e.path)}")
    print(f"{checked} answers checked")
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
