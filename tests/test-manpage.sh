#!/bin/sh
# test-manpage.sh - a manual page documents exactly the options --help prints
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-manpage.sh PROGRAM PAGE
#   lyncdiag-cli: "--help" and "COMMAND --help" of every command the usage
#   lists (each must exit 0, and each command needs an entry under
#   COMMANDS); lyncdiag: "--help-all". Every long option in that help is in
#   the page, with its short form when it has one, and every long option in
#   the page is in the help. groff (and mandoc, when installed) report no
#   warning.
set -u
PROG=$1
PAGE=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
fail () { fails=$((fails + 1)); echo "not ok - $1"; }
ok () { echo "ok - $1"; }

name=$(basename "$PROG")
if ! "$PROG" --help >"$TMP/help" 2>"$TMP/err"; then
  fail "$name --help exits 0"; cat "$TMP/err"
fi
if [ "$name" = lyncdiag-cli ]; then
  commands=$(sed -n 's/^  lyncdiag-cli \([a-z][a-z]*\).*/\1/p' "$TMP/help" | sort -u)
  [ -n "$commands" ] || fail "$name --help lists commands"
  for cmd in $commands; do
    if "$PROG" "$cmd" --help >>"$TMP/help" 2>"$TMP/err"; then ok "$name $cmd --help"; else fail "$name $cmd --help exits 0"; cat "$TMP/err"; fi
    if sed -n '/^\.SH COMMANDS/,/^\.SH [^C]/p' "$PAGE" | grep -Eq "^\.B[IR]* \"?$cmd( |\"|\$)"; then
      ok "COMMANDS describes $cmd"
    else
      fail "COMMANDS in $PAGE has no entry for $cmd"
    fi
  done
else
  "$PROG" --help-all >"$TMP/help" 2>"$TMP/err" || { fail "$name --help-all exits 0"; cat "$TMP/err"; }
fi

# The page as a reader sees it, in ASCII, on long lines without hyphenation
# so no option is split.
if groff -man -Tascii -P-cbou -rLL=2000n -rHY=0 "$PAGE" >"$TMP/page" 2>"$TMP/groff-err"; then
  ok "groff renders $PAGE"
else
  fail "groff renders $PAGE"; cat "$TMP/groff-err"
fi
grep -o -- '--[a-z][a-z0-9-]*' "$TMP/help" | sort -u >"$TMP/help-opts"
grep -o -- '--[a-z][a-z0-9-]*' "$TMP/page" | sort -u >"$TMP/page-opts"
[ -s "$TMP/help-opts" ] || fail "found no option in the help"
missing=$(comm -23 "$TMP/help-opts" "$TMP/page-opts")
extra=$(comm -13 "$TMP/help-opts" "$TMP/page-opts")
if [ -z "$missing" ]; then ok "every option of the help is in the page"; else fail "not in $PAGE: $(echo $missing)"; fi
if [ -z "$extra" ]; then ok "every option of the page is in the help"; else fail "in $PAGE but in no --help: $(echo $extra)"; fi
grep -oE -- '(^| )-[a-zA-Z], --[a-z][a-z0-9-]*' "$TMP/help" | sed 's/^ //' | sort -u | while read -r pair; do
  grep -qF -- "$pair" "$TMP/page" || echo "$pair"
done >"$TMP/pairs"
if [ -s "$TMP/pairs" ]; then fail "short forms missing from $PAGE: $(echo $(cat "$TMP/pairs"))"; else ok "short forms match"; fi

# Lint: any warning fails.
groff -man -Tutf8 -ww -z "$PAGE" >"$TMP/lint" 2>&1
if [ -s "$TMP/lint" ]; then fail "groff -ww warns"; cat "$TMP/lint"; else ok "groff -ww is silent"; fi
if command -v mandoc >/dev/null 2>&1; then
  mandoc -Tlint -W warning "$PAGE" >"$TMP/lint" 2>&1
  if [ -s "$TMP/lint" ]; then fail "mandoc -Tlint warns"; cat "$TMP/lint"; else ok "mandoc -Tlint is silent"; fi
fi

[ "$fails" -eq 0 ]
