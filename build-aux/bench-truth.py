#!/usr/bin/env python3
# build-aux/bench-truth.py - compare `lyncdiag-cli analyze --json` with ld-gen-log's ground truth
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench-truth.py ANALYSIS.json TRUTH.json
#
# Used by build-aux/bench so that speed never comes from skipping work:
# the attempts and their outcomes, the SIP messages, every diagnostic code,
# every exchange by kind; and, where the truth has them (both mixes of
# tests/ld-gen-log.c write them), the conference joins, the code that
# decided each failed join and the ICEWarn of each failure. Prints one
# line; exits 1 on any mismatch.
import collections
import json
import sys

out = json.load(open(sys.argv[1]))
truth = json.load(open(sys.argv[2]))
att = out["attempts"]
problems = []


def compare(what, got, want):
    if got != want:
        problems.append("%s %s != %s" % (what, got, want))


got = collections.Counter(a["outcome"] for a in att)
codes = collections.Counter()
for a in att:
    for d in a["diagnostics"]:
        codes[str(d["code"])] += 1
compare("attempts", len(att), truth["attempts"])
for k, key in (("succeeded", "succeeded"), ("failed", "failed"), ("cancelled", "cancelled"),
               ("no-response", "no_response")):
    compare(k, got[k], truth[key])
compare("sip_messages", out["inputs"][0]["sip_messages"], truth["sip_messages"])
for c, n in truth["codes"].items():
    compare("code " + c, codes[c], n)
# Every exchange counted by kind (calls and joins together).
kinds = collections.Counter()
for e in out.get("exchanges", []):
    kinds["calls and joins" if e["kind"] in ("conference", "peer-to-peer") else e["kind"]] += e["count"]
for k, n in truth.get("exchanges", {}).items():
    compare(k + " exchanges", kinds[k], n)

# The joins, and what the analysis says decided each failed one: the
# diagnostic it marks as the failure ("none" when no code does).
if "joins" in truth:
    joins = [a for a in att if a["kind"] == "conference"]
    compare("joins", len(joins), truth["joins"])
    failed = [a for a in joins if a["outcome"] == "failed"]
    compare("failed joins", len(failed), truth["failed_joins"])
    by_code = collections.Counter()
    for a in failed:
        deciding = [d for d in a["diagnostics"] if d["failure"] and d["code"] is not None]
        by_code[str(deciding[0]["code"]) if deciding else "none"] += 1
    for c, n in truth["failed_joins_by_code"].items():
        compare("failed joins with code " + c, by_code[c], n)
    extra = set(by_code) - set(truth["failed_joins_by_code"])
    for c in sorted(extra):
        problems.append("failed joins with code %s: %d, none in the log" % (c, by_code[c]))
if "failure_ice_warn" in truth:
    ice = collections.Counter()
    for a in att:
        if a["outcome"] != "failed":
            continue
        for d in a["diagnostics"]:
            if d["failure"] and d["media"] is not None and d["media"]["ice_warn"] is not None:
                ice[d["media"]["ice_warn"]] += 1
    compare("failures with ICEWarn", dict(sorted(ice.items())), dict(sorted(truth["failure_ice_warn"].items())))

if problems:
    print("  ground truth: MISMATCH " + "; ".join(problems))
    sys.exit(1)
extra = ", %d joins, %d failed" % (truth["joins"], truth["failed_joins"]) if "joins" in truth else ""
print("  ground truth: OK (%d attempts, %d failed%s)" % (len(att), got["failed"], extra))
