#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test program against a real Secret Service of its own: a private D-Bus session, an
# unlocked gnome-keyring and a throwaway HOME, so that a test never touches the developer's
# keyring and never sees another test's items. TAP "1..0 # SKIP" when that cannot be had.
# Usage: with-keyring.sh PROGRAM [ARGS…]
set -u

if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "1..0 # SKIP dbus-run-session or gnome-keyring-daemon missing"
  exit 0
fi
if [ -z "${MC_KEYRING_INNER:-}" ]; then
  MC_KEYRING_INNER=1 exec dbus-run-session -- "$0" "$@"
rc=$?
exit $rc
fi

tmp=$(mktemp -d)
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
mkdir -m 0700 "$XDG_RUNTIME_DIR"

# An empty password does not unlock the login keyring: any other does. The tests' G_DEBUG is
# not the daemon's: replacing an item makes it warn, and a fatal warning would kill it.
printf %s test-pass | env -u G_DEBUG -u G_MESSAGES_DEBUG gnome-keyring-daemon --foreground --unlock \
  --components=secrets >/dev/null 2>&1 &
keyring=$!
cleanup () { kill "$keyring" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

up=
for _ in $(seq 100); do
  if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
       --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true; then
    up=1
    break
  fi
  sleep 0.1
done
if [ -z "$up" ]; then
  echo "1..0 # SKIP the Secret Service (gnome-keyring) did not start"
  exit 0
fi
"$@"
rc=$?
exit $rc
