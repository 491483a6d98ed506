#!/bin/sh
# test-reading-cli.sh - what reading gives the command line: server traces, rotated pairs, damaged text
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=$1
DATA=$2/data
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

# An Edge trace whose only records are a certificate and an SRV mismatch
# (issue 19): findings, the range earliest to latest, the same status from
# analyze, wizard and report.
edge=$DATA/sipstack-edge-federation.log
expect_status "server trace: analyze" 0 "$CLI" analyze "$edge"
expect_in "server trace: certificate mismatch" "$TMP/out" "server-certificate-mismatch"
expect_in "server trace: SRV mismatch" "$TMP/out" "server-srv-domain-mismatch"
expect_in "server trace: range earliest to latest" "$TMP/out" "2017-03-02 06:30:40.025 – 2017-03-02 07:10:46.230"
expect_not_in "server trace: no all-clear" "$TMP/out" "Nothing in the log points to a problem"
expect_not_in "server trace: no client-logging advice" "$TMP/err" "Turn on logging"
expect_status "server trace: wizard" 0 "$CLI" wizard "$edge"
expect_status "server trace: report" 0 "$CLI" report "$edge" -o "$TMP/edge.md"
expect_in "server trace: the report's verdict" "$TMP/edge.md" "certificate"
expect_status "server trace: JSON" 0 "$CLI" analyze --json "$edge"
expect_in "server trace: JSON finding" "$TMP/out" '"id": "server-certificate-mismatch"'

# Nothing to analyse: the three commands agree.
printf '04/16/2013|03:17:30.168 1F68:C14 INFO :: CUccLogger::Initialize - tracing started\n' > "$TMP/nosip.uccapilog"
expect_status "no SIP: analyze" 1 "$CLI" analyze "$TMP/nosip.uccapilog"
expect_status "no SIP: wizard" 1 "$CLI" wizard "$TMP/nosip.uccapilog"
expect_status "no SIP: report" 1 "$CLI" report "$TMP/nosip.uccapilog" -o "$TMP/nosip.md"

# A rotated pair named newest first: read oldest first, the 504 joined.
expect_status "rotation: analyze" 0 "$CLI" analyze "$DATA/rotation/Lync-UccApi-0.UccApilog" \
  "$DATA/rotation/Lync-UccApi-1.UccApilog"
expect_in "rotation: the older file first" "$TMP/out" "ends in the middle of the SIP message that begins at line 22"
expect_in "rotation: joined" "$TMP/out" "Lines 1–8 of this file end the SIP message that begins at line 22"
expect_not_in "rotation: no 'no SIP message'" "$TMP/out" "holds no SIP message"

# Mixed line ends (issue 22): LF, CR, CRLF and CR CR LF in turn read as the
# same lines, messages and findings as the file itself. (A lone CR before an
# empty line would read as a CRLF: that one is written CRLF.)
src=$DATA/findings-federation.uccapilog
awk 'BEGIN { ORS = "" }
     { sub(/\r$/, "") }
     NR > 1 { if ($0 == "" && end == "\r") end = "\r\n"; print prev end }
     { prev = $0; e = NR % 4; end = (e == 0 ? "\n" : e == 1 ? "\r" : e == 2 ? "\r\n" : "\r\r\n") }
     END { print prev end }' "$src" > "$TMP/mixed.uccapilog"
"$CLI" analyze "$src" 2>/dev/null | sed -e 1d -e "s#$src#LOG#g" > "$TMP/plain.txt"
expect_status "mixed line ends: analyze" 0 "$CLI" analyze "$TMP/mixed.uccapilog"
sed -e 1d -e "s#$TMP/mixed.uccapilog#LOG#g" "$TMP/out" > "$TMP/mixed.txt"
if cmp -s "$TMP/plain.txt" "$TMP/mixed.txt"; then ok "mixed line ends: the same analysis"; else
  fail "mixed line ends: the analysis differs"; diff "$TMP/plain.txt" "$TMP/mixed.txt" | head -20; fi

# Scattered NULs and a block of zeros before a log line: the failed call is
# still found, and the damage said with its line.
awk 'BEGIN { ORS = "" } { print $0 "\n"; if (NR == 20) printf "%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c", 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 }' \
  "$src" > "$TMP/zeros.uccapilog"
expect_status "zeros: analyze" 0 "$CLI" analyze "$TMP/zeros.uccapilog"
expect_in "zeros: said" "$TMP/out" "20 zero bytes"
expect_in "zeros: the failure still found" "$TMP/out" "federation-dns"

# Lync for Mac: named for what it is.
printf 'a stand-in for a Lync for Mac log line\n' > "$TMP/Microsoft-Lync.log"
expect_status "Lync for Mac: analyze" 1 "$CLI" analyze "$TMP/Microsoft-Lync.log"
expect_in "Lync for Mac: said" "$TMP/err" "this client's log format (Lync for Mac) is not supported yet"

