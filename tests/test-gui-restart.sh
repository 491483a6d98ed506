#!/bin/sh
# test-gui-restart.sh - the app starts itself once more, with glibc's malloc
# asking for huge pages, and only when that changes anything (src/gui/main.c)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-gui-restart.sh APP
# Runs `APP --help` (no display needed) under strace, which lists the
# programs started and their environments.
set -u
APP=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
passes=0

ok () { passes=$((passes + 1)); echo "ok - $1"; }
fail () { fails=$((fails + 1)); echo "not ok - $1"; }

if ! command -v strace >/dev/null 2>&1; then
  echo "1..0 # SKIP strace is not installed (apt-get install strace)"
  exit 77
fi
# Where tracing is not allowed (a container without ptrace), nothing can be seen.
if ! strace -f -o /dev/null true >/dev/null 2>&1; then
  echo "1..0 # SKIP strace may not trace here"
  exit 77
fi
madvise=0
grep -q '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null && madvise=1

# run NAME [VAR=VALUE]: `APP --help` with GLIBC_TUNABLES unset or as given;
# the programs started end up in $TMP/starts, one line each.
run () {
  name=$1; shift
  env -u GLIBC_TUNABLES -u LYNCDIAG_SAVED_GLIBC_TUNABLES -u DISPLAY -u WAYLAND_DISPLAY "$@" \
    strace -f -v -s 1000 -e trace=execve -o "$TMP/trace" "$APP" --help >"$TMP/out" 2>"$TMP/err"
  status=$?
  grep 'execve(' "$TMP/trace" | grep -v 'ENOENT' >"$TMP/starts"
  if [ "$status" -eq 0 ] && grep -q -- '--bench=FILE' "$TMP/out"; then ok "$name: help shown"; else fail "$name: exit $status"; cat "$TMP/err"; fi
}
expect_starts () {
  name=$1; want=$2
  got=$(wc -l <"$TMP/starts")
  if [ "$got" -eq "$want" ]; then ok "$name: started $got time(s)"; else fail "$name: started $got times, wanted $want"; cat "$TMP/starts"; fi
}
expect_second () {
  name=$1; needle=$2
  if sed -n 2p "$TMP/starts" | grep -qF -- "$needle"; then ok "$name: $needle"; else fail "$name: '$needle' not in the restart's execve"; sed -n 2p "$TMP/starts"; fi
}

run "no tunables"
if [ "$madvise" -eq 1 ]; then
  expect_starts "no tunables" 2
  expect_second "no tunables" '"GLIBC_TUNABLES=glibc.malloc.hugetlb=1"'
  expect_second "no tunables" '"LYNCDIAG_SAVED_GLIBC_TUNABLES=-"'
  # Its own file by name, not /proc/self/exe: the process keeps its name.
  expect_second "no tunables" "execve(\"$(readlink -f "$APP")\""
else
  # Huge pages always given, or never: nothing to ask for.
  expect_starts "no tunables, huge pages not on request" 1
fi

# Another tunable of the user's: kept, and saved to be put back for what
# the app starts.
run "another tunable" GLIBC_TUNABLES=glibc.malloc.check=0
if [ "$madvise" -eq 1 ]; then
  expect_starts "another tunable" 2
  expect_second "another tunable" '"GLIBC_TUNABLES=glibc.malloc.check=0:glibc.malloc.hugetlb=1"'
  expect_second "another tunable" '"LYNCDIAG_SAVED_GLIBC_TUNABLES==glibc.malloc.check=0"'
fi

# The user said either way: the app does not start again.
run "hugetlb=0 given" GLIBC_TUNABLES=glibc.malloc.hugetlb=0
expect_starts "hugetlb=0 given" 1
run "hugetlb=1 given" GLIBC_TUNABLES=glibc.malloc.hugetlb=1
expect_starts "hugetlb=1 given" 1

echo "1..$((passes + fails))"
echo "# $passes passed, $fails failed"
[ "$fails" -eq 0 ]
