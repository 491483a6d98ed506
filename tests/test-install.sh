#!/bin/sh
# test-install.sh - `meson install` gives a working desktop app, CLI and manual pages
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-install.sh SOURCE_ROOT BUILD_ROOT WORKDIR GUI(true|false)
#
# 1. Staged install (`meson install --destdir`) of the build under test:
#    every file at its FreeDesktop path under DESTDIR+prefix, and none of
#    gnome.post_install's caches: meson skips every post-install script
#    when DESTDIR is set (the distribution's triggers run them instead).
# 2. A real install: a build of the same source configured with
#    --prefix=WORKDIR/prefix (kept in WORKDIR, so a rerun only rebuilds what
#    changed; only the installed targets are built), then `meson install`,
#    which runs the post-install steps: schemas compiled, MIME, icon and
#    desktop caches written. The installed programs then run from there
#    with nothing but XDG_DATA_DIRS pointing at the prefix: --version,
#    analyze on a fixture, each translation, the manual pages through
#    man(1), `*.uccapilog` recognised as text/x-uccapilog and opened by
#    the app's desktop file (gio; xdg-mime when installed), and the app
#    started under X11 on a fixture with --bench.
# Exits 77 (skip) when everything else passed but there is no display for
# the app.
set -u
SRC=$1
BUILD=$2
WORK=$3
GUI=$4
APP_ID=org.lyncdiag.LyncDiag
FIXTURE=$SRC/tests/data/Lync-UccApi-0.UccApilog
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
ok () { echo "ok - $1"; }
fail () { fails=$((fails + 1)); echo "not ok - $1"; }
check () { # NAME CMD...: ok when CMD succeeds
  name=$1; shift
  if "$@" >"$TMP/check.out" 2>&1; then ok "$name"; else fail "$name"; sed 's/^/# /' "$TMP/check.out" | head -20; fi
}

# build option NAME of build dir DIR
option () {
  meson introspect --buildoptions "$1" |
    python3 -c 'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == sys.argv[1]))' "$2"
}

# check_tree ROOT BINDIR DATADIR MANDIR LOCALEDIR: the installed files
check_tree () {
  root=$1 bindir=$2 datadir=$3 mandir=$4 localedir=$5
  check "bin/lyncdiag-cli installed" test -x "$root/$bindir/lyncdiag-cli"
  check "man1/lyncdiag-cli.1 installed" test -s "$root/$mandir/man1/lyncdiag-cli.1"
  if [ "$GUI" = true ]; then
    for f in "$bindir/lyncdiag" \
             "$datadir/applications/$APP_ID.desktop" \
             "$datadir/mime/packages/$APP_ID.xml" \
             "$datadir/metainfo/$APP_ID.metainfo.xml" \
             "$datadir/glib-2.0/schemas/$APP_ID.gschema.xml" \
             "$datadir/icons/hicolor/scalable/apps/$APP_ID.svg" \
             "$datadir/icons/hicolor/symbolic/apps/$APP_ID-symbolic.svg" \
             "$datadir/lyncdiag/help/C/index.html" \
             "$datadir/lyncdiag/help/de/index.html" \
             "$mandir/man1/lyncdiag.1"; do
      check "$f installed" test -s "$root/$f"
    done
    check "lyncdiag is executable" test -x "$root/$bindir/lyncdiag"
  fi
  for lang in $(sed 's/#.*//' "$SRC/po/LINGUAS"); do
    check "$lang translation installed" test -s "$root/$localedir/$lang/LC_MESSAGES/lyncdiag.mo"
  done
}

# post_install_outputs DATADIR: the files gnome.post_install's steps write
post_install_outputs () {
  echo "$1/glib-2.0/schemas/gschemas.compiled"
  echo "$1/mime/mime.cache"
  echo "$1/icons/hicolor/icon-theme.cache"
  echo "$1/applications/mimeinfo.cache"
}

# --- 1. Staged install of the build under test
prefix=$(option "$BUILD" prefix)
bindir=$(option "$BUILD" bindir)
datadir=$(option "$BUILD" datadir)
mandir=$(option "$BUILD" mandir)
localedir=$(option "$BUILD" localedir)
if meson install -C "$BUILD" --no-rebuild --destdir "$TMP/stage" >"$TMP/stage.log" 2>&1; then
  ok "meson install --destdir"
else
  fail "meson install --destdir"; tail -20 "$TMP/stage.log"
