# build-aux/deps.sh - the Debian 12 packages LyncDiag needs; sourced by run, test and bench
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Build: compiler, meson, the libraries of the core and the app.
LD_BUILD_PACKAGES="gcc pkg-config meson ninja-build gettext libglib2.0-dev libglib2.0-bin
  libgtk-4-dev libpcre2-dev libzip-dev zlib1g-dev libcairo2-dev libpango1.0-dev
  desktop-file-utils appstream shared-mime-info"
# Tests: a display for the UI tests, PDF tools, zip, D-Bus; groff and mandoc
# to render and lint the manual pages; xdg-utils for the install test.
LD_TEST_PACKAGES="xvfb xauth dbus dbus-x11 poppler-utils python3 fonts-dejavu-core
  groff-base mandoc xdg-utils"

# ld_ensure_packages PKG...: installs what is missing (as root), or prints
# the exact command to run and stops.
ld_ensure_packages () {
  missing=""
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $pkg"
    fi
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || { echo "apt-get update failed; check the network and the apt sources." >&2; exit 1; }
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
      { echo "apt-get install failed for:$missing" >&2; exit 1; }
  else
    echo "These packages are missing. Install them, then run this again:" >&2
    echo "  sudo apt-get install$missing" >&2
    exit 1
  fi
}
