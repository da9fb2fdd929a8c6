#!/usr/bin/env python3
"""Validates submission.json files against GSA's Regulations.gov v4 OpenAPI schemas.

usage: validate_payload.py OPENAPI_YAML SUBMISSION_JSON...

Each payload's attributes are validated against the schema for its submitterType
(IndividualComment, OrganizationComment or AnonymousComment), and the JSON:API envelope
against JSONResourcePostRequestObject. Two adjustments to the published file, both printed:

- SubmitterType's enum lists "Individual", "Organization", "Anonymous", while GSA's
  validation text, its examples and FederalRegister.gov's production client send upper case.
  The enum is checked in upper case.
- JSONResourcePostRequestObject's attributes are a oneOf of the three variants, but an
  organization payload also satisfies AnonymousComment (which requires only submitterType), so
  oneOf can never pass. The variant is chosen by submitterType instead.

Beyond the schemas it checks what they cannot say: name fields and organization fields are
never sent together. A deliberately broken payload must be rejected, so the validator cannot
pass vacuously.
"""
import copy
import json
import sys

import yaml
from openapi_schema_validator import OAS30Validator

VARIANTS = {"INDIVIDUAL": "IndividualComment", "ORGANIZATION": "OrganizationComment", "ANONYMOUS": "AnonymousComment"}
PERSONAL = {"firstName", "lastName"}
ORGANIZATIONAL = {"organization", "organizationType"}


def load_spec(path):
    with open(path, encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    schemas = spec["components"]["schemas"]
    print("note: SubmitterType enum checked in upper case (GSA sends INDIVIDUAL, ORGANIZATION, ANONYMOUS)")
    schemas["SubmitterType"]["enum"] = [value.upper() for value in schemas["SubmitterType"]["enum"]]
    print("note: the comment variant is chosen by submitterType (the spec's oneOf cannot pass)")
    envelope = copy.deepcopy(schemas["JSONResourcePostRequestObject"])
    envelope["properties"]["attributes"].pop("oneOf")
    schemas["_Envelope"] = envelope
    return spec


def validator(spec, name):
    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    return OAS30Validator(schema)


def problems(spec, payload):
    found = []
    data = payload.get("data")
    if not isinstance(data, dict):
        return ["no 'data' object (JSON:API)"]
    found += [f"envelope: {error.message}" for error in validator(spec, "_Envelope").iter_errors(data)]
    if data.get("type") != "comments":
        found.append("data.type is not 'comments'")
    attributes = data.get("attributes", {})
    variant = VARIANTS.get(attributes.get("submitterType"))
    if variant is None:
        return found + [f"unknown submitterType {attributes.get('submitterType')!r}"]
    found += [f"{variant}: {error.message}" for error in validator(spec, variant).iter_errors(attributes)]
    if attributes.get("submissionType") != "API":
        found.append("submissionType is not 'API'")
    keys = set(attributes)
    if keys & PERSONAL and keys & ORGANIZATIONAL:
        found.append("name fields and organization fields sent together")
    for key, value in attributes.items():
        if isinstance(value, str):
            limit = {"comment": 5000, "email": 100}.get(key)
            if limit and len(value.encode("utf-8")) > limit:
                found.append(f"{key} is over {limit} bytes")
    return found


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    spec = load_spec(sys.argv[1])
    failed = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as handle:
            payload = json.load(handle)
        found = problems(spec, payload)
        kind = payload.get("data", {}).get("attributes", {}).get("submitterType")
        if found:
            failed += 1
            print(f"{path}: INVALID ({kind})")
            for problem in found:
                print(f"  {problem}")
        else:
            print(f"{path}: valid {VARIANTS[kind]}")
        broken = copy.deepcopy(payload)
        attributes = broken["data"]["attributes"]
        required = {"INDIVIDUAL": "lastName", "ORGANIZATION": "organizationType", "ANONYMOUS": "commentOnDocumentId"}[kind]
        attributes.pop(required)
        attributes["comment"] = "x" * 5001
        if len(problems(spec, broken)) < 2:
            failed += 1
            print(f"{path}: the validator accepted a payload without {required} and with 5,001 characters")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
