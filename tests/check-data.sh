#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Validators for the data files, one check per call, speaking TAP so that a missing tool is a
# visible SKIP rather than a silent pass. Usage: check-data.sh CHECK ARGS…
set -u
check=$1; shift

skip() { echo "1..0 # SKIP $*"; exit 0; }
need() { command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed"; }
verdict() {  # verdict NAME STATUS OUTPUT
  echo "1..1"
  if [ "$2" -eq 0 ]; then echo "ok 1 - $1"; else
    printf '%s\n' "$3" | sed 's/^/# /'
    echo "not ok 1 - $1"
  fi
}

case $check in
  desktop)
    need desktop-file-validate
    out=$(desktop-file-validate "$1" 2>&1); verdict "desktop-file-validate $(basename "$1")" $? "$out" ;;
  metainfo)
    need appstreamcli
    out=$(appstreamcli validate --no-net --pedantic "$1" 2>&1); rc=$?
    # Pedantic hints are advice; warnings and errors fail.
    appstreamcli validate --no-net "$1" >/dev/null 2>&1 || rc=1
    [ $rc -ne 0 ] && grep -qE '^(E|W):' <<<"$out" || rc=0
    verdict "appstreamcli validate $(basename "$1")" $rc "$out" ;;
  schemas)
    need glib-compile-schemas
    out=$(glib-compile-schemas --strict --dry-run "$1" 2>&1); verdict "glib-compile-schemas --strict" $? "$out" ;;
  flatpak)
    need flatpak-builder
    out=$(flatpak-builder --show-manifest "$1" 2>&1 >/dev/null); rc=$?
    grep -q "Unknown property" <<<"$out" && rc=1
    verdict "flatpak-builder --show-manifest $(basename "$1")" $rc "$out" ;;
  *)
    echo "unknown check $check" >&2; exit 2 ;;
esac
