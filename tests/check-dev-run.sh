#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `build-aux/dev run` starts the window the build made: the program it executes in its _build
# is the one meson builds (a build change once moved the program, and the set-up command then
# started nothing). Usage: check-dev-run.sh SOURCE_ROOT BUILD_ROOT BUILT_PROGRAM
set -u
root=$1 build_root=$2 built=$3
echo "1..1"
path=$(sed -n 's/^ *exec \(_build\/[^ ]*\) --training.*/\1/p' "$root/build-aux/dev")
if [ -n "$path" ] && [ "$path" = "_build/${built#"$build_root"/}" ]; then
  echo "ok 1 - build-aux/dev run starts $path"
else
  echo "# build-aux/dev run starts “$path”; meson builds ${built#"$build_root"/}"
  echo "not ok 1 - build-aux/dev run starts the built program"
fi
