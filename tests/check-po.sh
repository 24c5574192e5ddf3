#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Vietnamese translation is complete: every translatable string in the sources (extracted
# afresh, so a new string without a translation fails) has a non-fuzzy translation in vi.po,
# the catalog compiles with format checks, every file with translatable strings is listed in
# POTFILES.in, and the translation keeps one word for one thing. Usage: check-po.sh SOURCE_ROOT
set -u
root=$1
cd "$root" || exit 1
for tool in xgettext msgfmt msgcmp msgmerge msgattrib python3; do
  command -v $tool >/dev/null || { echo "1..0 # SKIP $tool is not installed"; exit 0; }
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "1..4"

# 1. Every file with translatable strings is listed.
missing=""
for f in $(git ls-files 'src/*.c' 'ui/*.ui' 2>/dev/null || find src ui -name '*.c' -o -name '*.ui'); do
  if grep -qE '\b(N?_|ngettext|g_dngettext)\(|translatable="yes"' "$f" && ! grep -qxF "$f" po/POTFILES.in; then
    missing="$missing $f"
  fi
done
if [ -z "$missing" ]; then echo "ok 1 - POTFILES.in lists every file with translatable strings"
else echo "# not listed:$missing"; echo "not ok 1 - POTFILES.in lists every file with translatable strings"; fi

# 2. Every extracted msgid is translated (msgcmp treats untranslated and fuzzy as missing).
grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/files"
xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --keyword=ngettext:1,2 --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
  --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format --flag=g_printerr:1:c-format \
  --flag=g_print:1:c-format -f "$tmp/files" -o "$tmp/motcua.pot" 2>"$tmp/xgettext.log"
if out=$(msgcmp po/vi.po "$tmp/motcua.pot" 2>&1); then echo "ok 2 - vi.po translates every string"
else printf '%s\n' "$out" | head -40 | sed 's/^/# /'; echo "not ok 2 - vi.po translates every string"; fi

# 3. It compiles, format strings agree, and nothing is fuzzy or untranslated.
stats=$(msgfmt --check --statistics -o /dev/null po/vi.po 2>&1 | tr "\n" " "); rc=${PIPESTATUS[0]}
case "$stats" in *untranslated*|*fuzzy*) rc=1;; esac
if [ $rc -eq 0 ]; then echo "ok 3 - vi.po compiles: $stats"
else printf '%s\n' "$stats" | sed 's/^/# /'; echo "not ok 3 - vi.po compiles"; fi

# 4. One word for one thing (issue 19), in the strings in use: the profile is "không gian làm
# việc" and "kho dữ liệu" only the citizen's data store; a source is a ministry system ("hệ
# thống"), never "nguồn" (a calendar day's "nguồn gốc" and a scanner's "bật nguồn" aside); a
# dossier alone is "hồ sơ"; date hints read "ngày/tháng/năm", never DD/MM/YYYY or NN/TT/NNNN.
msgmerge -q --no-fuzzy-matching po/vi.po "$tmp/motcua.pot" -o - 2>/dev/null | msgattrib --no-obsolete -o "$tmp/live.po"
if out=$(python3 - "$tmp/live.po" <<'PY'
import re, sys
rules = [(r'kho dữ liệu(?! của công dân)', 'the profile is “không gian làm việc”'),
         (r'(?<!bật )nguồn(?! gốc)', 'a source is a ministry system: “hệ thống”'),
         (r'hồ sơ (làm việc|người dùng|cán bộ)', '“hồ sơ” is a dossier: the profile is “không gian làm việc”'),
         (r'DD/MM/YYYY|NN/TT|GG:PP', 'a date hint reads “ngày/tháng/năm” (“giờ:phút”)')]
bad = 0
for entry in open(sys.argv[1], encoding='utf-8').read().split('\n\n'):
    m = re.search(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', entry, re.M)
    if not m:
        continue
    msgid, msgstr = (''.join(re.findall(r'"(.*)"', g)) for g in m.groups())
    for pattern, why in rules:
        if msgid and re.search(pattern, msgstr):
            print('%s: %s' % (why, msgstr))
            bad += 1
sys.exit(1 if bad else 0)
PY
); then echo "ok 4 - vi.po keeps one word for one thing"
else printf '%s\n' "$out" | head -40 | sed 's/^/# /'; echo "not ok 4 - vi.po keeps one word for one thing"; fi
