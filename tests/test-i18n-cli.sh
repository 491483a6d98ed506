#!/bin/sh
# test-i18n-cli.sh - lyncdiag-cli in German: help, analysis, decode, errors, reports
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-i18n-cli.sh CLI SRCDIR LOCALEDIR
# LOCALEDIR is the build's po/ directory (po/de/LC_MESSAGES/lyncdiag.mo).
# The test picks German through LANGUAGE, which glibc honours whenever the
# locale is not plain "C"; C.UTF-8 is always there on Debian, de_DE.UTF-8
# often is not, so only the number format check needs (and skips without) it.
set -u
CLI=$1
DATA=$2/data
unset LC_ALL LC_MESSAGES LC_TIME LC_NUMERIC
export LANG=C.UTF-8 LANGUAGE=de LYNCDIAG_LOCALEDIR=$3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
passes=0

ok () { passes=$((passes + 1)); echo "ok - $1"; }
fail () { fails=$((fails + 1)); echo "not ok - $1"; }
skip () { echo "ok - $1 # SKIP $2"; }

expect_status () {
  name=$1; want=$2; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  got=$?
  if [ "$got" -eq "$want" ]; then ok "$name (exit $got)"; else fail "$name: exit $got, wanted $want"; cat "$TMP/err"; fi
}
expect_in () {
  name=$1; file=$2; needle=$3
  if grep -qF -- "$needle" "$file"; then ok "$name"; else fail "$name: '$needle' not in $file"; head -40 "$file"; fi
}
expect_match () {
  name=$1; file=$2; pattern=$3
  if grep -qE -- "$pattern" "$file"; then ok "$name"; else fail "$name: /$pattern/ not in $file"; head -20 "$file"; fi
}
expect_not_in () {
  name=$1; file=$2; needle=$3
  if grep -qF -- "$needle" "$file"; then fail "$name: '$needle' found in $file"; else ok "$name"; fi
}
# Text extracted from a PDF breaks lines anywhere: compare without whitespace.
expect_in_pdf_text () {
  name=$1; file=$2; needle=$3
  if tr -d ' \n\r\t\f' <"$file" | grep -qF -- "$(printf '%s' "$needle" | tr -d ' ')"; then ok "$name"
  else fail "$name: '$needle' not in $file"; head -30 "$file"; fi
}

if [ ! -f "$LYNCDIAG_LOCALEDIR/de/LC_MESSAGES/lyncdiag.mo" ]; then
  fail "no German catalogue in $LYNCDIAG_LOCALEDIR"
  exit 1
fi

# --- help ------------------------------------------------------------------
expect_status "help" 0 "$CLI" --help
expect_in "usage is German" "$TMP/out" "Aufruf:"
expect_in "commands are explained in German" "$TMP/out" "Die Regeln hinter den Befunden auflisten"
expect_in "command names stay" "$TMP/out" "lyncdiag-cli analyze [--json] DATEI…"
expect_status "analyze --help" 0 "$CLI" analyze --help
expect_in "option help is German" "$TMP/out" "JSON ausgeben (Schema lyncdiag.analysis/1)"

# --- the analysis as text: every layer -------------------------------------
expect_status "analyze" 0 "$CLI" analyze "$DATA/Lync-UccApi-0.UccApilog"
# CLI labels (ld-format.c) and the core's attempt labels
expect_in "labels" "$TMP/out" "SIP-Nachrichten: 15"
expect_in "attempt line" "$TMP/out" "Konferenz  Anwendungsfreigabe  FEHLGESCHLAGEN"
expect_in "findings heading" "$TMP/out" "Befunde"
expect_in "severity and confidence" "$TMP/out" "[Fehler] ports-blocked"
# a finding title from the rules
expect_in "finding title" "$TMP/out" "scheinen blockiert zu sein (Anwendungsfreigabe)"
# a decoded ms-client-diagnostics code, an ICEWarn bit, a location
expect_in "code meaning" "$TMP/out" "Bedeutung: Der Anruf konnte keine Medienverbindung herstellen"
expect_in "ICEWarn bit" "$TMP/out" "TCP-TCP-Konnektivitätsprüfungen über den TURN-Server fehlgeschlagen"
expect_in "location" "$TMP/out" "extern (außerhalb des Unternehmensnetzwerks)"
expect_in "reporting component" "$TMP/out" "Von: Lync-Client (Medien)"
# the log's own time stays ISO 8601 in every language
expect_in "log time stays ISO 8601" "$TMP/out" "2014-01-30 10:05:14.310"
expect_not_in "no English label left" "$TMP/out" "Findings"

# --- rules: the severity word too ----------------------------------------------
expect_status "rules" 0 "$CLI" rules
expect_match "rules list German severities" "$TMP/out" "^ports-blocked +Fehler +Ein fehlgeschlagener Anruf"

