#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# From an action's commit to the ministry system applying it, in the real window under Xvfb,
# with the simulator on loopback.
#   push-bench.sh BENCH_PUSH MOTCUACTL [DOSSIERS…]   (default: 2000 1000000)
# The profiles are made once (a million takes a few minutes: see bench-push.c) and kept in
# $MC_BENCH_DIR (default /tmp/motcua-bench) as push-p<DOSSIERS>, named so only once complete;
# each run works on a copy made with SQLite's backup (what is still in the WAL comes along).
# The clock is pinned, so that the simulator serves the same data every run.
set -eu
bench=$1; motcuactl=$2; shift 2
[ $# -gt 0 ] || set -- 2000 1000000
dir=${MC_BENCH_DIR:-/tmp/motcua-bench}
mkdir -p "$dir"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1366x768x24" "$0" "$bench" "$motcuactl" "$@"
fi

export GSK_RENDERER=${GSK_RENDERER:-cairo} GTK_A11Y=${GTK_A11Y:-none} NO_AT_BRIDGE=1
export MC_NOW="2026-11-24 10:00"
status=0
for n in "$@"; do
  base="$dir/push-p$n"
  if [ ! -d "$base" ]; then
    echo "# making $base: the simulator's dossiers, then sample ones up to $n"
    rm -rf "$base.new"
    "$motcuactl" --profile "$base.new" init-sample --dossiers 0 >/dev/null
    have=$("$bench" --profile "$base.new" --prime)
    if [ "$n" -gt "$have" ]; then
      "$motcuactl" --profile "$base.new" init-sample --dossiers $((n - have)) >/dev/null
    fi
    mv "$base.new" "$base"
  fi
  work=$(mktemp -d "$dir/push-work-XXXXXX")
  sqlite3 "$base/motcua.db" ".backup '$work/motcua.db'"
  "$bench" --profile "$work" --actions "${MC_BENCH_ACTIONS:-50}" || status=1
  rm -rf "$work"
done
exit $status
