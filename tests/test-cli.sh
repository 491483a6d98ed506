#!/bin/sh
# test-cli.sh - lyncdiag-cli end to end: text, JSON shape, decode, exit codes
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=$1
DATA=$2/data
GEN=${3:-}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
passes=0

ok () { passes=$((passes + 1)); echo "ok - $1"; }
fail () { fails=$((fails + 1)); echo "not ok - $1"; }

# expect_status NAME STATUS CMD...: runs CMD, keeps stdout/stderr in $TMP/out, $TMP/err
expect_status () {
  name=$1; want=$2; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  got=$?
  if [ "$got" -eq "$want" ]; then ok "$name (exit $got)"; else fail "$name: exit $got, wanted $want"; cat "$TMP/err"; fi
  # A GLib critical or warning is a bug even when the output is right.
  if grep -qE -- '-(CRITICAL|WARNING) \*\*' "$TMP/err"; then fail "$name: GLib complained"; head -5 "$TMP/err"; fi
}
expect_in () {
  name=$1; file=$2; needle=$3
  if grep -qF -- "$needle" "$file"; then ok "$name"; else fail "$name: '$needle' not in $file"; head -40 "$file"; fi
}
expect_not_in () {
  name=$1; file=$2; needle=$3
  if grep -qF -- "$needle" "$file"; then fail "$name: '$needle' found in $file"; else ok "$name"; fi
}

expect_status "analyze text" 0 "$CLI" analyze "$DATA/Lync-UccApi-0.UccApilog"
expect_in "text names the client" "$TMP/out" "Lync 2013 (15.0.4569.1503)"
expect_in "text shows the failed sharing join" "$TMP/out" "conference  application-sharing  FAILED"
expect_in "text decodes 0x4000000" "$TMP/out" "0x4000000"
expect_in "text decodes locations" "$TMP/out" "remote (outside the company network)"
expect_not_in "no presence noise in attempts" "$TMP/out" "BENOTIFY"

expect_status "analyze json" 0 "$CLI" analyze --json "$DATA/Communicator-uccapi-0.uccapilog"
expect_in "json schema" "$TMP/out" '"schema": "lyncdiag.analysis/1"'
expect_in "json attempt kind" "$TMP/out" '"kind": "peer-to-peer"'
expect_in "json modality" "$TMP/out" '"modality": "application-sharing"'
expect_in "json code 24" "$TMP/out" '"code": 24'
expect_in "json ice bits" "$TMP/out" '"bit": "0x200"'
expect_in "json masked field kept" "$TMP/out" '"LocalSite": "xx.xx.xxx.x:xxx"'
expect_in "json findings array" "$TMP/out" '"findings": ['
if command -v python3 >/dev/null 2>&1; then
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["attempts"][1]["outcome"]=="failed"; assert d["inputs"][0]["member"] is None' "$TMP/out"; then
    ok "json parses and has the documented shape"
  else
    fail "json does not parse or lacks keys"
  fi
fi

expect_status "analyze zip" 0 "$CLI" analyze "$DATA/MOSDALREPORT.zip"
expect_in "zip member shown" "$TMP/out" "User_Applications/Lync/Tracing/Lync-UccApi-0.UccApilog"

expect_status "several inputs" 0 "$CLI" analyze "$DATA/Lync-UccApi-0.UccApilog" "$DATA/Communicator-uccapi-0.uccapilog"
expect_in "second input listed" "$TMP/out" "Lync 2010"

expect_status "decode ICEWarn" 0 "$CLI" decode "ICEWarn=0x4000320"
expect_in "decode 0x4000000" "$TMP/out" "0x4000000"
expect_in "decode 0x20" "$TMP/out" "0x20"
expect_status "decode header" 0 "$CLI" decode 'ms-client-diagnostics: 24; reason="Call failed to establish due to a media connectivity failure when both endpoints are remote";CallerMediaDebug="application-sharing:ICEWarn=0x320,LocalLocation=1,RemoteLocation=1,FederationType=0"'
expect_in "decode code 24" "$TMP/out" "24"
printf 'ICEWarn=0x320' > "$TMP/paste"
expect_status "decode stdin" 0 sh -c "\"$CLI\" decode - < \"$TMP/paste\""
expect_status "decode nothing" 1 "$CLI" decode "hello there"
expect_in "decode says what to paste" "$TMP/err" "lyncdiag-cli:"

expect_status "no command" 2 "$CLI"
expect_status "unknown command" 2 "$CLI" frobnicate
expect_status "analyze without file" 2 "$CLI" analyze
expect_status "bad option" 2 "$CLI" analyze --nope "$DATA/Lync-UccApi-0.UccApilog"
expect_status "help" 0 "$CLI" --help
expect_in "help lists analyze" "$TMP/out" "analyze"
# Every command answers --help on standard output with status 0 (the
# manual page is checked against these), and names FILE… once.
for cmd in analyze decode rules wizard report; do
  expect_status "$cmd --help" 0 "$CLI" $cmd --help
  expect_in "$cmd --help is its usage" "$TMP/out" "Usage:"
  expect_not_in "$cmd --help names FILE… once" "$TMP/out" "FILE… FILE…"
