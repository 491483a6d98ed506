#!/bin/sh
# test-report-cli.sh - "lyncdiag-cli report" end to end: formats, paper, fonts, redaction, exit codes
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
skip () { echo "ok - $1 # SKIP poppler-utils not installed"; }

expect_status () {
  name=$1; want=$2; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  got=$?
  if [ "$got" -eq "$want" ]; then ok "$name (exit $got)"; else fail "$name: exit $got, wanted $want"; cat "$TMP/err"; fi
}
# Text extracted from a PDF breaks lines anywhere: compare without whitespace.
flat () { tr -d ' \n\r\t\f' <"$1"; }
expect_in () {
  name=$1; file=$2; needle=$3
  if flat "$file" | grep -qF -- "$(printf '%s' "$needle" | tr -d ' ')"; then ok "$name"; else fail "$name: '$needle' not in $file"; head -30 "$file"; fi
}
expect_not_in_ci () {
  name=$1; file=$2; needle=$3
  if grep -qiF -- "$needle" "$file"; then fail "$name: '$needle' found in $file"; grep -niF -- "$needle" "$file" | head -3; else ok "$name"; fi
}

have_poppler=yes
for tool in pdftotext pdfinfo pdffonts; do
  command -v "$tool" >/dev/null 2>&1 || have_poppler=no
done

# --- PDF from the article's log --------------------------------------------
expect_status "report pdf" 0 "$CLI" report "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/r.pdf"
if [ "$have_poppler" = yes ]; then
  pdftotext -enc UTF-8 "$TMP/r.pdf" "$TMP/r.txt"
  expect_in "pdf has the verdict" "$TMP/r.txt" "VERDICT"
  expect_in "pdf verdict names the problem" "$TMP/r.txt" "Problem found:"
  "$CLI" analyze --json "$DATA/Lync-UccApi-0.UccApilog" >"$TMP/a.json"
  # Every finding title of analyze appears in the PDF.
  sed -n 's/^ *"title": "\(.*\)",$/\1/p' "$TMP/a.json" >"$TMP/titles"
  if [ -s "$TMP/titles" ]; then ok "analyze lists finding titles"; else fail "no finding titles in analyze --json"; fi
  while IFS= read -r title; do
    expect_in "pdf has finding: $title" "$TMP/r.txt" "$title"
  done <"$TMP/titles"
  expect_in "pdf decodes the code" "$TMP/r.txt" "ms-client-diagnostics 23"
  expect_in "pdf decodes ICEWarn" "$TMP/r.txt" "ICEWarn=0x4000320"
  for bit in 0x4000000 0x200 0x100 0x20; do
    expect_in "pdf lists ICEWarn bit $bit" "$TMP/r.txt" "$bit"
  done
  expect_in "pdf has page numbers" "$TMP/r.txt" "Page 1 of"
  pdfinfo "$TMP/r.pdf" >"$TMP/info"
  expect_in "pdf is A4" "$TMP/info" "595.276 x 841.89 pts (A4)"
  pdffonts "$TMP/r.pdf" | tail -n +3 >"$TMP/fonts"
  if [ -s "$TMP/fonts" ] && ! awk '{ if ($(NF-4) != "yes") bad=1 } END { exit bad }' "$TMP/fonts"; then
    fail "a font is not embedded"; cat "$TMP/fonts"
  else
    if [ -s "$TMP/fonts" ]; then ok "all fonts embedded (emb yes)"; else fail "pdffonts lists no font"; fi
  fi
else
  skip "pdf text, paper and fonts"
fi

expect_status "report letter" 0 "$CLI" report --paper letter "$DATA/Communicator-uccapi-0.uccapilog" -o "$TMP/l.pdf"
if [ "$have_poppler" = yes ]; then
  pdfinfo "$TMP/l.pdf" >"$TMP/info"
  expect_in "pdf is Letter" "$TMP/info" "612 x 792 pts (letter)"
  pdftotext -enc UTF-8 "$TMP/l.pdf" "$TMP/l.txt"
  expect_in "letter pdf decodes 0x320's bits" "$TMP/l.txt" "0x200"
  expect_in "letter pdf decodes code 24" "$TMP/l.txt" "ms-client-diagnostics 24"
else
  skip "letter"
fi

# --- a healthy log: short and calm -----------------------------------------
expect_status "report healthy" 0 "$CLI" report "$DATA/healthy-audio.uccapilog" -o "$TMP/h.pdf"
if [ "$have_poppler" = yes ]; then
  pages=$(pdfinfo "$TMP/h.pdf" | sed -n 's/^Pages: *//p')
  if [ "${pages:-99}" -le 2 ]; then ok "healthy report is short ($pages pages)"; else fail "healthy report has $pages pages"; fi
  pdftotext -enc UTF-8 "$TMP/h.pdf" "$TMP/h.txt"
  expect_in "healthy verdict" "$TMP/h.txt" "No problem found"
  expect_not_in_ci "healthy has no failure section" "$TMP/h.txt" "Failed attempts"