# --- decode ----------------------------------------------------------------
expect_status "decode" 0 "$CLI" decode 'ICEWarn=0x4000320'
expect_in "decode is German" "$TMP/out" "TCP-NAT-Konnektivität fehlgeschlagen"

# --- errors ----------------------------------------------------------------
expect_status "missing file" 3 "$CLI" analyze "$TMP/nothing-here.uccapilog"
expect_in "input error is German" "$TMP/err" "existiert nicht. Prüfen Sie den Namen und den Ordner."
expect_status "no command" 2 "$CLI"
expect_in "usage error is German" "$TMP/err" "Kein Befehl angegeben."

# --- machine formats stay as they are --------------------------------------
expect_status "analyze --json" 0 "$CLI" analyze --json "$DATA/Lync-UccApi-0.UccApilog"
expect_in "json keeps its vocabulary" "$TMP/out" '"modality": "application-sharing"'
expect_in "json keeps its outcome" "$TMP/out" '"outcome": "failed"'
expect_status "report csv" 0 "$CLI" report "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/r.csv"
expect_in "csv header stays" "$TMP/r.csv" "attempt,start,end,duration_ms,kind,modality"
expect_in "csv values stay" "$TMP/r.csv" "conference,application-sharing"

# --- Markdown report -------------------------------------------------------
expect_status "report md" 0 "$CLI" report "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/r.md"
expect_in "md title" "$TMP/r.md" "# Diagnosebericht für Lync / Skype for Business"
expect_in "md verdict" "$TMP/r.md" "**Fazit:** Problem gefunden:"
expect_in "md findings" "$TMP/r.md" "## Befunde"
expect_in "md example attempt" "$TMP/r.md" "**Beispiel: Versuch 3, Bildschirmfreigabe der Besprechung, fehlgeschlagen**"
expect_in "md first action" "$TMP/r.md" "## Zuerst tun"
# C.UTF-8 has no date notation of its own: the translation's (dd.mm.yyyy)
expect_match "md analysis date in German notation" "$TMP/r.md" "Analysiert am [0-9]{2}\.[0-9]{2}\.[0-9]{4} [0-9]{2}:[0-9]{2}"

# --- PDF report --------------------------------------------------------------
if command -v pdftotext >/dev/null 2>&1; then
  expect_status "report pdf" 0 "$CLI" report "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/r.pdf"
  pdftotext "$TMP/r.pdf" "$TMP/r.txt"
  expect_in_pdf_text "pdf title" "$TMP/r.txt" "Diagnosebericht für Lync / Skype for Business"
  expect_in_pdf_text "pdf verdict" "$TMP/r.txt" "FAZIT"
  expect_in_pdf_text "pdf incident" "$TMP/r.txt" "Benutzer und Client"
  expect_in_pdf_text "pdf who acts" "$TMP/r.txt" "Netzwerkadministration:"
  expect_in_pdf_text "pdf attempts counted" "$TMP/r.txt" "Die CSV- und JSON-Exporte enthalten jeden."
  expect_in_pdf_text "pdf page footer" "$TMP/r.txt" "Seite 1 von"
  expect_in_pdf_text "pdf finding title" "$TMP/r.txt" "scheinen blockiert zu sein"
else
  skip "pdf report in German" "poppler-utils not installed"
fi

# --- numbers and dates in a German locale ------------------------------------
# Counts take the locale's thousands separator; needs de_DE.UTF-8 generated.
if locale -a 2>/dev/null | grep -qiE '^de_DE\.utf-?8$'; then
  { i=0; while [ $i -lt 1500 ]; do
      printf '01/30/2014|10:04:59.%03d 1A2C:1B3C INFO  :: padding line\n' $((i % 1000)); i=$((i + 1)); done
    cat "$DATA/Lync-UccApi-0.UccApilog"; } > "$TMP/big.uccapilog"
  LC_ALL=de_DE.UTF-8 expect_status "analyze in de_DE" 0 "$CLI" analyze "$TMP/big.uccapilog"
  expect_match "line count grouped" "$TMP/out" "Zeilen: +1\.[0-9]{3},"
  expect_match "decimal comma" "$TMP/out" "Dauer 10,9 s"
  LC_ALL=de_DE.UTF-8 expect_status "report md in de_DE" 0 "$CLI" report "$DATA/Lync-UccApi-0.UccApilog" -o "$TMP/de.md"
  expect_match "analysis date in the locale's notation" "$TMP/de.md" "Analysiert am [0-9]{2}\.[0-9]{2}\.[0-9]{4}"
  expect_in "log time stays ISO 8601 in de_DE" "$TMP/de.md" "2014-01-30 10:05:14.310"
else
  skip "thousands separator and decimal comma" "de_DE.UTF-8 is not generated (locale -a)"
fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