# Pipes (mkfifo, /dev/stdin fed by a pipe) are read in one pass and give
# the file's analysis; devices and a zip through a pipe are refused at once;
# a pipe in a folder never stops the walk. Everything that could wait is
# under timeout, and every writer gives up by itself, so a regression fails
# instead of hanging.
same_json () {
  name=$1; want=$2; got=$3
  if grep -q '"attempts"' "$got" && cmp -s "$want" "$got"; then ok "$name"; else
    fail "$name: the analysis differs"; diff "$want" "$got" | head -20; fi
}
src=$DATA/findings-federation.uccapilog
expect_status "pipes: the plain file" 0 timeout 20 "$CLI" analyze --json "$src"
grep -v '"path":' "$TMP/out" > "$TMP/plain.json"
expect_in "pipes: the plain file has its findings" "$TMP/plain.json" '"id": "federation-dns"'

mkfifo "$TMP/fifo.uccapilog"
timeout 20 sh -c 'cat "$1" > "$2"' sh "$src" "$TMP/fifo.uccapilog" >/dev/null 2>&1 &
expect_status "pipes: a named pipe with a writer" 0 timeout 20 "$CLI" analyze --json "$TMP/fifo.uccapilog"
grep -v '"path":' "$TMP/out" > "$TMP/fifo.json"
same_json "pipes: a named pipe gives the file's analysis" "$TMP/plain.json" "$TMP/fifo.json"
expect_in "pipes: the named pipe is the input" "$TMP/out" "\"path\": \"$TMP/fifo.uccapilog\""
wait

# The writer comes second, as in "(unzip -p … > f &)" losing the race.
(sleep 1; exec timeout 20 sh -c 'cat "$1" > "$2"' sh "$src" "$TMP/fifo.uccapilog") >/dev/null 2>&1 &
expect_status "pipes: a writer that comes late" 0 timeout 20 "$CLI" analyze --json "$TMP/fifo.uccapilog"
grep -v '"path":' "$TMP/out" > "$TMP/late.json"
same_json "pipes: a late writer's log read whole" "$TMP/plain.json" "$TMP/late.json"
wait

expect_status "pipes: /dev/stdin fed by a pipe" 0 sh -c 'cat "$1" | timeout 20 "$2" analyze --json /dev/stdin' sh "$src" "$CLI"
grep -v '"path":' "$TMP/out" > "$TMP/stdin-pipe.json"
same_json "pipes: /dev/stdin fed by a pipe gives the file's analysis" "$TMP/plain.json" "$TMP/stdin-pipe.json"
expect_status "pipes: /dev/stdin from a file" 0 sh -c 'timeout 20 "$2" analyze --json /dev/stdin < "$1"' sh "$src" "$CLI"
grep -v '"path":' "$TMP/out" > "$TMP/stdin-file.json"
same_json "pipes: /dev/stdin from a file gives the file's analysis" "$TMP/plain.json" "$TMP/stdin-file.json"
ln -s "$src" "$TMP/link.uccapilog"
expect_status "pipes: a link to the file" 0 timeout 20 "$CLI" analyze --json "$TMP/link.uccapilog"
grep -v '"path":' "$TMP/out" > "$TMP/link.json"
same_json "pipes: a link to the file gives its analysis" "$TMP/plain.json" "$TMP/link.json"

# A zip needs its end first: refused, and its writer let go.
expect_status "pipes: a zip through a pipe" 3 sh -c 'timeout 20 cat "$1" | timeout 20 "$2" analyze /dev/stdin' sh "$DATA/MOSDALREPORT.zip" "$CLI"
expect_in "pipes: the zip refused, saying what to do" "$TMP/err" "/dev/stdin is a zip coming through a pipe"
expect_in "pipes: the zip refused, saying what to do" "$TMP/err" "Save the zip to a file first"
expect_status "pipes: the same zip as a file" 0 timeout 20 "$CLI" analyze "$DATA/MOSDALREPORT.zip"

expect_status "devices: /dev/zero refused" 3 timeout 20 "$CLI" analyze /dev/zero
expect_in "devices: /dev/zero named and said" "$TMP/err" "/dev/zero is a device"
: > "$TMP/empty.uccapilog"
expect_status "devices: an empty file" 1 timeout 20 "$CLI" analyze "$TMP/empty.uccapilog"
sed "s#$TMP/empty.uccapilog#NAME#g" "$TMP/err" > "$TMP/empty.err"
expect_status "devices: /dev/null, as an empty file" 1 timeout 20 "$CLI" analyze /dev/null
sed "s#/dev/null#NAME#g" "$TMP/err" > "$TMP/null.err"
if cmp -s "$TMP/empty.err" "$TMP/null.err"; then ok "devices: /dev/null says what an empty file says"; else
  fail "devices: /dev/null differs from an empty file"; diff "$TMP/empty.err" "$TMP/null.err"; fi

# A folder with a pipe nobody writes to: walked at once, the pipe named
# (and, as a log that could not be read, exit 3 with the analysis).
mkdir "$TMP/withfifo"
cp "$src" "$TMP/withfifo/Lync-UccApi-0.UccApilog"
mkfifo "$TMP/withfifo/Lync-UccApi-1.UccApilog"
expect_status "folder with a pipe: walked" 3 timeout 20 "$CLI" analyze --json "$TMP/withfifo"
expect_in "folder with a pipe: the log read" "$TMP/out" '"id": "federation-dns"'
expect_in "folder with a pipe: the pipe named as skipped" "$TMP/out" "$TMP/withfifo/Lync-UccApi-1.UccApilog is a named pipe"

echo "# $passes passed, $fails failed"
[ "$fails" -eq 0 ]