else
  skip "healthy"
fi

# --- redaction in every format ---------------------------------------------
for fmt in pdf md csv json; do
  expect_status "report --redact $fmt" 0 "$CLI" report --redact "$DATA/Lync-UccApi-0.UccApilog" \
    "$DATA/Communicator-uccapi-0.uccapilog" "$DATA/MOSDALREPORT.zip" -o "$TMP/red.$fmt"
  if [ "$fmt" = pdf ]; then
    if [ "$have_poppler" = no ]; then skip "redacted pdf"; continue; fi
    pdftotext -enc UTF-8 "$TMP/red.pdf" "$TMP/red.pdf.txt"
    pdfinfo "$TMP/red.pdf" >>"$TMP/red.pdf.txt"
    file="$TMP/red.pdf.txt"
  else
    file="$TMP/red.$fmt"
  fi
  for value in 207.46.5.63 joe@contoso.com alice contoso.com 192.168.1.20 "Joe Bloggs" \
               52.112.1.10 65.55.127.64 dave@fabrikam.com fabrikam 192.168.20.203 10.10.4.22; do
    expect_not_in_ci "$fmt redacted: no $value" "$file" "$value"
  done
  expect_in "$fmt redacted keeps the code" "$file" "23"
done
# Without --redact the same values are there: the check above can fail.
expect_status "report md plain" 0 "$CLI" report "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/plain.md"
expect_in "plain md names joe" "$TMP/plain.md" "joe@contoso.com"
expect_in "plain md has the relay" "$TMP/plain.md" "207.46.5.63"

# --- formats by extension and by option ------------------------------------
expect_status "csv by extension" 0 "$CLI" report "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/a.csv"
expect_in "csv header" "$TMP/a.csv" "attempt,start,end,duration_ms"
expect_status "json by option" 0 "$CLI" report --format json "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/a.out"
expect_in "json schema" "$TMP/a.out" '"schema": "lyncdiag.analysis/1"'
expect_status "md to stdout" 0 "$CLI" report --format md "$DATA/Lync-UccApi-0.UccApilog" -o -
expect_in "md on stdout" "$TMP/out" "## Findings"

# --- the troubleshooting steps ------------------------------------------------
expect_status "report with wizard answers" 0 "$CLI" report --answer contacts=several --redact \
  "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/w.md"
expect_in "md has the steps" "$TMP/w.md" "## Troubleshooting steps"
expect_in "md has the user's answer" "$TMP/w.md" "answered by the user"
expect_not_in_ci "steps are redacted too" "$TMP/w.md" "contoso"
expect_status "report without wizard" 0 "$CLI" report "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/nw.md"
expect_not_in_ci "no steps unless asked" "$TMP/nw.md" "Troubleshooting steps"
expect_status "bad wizard answer" 2 "$CLI" report --answer contacts=maybe "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/w2.md"

# --- exit codes -------------------------------------------------------------
expect_status "no output" 2 "$CLI" report "$DATA/Lync-UccApi-0.UccApilog"
expect_status "no input" 2 "$CLI" report -o "$TMP/x.pdf"
expect_status "unknown format" 2 "$CLI" report --format docx "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/x.docx"
expect_status "format not guessable" 2 "$CLI" report "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/report"
expect_status "unknown paper" 2 "$CLI" report --paper a5 "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/x.pdf"
expect_status "unreadable input" 3 "$CLI" report "$TMP/does-not-exist.uccapilog" -o "$TMP/x.pdf"
if [ -e "$TMP/x.pdf" ]; then fail "a report was written for an unreadable input"; else ok "nothing written for an unreadable input"; fi
printf 'not a log\n' >"$TMP/nothing.txt"
expect_status "nothing analysable" 1 "$CLI" report "$TMP/nothing.txt" -o "$TMP/x.pdf"
expect_status "unwritable output" 4 "$CLI" report "$DATA/healthy-audio.uccapilog" -o "$TMP/no/such/dir/r.pdf"
if grep -qF "$TMP/no/such/dir/r.pdf" "$TMP/err"; then ok "unwritable output names the file"; else fail "unwritable output message"; cat "$TMP/err"; fi
cp "$DATA/healthy-audio.uccapilog" "$TMP/in.md"
expect_status "never overwrite an input" 4 "$CLI" report "$TMP/in.md" -o "$TMP/in.md"
if cmp -s "$DATA/healthy-audio.uccapilog" "$TMP/in.md"; then ok "input unchanged"; else fail "the input was overwritten"; fi
ln -s in.md "$TMP/link.md"
expect_status "never overwrite an input through a link" 4 "$CLI" report "$TMP/in.md" -o "$TMP/link.md"
if cmp -s "$DATA/healthy-audio.uccapilog" "$TMP/in.md"; then ok "input unchanged (link)"; else fail "the input was overwritten (link)"; fi
ls -a "$TMP" | grep -q '^\.goutputstream\|\.tmp$' && fail "temporary file left behind" || ok "no temporary file left"