done
expect_status "rules with an argument" 2 "$CLI" rules extra

: > "$TMP/empty.uccapilog"
expect_status "empty file" 1 "$CLI" analyze "$TMP/empty.uccapilog"
expect_in "empty explained" "$TMP/err" "is empty"
expect_status "missing file" 3 "$CLI" analyze "$TMP/nothing-here.uccapilog"
expect_in "missing explained" "$TMP/err" "does not exist"
expect_status "truncated zip" 3 "$CLI" analyze "$DATA/truncated.zip"
expect_in "truncated explained" "$TMP/err" "not a readable zip"
expect_status "bomb zip" 1 "$CLI" analyze "$DATA/bomb.zip"
expect_in "bomb explained" "$TMP/err" "zip bomb"
expect_status "one good one missing" 3 "$CLI" analyze "$DATA/Lync-UccApi-0.UccApilog" "$TMP/nothing-here.uccapilog"
expect_in "good one still analysed" "$TMP/out" "application-sharing"
printf '01/30/2014|10:04:59.870 1A2C:1B3C INFO  :: tracing started\n' > "$TMP/nosip.uccapilog"
expect_status "no SIP" 1 "$CLI" analyze "$TMP/nosip.uccapilog"
expect_in "no SIP explained" "$TMP/err" "no SIP message"
mkdir "$TMP/emptydir"
expect_status "folder without logs" 1 "$CLI" analyze "$TMP/emptydir"
expect_in "folder explained" "$TMP/err" "No Lync or Skype for Business log was found"

# A file without read permission. Root reads everything, so as root the
# check runs as the unprivileged user nobody (setpriv, from util-linux).
mkdir "$TMP/shared" && chmod 755 "$TMP" "$TMP/shared"
cp "$DATA/Lync-UccApi-0.UccApilog" "$TMP/shared/Lync-UccApi-0.UccApilog"
chmod 000 "$TMP/shared/Lync-UccApi-0.UccApilog"
if [ "$(id -u)" -ne 0 ]; then
  expect_status "unreadable file" 3 "$CLI" analyze "$TMP/shared/Lync-UccApi-0.UccApilog"
  expect_in "unreadable explained" "$TMP/err" "permission denied"
elif command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
  expect_status "unreadable file (as nobody)" 3 env HOME="$TMP/shared" \
    setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$CLI" analyze "$TMP/shared/Lync-UccApi-0.UccApilog"
  expect_in "unreadable explained" "$TMP/err" "permission denied"
else
  echo "ok - unreadable file # SKIP running as root without setpriv"
fi

# The inputs are never modified.
before=$(md5sum "$DATA/MOSDALREPORT.zip" | cut -d' ' -f1)
"$CLI" analyze "$DATA/MOSDALREPORT.zip" >/dev/null 2>&1
after=$(md5sum "$DATA/MOSDALREPORT.zip" | cut -d' ' -f1)
if [ "$before" = "$after" ]; then ok "zip untouched"; else fail "zip modified"; fi

# A generated log of thousands of attempts (the benchmark's generator):
# the analysis matches its ground truth, with nothing for GLib to complain
# about on the way.
if [ -n "$GEN" ] && command -v python3 >/dev/null 2>&1; then
  "$GEN" --size 8 --seed 11 -o "$TMP/gen.log" -t "$TMP/gen.json"
  expect_status "analyze a generated log" 0 "$CLI" analyze --json "$TMP/gen.log"
  if python3 - "$TMP/out" "$TMP/gen.json" <<'PY'
import collections, json, sys
out = json.load(open(sys.argv[1])); truth = json.load(open(sys.argv[2]))
att = out["attempts"]
got = collections.Counter(a["outcome"] for a in att)
codes = collections.Counter(str(d["code"]) for a in att for d in a["diagnostics"])
# In order and numbered from 1: the attempts' JSON is written in pieces on
# two threads.
ok = ([a["id"] for a in att] == list(range(1, len(att) + 1)) and
      [a["start"] for a in att] == sorted(a["start"] for a in att) and
      len(att) == truth["attempts"] and got["failed"] == truth["failed"] and
      out["inputs"][0]["sip_messages"] == truth["sip_messages"] and
      all(codes[c] == n for c, n in truth["codes"].items()))
sys.exit(0 if ok else 1)
PY
  then ok "generated log matches its ground truth"; else fail "generated log does not match its ground truth"; fi
else
  echo "ok - generated log # SKIP no generator or python3"
fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
