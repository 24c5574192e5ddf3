#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The report benchmark on a generated profile (default 1,000,000 dossiers), under Xvfb.
#   report-bench.sh BENCH_REPORT MOTCUACTL [DOSSIERS]
# The profile is made once with `motcuactl init-sample` and kept in $MC_BENCH_DIR (default
# /tmp/motcua-bench) as r<DOSSIERS>.
set -eu
bench=$1; motcuactl=$2; shift 2
n=${1:-1000000}
dir=${MC_BENCH_DIR:-/tmp/motcua-bench}
mkdir -p "$dir"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1366x768x24" "$0" "$bench" "$motcuactl" "$n"
fi

export GSK_RENDERER=${GSK_RENDERER:-cairo} GTK_A11Y=${GTK_A11Y:-none} NO_AT_BRIDGE=1
profile="$dir/r$n"
if [ ! -f "$profile/motcua.db" ]; then
  echo "# generating $n sample dossiers in $profile"
  "$motcuactl" --profile "$profile" init-sample --dossiers "$n" >/dev/null
fi
"$bench" --profile "$profile" --runs "${MC_BENCH_RUNS:-5}"