# --- outputs never touch inputs (issue 22) -----------------------------------
# Audit: "report good.uccapilog notes.md -o notes.md" said notes.md is not a
# log, then replaced it. Every path named is guarded, read or not.
mkdir "$TMP/guard"
G="$TMP/guard"
cp "$DATA/healthy-audio.uccapilog" "$G/good.uccapilog"
printf '# my notes\n' >"$G/notes.md"
: >"$G/empty.uccapilog"
cp "$DATA/truncated.zip" "$G/damaged.zip"
cp "$DATA/encrypted.zip" "$G/encrypted.zip"
ln "$G/notes.md" "$G/hardlink.md"
ln -s notes.md "$G/symlink.md"
mkdir -p "$G/folder/sub" && printf 'old report\n' >"$G/folder/sub/old.md"
cp "$DATA/healthy-audio.uccapilog" "$G/folder/"
snapshot () { (cd "$G" && find . -exec ls -ld {} + | awk '{ print $1, $NF }'; find . -type f -exec md5sum {} +) | sort; }
snapshot >"$TMP/before"
# INPUT:OUT pairs: the output is the input, or the same file by another
# name, or a file in the folder named.
for case in "notes.md:notes.md" "empty.uccapilog:empty.uccapilog" "damaged.zip:damaged.zip" \
            "encrypted.zip:encrypted.zip" "notes.md:hardlink.md" "notes.md:symlink.md" \
            "missing.uccapilog:missing.uccapilog" "folder:folder/sub/old.md" \
            "folder:folder/healthy-audio.uccapilog"; do
  input=${case%%:*}; out=${case#*:}
  expect_status "never over input $input (-o $out)" 4 "$CLI" report --format md "$G/good.uccapilog" "$G/$input" -o "$G/$out"
  if grep -qF "$G/$out" "$TMP/err"; then ok "refusal names $out"; else fail "refusal does not name $out"; cat "$TMP/err"; fi
done
snapshot >"$TMP/after"
if cmp -s "$TMP/before" "$TMP/after"; then ok "every input byte-identical, nothing added"; else fail "the inputs changed"; diff "$TMP/before" "$TMP/after"; fi
expect_status "a new file in a named folder is fine" 0 "$CLI" report "$G/folder" -o "$G/folder/new.md"
rm -f "$G/folder/new.md"

# --- atomic writes: a full disk, a signal ---------------------------------------
printf 'the previous report\n' >"$TMP/prev.md"
# A file size limit fails the write half-way as a full disk does (SIGXFSZ
# ignored, so that write() says EFBIG).
expect_status "write fails half-way" 4 sh -c "trap '' XFSZ; ulimit -f 4; exec \"$CLI\" report --format md \"$DATA/Lync-UccApi-0.UccApilog\" \"$DATA/Communicator-uccapi-0.uccapilog\" -o \"$TMP/prev.md\""
if grep -qF "$TMP/prev.md" "$TMP/err"; then ok "failure names the file"; else fail "failure does not name the file"; cat "$TMP/err"; fi
if [ "$(cat "$TMP/prev.md")" = "the previous report" ]; then ok "existing file untouched"; else fail "existing file changed"; fi
if ls -a "$TMP" | grep -q '\.tmp$'; then fail "temporary left after a failed write"; else ok "no temporary after a failed write"; fi
if [ -w /dev/full ]; then
  expect_status "report -o - > /dev/full" 4 sh -c "exec \"$CLI\" report --format md \"$DATA/Lync-UccApi-0.UccApilog\" -o - >/dev/full"
fi
expect_status "report -o /dev/null refused" 4 "$CLI" report --format md "$DATA/Lync-UccApi-0.UccApilog" -o /dev/null
# Ctrl-C, SIGTERM, SIGHUP at any moment: the old file or the whole new one,
# never half, and no temporary left (test-output.c sends them mid-write).
for sig in INT TERM HUP; do
  printf 'the previous report\n' >"$TMP/sig.pdf"
  "$CLI" report "$DATA/Lync-UccApi-0.UccApilog" "$DATA/Communicator-uccapi-0.uccapilog" "$DATA/MOSDALREPORT.zip" \
    -o "$TMP/sig.pdf" >/dev/null 2>&1 &
  pid=$!
  sleep 0.2
  kill -s $sig $pid 2>/dev/null
  wait $pid
  if [ "$(cat "$TMP/sig.pdf")" = "the previous report" ] ||
     { head -c 5 "$TMP/sig.pdf" | grep -q '%PDF-' && tail -c 7 "$TMP/sig.pdf" | grep -q '%%EOF'; }; then
    ok "SIG$sig: the old file or the whole report"
  else
    fail "SIG$sig: half a report"
  fi
  if ls -a "$TMP" | grep -q '\.tmp$'; then fail "SIG$sig: temporary left"; else ok "SIG$sig: no temporary left"; fi
done

echo "1..$((passes + fails))"
[ "$fails" -eq 0 ]
