#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The work queue benchmark on generated profiles, in the real window under Xvfb.
#   queue-bench.sh BENCH_QUEUE MOTCUACTL [DOSSIERS…]   (default: 100000 1000000)
# Profiles are made once with `motcuactl init-sample` (a million takes a few minutes) and kept
# in $MC_BENCH_DIR (default /tmp/motcua-bench) as p<DOSSIERS>. Set MC_BENCH_RUNS to repeat
# each measurement more or less than 5 times.
set -eu
bench=$1; motcuactl=$2; shift 2
[ $# -gt 0 ] || set -- 100000 1000000
dir=${MC_BENCH_DIR:-/tmp/motcua-bench}
mkdir -p "$dir"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$bench" "$motcuactl" "$@"
fi

export GSK_RENDERER=${GSK_RENDERER:-cairo} GTK_A11Y=${GTK_A11Y:-none} NO_AT_BRIDGE=1
for n in "$@"; do
  profile="$dir/p$n"
  if [ ! -f "$profile/motcua.db" ]; then
    echo "# generating $n sample dossiers in $profile"
    "$motcuactl" --profile "$profile" init-sample --dossiers "$n" >/dev/null
  fi
  "$bench" --profile "$profile" --runs "${MC_BENCH_RUNS:-5}"
done