fi
check_tree "$TMP/stage$prefix" "$bindir" "$datadir" "$mandir" "$localedir"
if [ "$GUI" = true ]; then
  for f in $(post_install_outputs "$TMP/stage$prefix/$datadir"); do
    check "DESTDIR: post-install skipped, no ${f#"$TMP/stage"}" test ! -e "$f"
  done
  skipped=$(grep -c 'Skipping custom install script because DESTDIR is set' "$TMP/stage.log")
  check "DESTDIR: meson says it skipped the 4 post-install steps ($skipped)" test "$skipped" -eq 4
fi
# Nothing of it may land outside DESTDIR.
check "DESTDIR: nothing installed into the real prefix" \
  sh -c "! grep -v '^Installing .* to $TMP/stage' '$TMP/stage.log' | grep '^Installing'"

# --- 2. A real install into WORKDIR/prefix
PREFIX=$WORK/prefix
NB=$WORK/build
rm -rf "$PREFIX"
if [ ! -f "$NB/build.ninja" ]; then
  rm -rf "$NB"
  meson setup "$NB" "$SRC" --prefix="$PREFIX" -Dbuildtype=plain -Dgui="$GUI" >"$TMP/setup.log" 2>&1 ||
    { fail "meson setup --prefix"; tail -30 "$TMP/setup.log"; exit 1; }
fi
# Regenerate first if a meson.build changed, then build only what is installed.
ninja -C "$NB" build.ninja >/dev/null 2>&1
targets=$(meson introspect --targets "$NB" | python3 -c '
import json, os, sys
nb = sys.argv[1]
for t in json.load(sys.stdin):
    if t["installed"]:
        for f in t["filename"]:
            print(os.path.relpath(f, nb))' "$NB")
# shellcheck disable=SC2086
if ninja -C "$NB" $targets >"$TMP/build.log" 2>&1 && meson install -C "$NB" --no-rebuild >"$TMP/install.log" 2>&1; then
  ok "meson install into $PREFIX"
else
  fail "build and meson install into $PREFIX"; tail -30 "$TMP/build.log" "$TMP/install.log"; exit 1
fi
check_tree "$PREFIX" bin share share/man share/locale
if [ "$GUI" = true ]; then
  for f in $(post_install_outputs "$PREFIX/share"); do
    check "post-install wrote ${f#"$PREFIX/"}" test -s "$f"
  done
  check "the compiled schema holds $APP_ID" \
    sh -c "gsettings --schemadir '$PREFIX/share/glib-2.0/schemas' list-keys $APP_ID | grep -qx window-size"
  check "update-mime-database registered text/x-uccapilog" test -s "$PREFIX/share/mime/text/x-uccapilog.xml"
  check "mimeinfo.cache maps text/x-uccapilog to the desktop file" \
    grep -q "^text/x-uccapilog=.*$APP_ID.desktop" "$PREFIX/share/applications/mimeinfo.cache"
  check "icon-theme.cache names the icon" grep -q "$APP_ID" "$PREFIX/share/icons/hicolor/icon-theme.cache"
fi

# The installed programs see only the prefix (and the system's own data),
# as a user of that prefix would set it up. GLib ignores a desktop file
# whose Exec is not on PATH, so the prefix's bin must be there.
unset GSETTINGS_SCHEMA_DIR LYNCDIAG_LOCALEDIR G_TEST_SRCDIR G_TEST_BUILDDIR
export PATH="$PREFIX/bin:$PATH"
export XDG_DATA_DIRS="$PREFIX/share:/usr/local/share:/usr/share"
export XDG_DATA_HOME="$TMP/home/data" XDG_CONFIG_HOME="$TMP/home/config"
export XDG_CONFIG_DIRS="$TMP/etc-xdg" XDG_CACHE_HOME="$TMP/home/cache" HOME="$TMP/home"
export GSETTINGS_BACKEND=memory
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CONFIG_DIRS"

version=$(meson introspect --projectinfo "$NB" | python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])')
check "installed lyncdiag-cli --version" sh -c "'$PREFIX/bin/lyncdiag-cli' --version | grep -qx 'lyncdiag-cli $version'"
"$PREFIX/bin/lyncdiag-cli" analyze "$FIXTURE" >"$TMP/analyze.out" 2>"$TMP/analyze.err"
status=$?
check "installed lyncdiag-cli analyze exits 0 ($status)" test "$status" -eq 0
check "installed lyncdiag-cli analyze finds the failed sharing attempt" \
  grep -q 'Attempt 3 .*application-sharing *FAILED' "$TMP/analyze.out"

