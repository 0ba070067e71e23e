#!/usr/bin/env python3
# Checks data/knowledge/knowledge.json: valid against its JSON Schema, and every
# fact (any object with a "value" member) says where it comes from and when that
# source was read. Run with the knowledge and schema paths as arguments.
import copy
import json
import re
import sys
import unittest

import jsonschema

KNOWLEDGE, SCHEMA = sys.argv[1], sys.argv[2]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL = re.compile(r"^https?://\S+$")


def facts(node, path="$"):
    """Yields (path, fact) for every object with a "value" member."""
    if isinstance(node, dict):
        if "value" in node:
            yield path, node
        for key, child in node.items():
            yield from facts(child, "%s.%s" % (path, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from facts(child, "%s[%d]" % (path, i))


def unsourced(doc):
    """Paths of facts, and claims, without a source URL or a checked date."""
    bad = []
    for path, fact in facts(doc):
        if not URL.match(str(fact.get("source", ""))) or not DATE.match(str(fact.get("checked", ""))):
            bad.append(path)
    for i, claim in enumerate(doc.get("claims", [])):
        if not claim.get("sources") or not all(URL.match(u) for u in claim["sources"]) \
           or not DATE.match(str(claim.get("checked", ""))):
            bad.append("$.claims[%d]" % i)
    return bad


class Knowledge(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(KNOWLEDGE, encoding="utf-8") as f:
            cls.doc = json.load(f)
        with open(SCHEMA, encoding="utf-8") as f:
            cls.validator = jsonschema.Draft202012Validator(json.load(f),
                                                            format_checker=jsonschema.FormatChecker())

    def test_schema_valid(self):
        errors = ["%s: %s" % (e.json_path, e.message) for e in self.validator.iter_errors(self.doc)]
        self.assertEqual(errors, [])

    def test_every_fact_sourced_and_dated(self):
        self.assertGreater(len(list(facts(self.doc))), 100)
        self.assertEqual(unsourced(self.doc), [])

    def test_a_fact_without_source_fails(self):
        # The two checks above must catch a fact that lost its source or date.
        for member in ("source", "checked"):
            broken = copy.deepcopy(self.doc)
            del broken["products"][0]["facts"]["licence"][member]
            self.assertEqual(unsourced(broken), ["$.products[0].facts.licence"])
            self.assertFalse(self.validator.is_valid(broken))

    def test_a_migration_rule_without_source_fails(self):
        # The readiness rules are facts too: each reason says where it comes from.
        rules = self.doc["migration"]
        self.assertGreaterEqual(len(rules), 15)
        self.assertEqual(len({r["id"] for r in rules}), len(rules))
        for member in ("source", "checked"):
            broken = copy.deepcopy(self.doc)
            del broken["migration"][0]["reason"][member]
            self.assertEqual(unsourced(broken), ["$.migration[0].reason"])
            self.assertFalse(self.validator.is_valid(broken))
        broken = copy.deepcopy(self.doc)
        broken["migration"][0]["reason"]["value"] = "maybe"
        self.assertFalse(self.validator.is_valid(broken))

    def test_ids_unique_and_lines_complete(self):
        ids = [p["id"] for p in self.doc["products"]]
        ids += [l["id"] for p in self.doc["products"] for l in p["lines"]]
        self.assertEqual(len(ids), len(set(ids)))
        for product in self.doc["products"]:
            keys = [l["key"] for l in product["lines"] if not l.get("edition") and not l.get("feature")]
            self.assertEqual(len(keys), len(set(keys)), product["id"])
            for line in product["lines"]:
                self.assertTrue(line["latest"]["value"]["version"], line["id"])
                if line.get("feature"):
                    self.assertIsNone(line["key"], line["id"])
                    self.assertIn("since", line, line["id"])

    def test_contract_lines_exist(self):
        ids = {l["id"] for p in self.doc["products"] for l in p["lines"]}
        for wanted in ("esxi-7", "esxi-8", "esx-9-0", "esx-9-1", "esxi-8-free", "proxmox-ve-7",
                       "proxmox-ve-8", "proxmox-ve-9", "pbs-2", "pbs-3", "pbs-4", "incus-6-lts",
                       "incus-7-lts", "incus-latest", "lxd-5-0-lts", "lxd-5-21-lts", "veeam-12",
                       "veeam-13", "veeam-13-ce"):
            self.assertIn(wanted, ids)
        self.assertEqual(len(self.doc["claims"]), 5)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
