#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Vietnamese catalog the GUI tests run with: po/vi.po, plus the GUI's pending
# translations until they are merged into it. Usage: make-test-catalog.sh OUT_DIR STAMP PO_FILE…
set -eu
out=$1; stamp=$2; shift 2
mkdir -p "$out/vi/LC_MESSAGES"
msgcat --use-first -o "$out/vi-merged.po" "$@"
msgfmt --check-format -o "$out/vi/LC_MESSAGES/motcua.mo" "$out/vi-merged.po"
touch "$stamp"