# Each translation is found where the installed programs look (LOCALEDIR).
LC_ALL=C.UTF-8 "$PREFIX/bin/lyncdiag-cli" --help >"$TMP/help.C" 2>&1
for lang in $(sed 's/#.*//' "$SRC/po/LINGUAS"); do
  LC_ALL=C.UTF-8 LANGUAGE=$lang "$PREFIX/bin/lyncdiag-cli" --help >"$TMP/help.$lang" 2>&1
  check "installed lyncdiag-cli speaks $lang" sh -c "! cmp -s '$TMP/help.C' '$TMP/help.$lang'"
done

# man finds the installed pages by name.
if command -v man >/dev/null 2>&1; then
  check "man finds lyncdiag-cli(1) in the prefix" \
    sh -c "MANPATH='$PREFIX/share/man' man -w lyncdiag-cli | grep -qx '$PREFIX/share/man/man1/lyncdiag-cli.1'"
  [ "$GUI" = true ] && check "man finds lyncdiag(1) in the prefix" \
    sh -c "MANPATH='$PREFIX/share/man' man -w lyncdiag | grep -qx '$PREFIX/share/man/man1/lyncdiag.1'"
fi

[ "$GUI" = true ] || { [ "$fails" -eq 0 ]; exit; }

# The MIME type and the default application, as a desktop sees them.
mkdir -p "$TMP/files"
cp "$FIXTURE" "$TMP/files/Lync-UccApi-0.UccApilog"
cp "$FIXTURE" "$TMP/files/communicator-uccapi-0.uccapilog"
cp "$FIXTURE" "$TMP/files/Lync-UccApi-0.UccApilog.bak"
for f in "$TMP"/files/*; do
  check "gio: ${f##*/} is text/x-uccapilog" \
    sh -c "gio info -a standard::content-type '$f' | grep -qx '  standard::content-type: text/x-uccapilog'"
done
check "gio: the default app for text/x-uccapilog is $APP_ID.desktop" \
  sh -c "gio mime text/x-uccapilog | grep -q 'Default application for .text/x-uccapilog.: $APP_ID.desktop'"
if command -v xdg-mime >/dev/null 2>&1; then
  # xdg-mime asks gio under GNOME (file(1) elsewhere, which knows no
  # shared-mime-info package).
  for f in "$TMP"/files/*; do
    check "xdg-mime: ${f##*/} is text/x-uccapilog" \
      sh -c "XDG_CURRENT_DESKTOP=GNOME xdg-mime query filetype '$f' | grep -qx text/x-uccapilog"
  done
  check "xdg-mime: the default for text/x-uccapilog is $APP_ID.desktop" \
    sh -c "XDG_CURRENT_DESKTOP=GNOME xdg-mime query default text/x-uccapilog | grep -qx $APP_ID.desktop"
else
  echo "# xdg-mime not installed (xdg-utils): checked with gio only"
fi

# The installed app opens a fixture in a real window and quits.
if [ -z "${DISPLAY:-}" ]; then
  echo "# no display: the installed app was not started"
  [ "$fails" -eq 0 ] && exit 77
  exit 1
fi
GDK_BACKEND=x11 GTK_A11Y=none GSK_RENDERER=cairo NO_AT_BRIDGE=1 \
  timeout 120 "$PREFIX/bin/lyncdiag" --bench="$FIXTURE" >"$TMP/bench.out" 2>"$TMP/bench.err"
status=$?
check "installed lyncdiag --bench exits 0 ($status)" test "$status" -eq 0
check "installed lyncdiag shows the fixture's 3 attempts" grep -qx 'attempts: 3' "$TMP/bench.out"
check "installed lyncdiag prints its timings" grep -q '^loaded-ms: [0-9]' "$TMP/bench.out"
# Its stages of loading, each a time, in the order they happen, none after "fully loaded".
check "installed lyncdiag tells its stages in order" awk -F': ' '
  { v[$1] = $2 }
  END {
    split("read-ms document-ms listed-ms messages-ms loaded-ms max-stall-at-ms", k, " ")
    for (i in k) if (v[k[i]] !~ /^[0-9]+$/) exit 1
    exit !(v["read-ms"] <= v["document-ms"] && v["document-ms"] <= v["listed-ms"] &&
           v["document-ms"] <= v["messages-ms"] && v["listed-ms"] <= v["loaded-ms"] &&
           v["messages-ms"] <= v["loaded-ms"] && v["max-stall-at-ms"] <= v["loaded-ms"])
  }' "$TMP/bench.out"
check "installed lyncdiag warns about nothing" test ! -s "$TMP/bench.err"
[ -s "$TMP/bench.err" ] && sed 's/^/# /' "$TMP/bench.err" | head -20

[ "$fails" -eq 0 ]
