#!/bin/sh
# test-redact-cli.sh - "lyncdiag-cli report --redact" end to end: formats, standard output, exit status 5
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-redact-cli.sh CLI SRCDIR
# The fixtures' people, machines and addresses must not reach a redacted
# report in any format, written to a file or to standard output; a report
# the check refuses exits 5, names the kind of value only, and writes
# nothing (an existing file of that name stays as it was).
set -u
CLI=$1
DATA=$2/data
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
passes=0

ok () { passes=$((passes + 1)); echo "ok - $1"; }
fail () { fails=$((fails + 1)); echo "not ok - $1"; }

expect_status () {
  name=$1; want=$2; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  got=$?
  if [ "$got" -eq "$want" ]; then ok "$name (exit $got)"; else fail "$name: exit $got, wanted $want"; cat "$TMP/err"; fi
}
expect_clean () {
  name=$1; file=$2
  # Lines joined too: a PDF wraps a long value.
  tr -d '\n\f' <"$file" >"$file.joined"
  for value in joe@contoso.com alice@contoso.com contoso.com "Joe Bloggs" poolfe01 TF2497F37 \
               Hs2bXq0u1FqC3Y7Y0c1b5AAA 192.168.1.20 207.46.5.63 52.112.1.10 65.55.127.64 11.1.111.11 \
               "$DATA"; do
    if grep -qiF -- "$value" "$file" "$file.joined"; then fail "$name: '$value' survived"; return; fi
  done
  ok "$name: no value of the log"
}

# --- every format, to a file and to standard output ------------------------------
for fmt in md csv json pdf; do
  if [ "$fmt" = pdf ] && ! command -v pdftotext >/dev/null 2>&1; then
    echo "ok - redacted pdf # SKIP poppler-utils not installed"
    continue
  fi
  expect_status "report --redact $fmt" 0 "$CLI" report --redact --wizard "$DATA/Lync-UccApi-0.UccApilog" \
    "$DATA/MOSDALREPORT.zip" -o "$TMP/r.$fmt"
  if [ "$fmt" = pdf ]; then pdftotext -enc UTF-8 "$TMP/r.pdf" "$TMP/r.pdf.txt"; file=$TMP/r.pdf.txt; else file=$TMP/r.$fmt; fi
  expect_clean "$fmt" "$file"
  expect_status "report --redact $fmt to standard output" 0 "$CLI" report --redact \
    "$DATA/Lync-UccApi-0.UccApilog" --format "$fmt" -o -
  if [ "$fmt" = pdf ]; then pdftotext -enc UTF-8 "$TMP/out" "$TMP/out.txt"; else cp "$TMP/out" "$TMP/out.txt"; fi
  expect_clean "$fmt on standard output" "$TMP/out.txt"
done
# The pseudonyms keep the report readable: the code and its meaning stay.
if grep -qF "ICEWarn=0x4000320" "$TMP/r.md" && grep -qF "@domain" "$TMP/r.md"; then ok "md keeps codes, shows pseudonyms"
else fail "md lost its codes or pseudonyms"; fi

# --- refused: exit 5, the kind and not the value, nothing written -------------------
# An answer in the user's own words that the report also says cannot be
# told from a leak: the check refuses it.
printf 'an earlier report\n' >"$TMP/keep.md"
expect_status "refused report" 5 "$CLI" report --redact --answer contacts=several \
  --answer "common=Local connectivity failed" "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/keep.md"
if grep -qF "your own words" "$TMP/err"; then ok "the message says what kind"; else fail "the message: $(cat "$TMP/err")"; fi
if grep -qF "Local connectivity failed" "$TMP/err"; then fail "the message names the value"; else ok "the message does not name the value"; fi
if [ "$(cat "$TMP/keep.md")" = "an earlier report" ]; then ok "the existing file is untouched"; else fail "the existing file changed"; fi
expect_status "refused report to standard output" 5 "$CLI" report --redact --answer contacts=several \
  --answer "common=Local connectivity failed" "$DATA/Lync-UccApi-0.UccApilog" --format md -o -
if [ -s "$TMP/out" ]; then fail "a refused report printed something"; else ok "a refused report prints nothing"; fi
# The same answer in a report that is not redacted is the user's to give.
expect_status "not redacted, the same answer" 0 "$CLI" report --answer contacts=several \
  --answer "common=Local connectivity failed" "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/plain.md"

# --- usage names the status -------------------------------------------------------
"$CLI" --help >"$TMP/help" 2>&1
if grep -qF "5 a redacted report was refused" "$TMP/help"; then ok "--help names exit status 5"; else fail "--help lacks exit status 5"; fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
