#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# motcuactl sources add|list|remove and sync against motcua-sim, with the password kept in a
# throwaway Secret Service (gnome-keyring in its own D-Bus session). TAP output.
# Usage: test-cli.sh MOTCUACTL MOTCUA_SIM
set -u
ctl=$1
sim=$2

if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "1..0 # SKIP dbus-run-session or gnome-keyring-daemon missing"
  exit 0
fi

if [ -z "${MC_CLI_TEST_INNER:-}" ]; then
  MC_CLI_TEST_INNER=1 exec dbus-run-session -- "$0" "$@"
fi

tmp=$(mktemp -d)
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export GIO_USE_PROXY_RESOLVER=dummy MC_NOW=1780968600
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
profile="$tmp/profile"
password=matkhau-thu-nghiem

printf %s test-pass | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
keyring=$!
"$sim" -n 300 -d lgsp,rest,feed >"$tmp/sim.out" 2>&1 &
simpid=$!
cleanup () { kill "$simpid" "$keyring" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

for i in $(seq 100); do
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true && \
    grep -q '^admin ' "$tmp/sim.out" && break
  sleep 0.1
done
url () { awk -v d="$1" '$2 == d { print $3 }' "$tmp/sim.out"; }

echo "1..13"
n=0
check () {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

printf '%s\n' "$password" | "$ctl" --profile "$profile" sources add g09 --dialect lgsp --url "$(url lgsp)" \
  --unit 000.00.15.H38 --account motcua-client >"$tmp/out" 2>&1
check $? "sources add (lgsp), password on stdin"
printf '%s\n%s\n' "$password" khoa-ung-dung-thu-nghiem | "$ctl" --profile "$profile" sources add g16 --dialect rest \
  --url "$(url rest)" --unit 000.00.15.H38 --account canbo.xa >>"$tmp/out" 2>&1
check $? "sources add (rest), password and application key on stdin"
printf 'sai\n' | "$ctl" --profile "$profile" sources add g18 --dialect feed --url "$(url feed)" \
  --unit 000.00.15.H38 --account canbo.xa >>"$tmp/out" 2>&1
check $? "sources add (feed) with a wrong password"

# Each system by its ministry's name and address; the dialect only in --json.
"$ctl" --profile "$profile" sources list >"$tmp/list" 2>&1
grep -q "^ID	Name	Address	" "$tmp/list" && grep -q "^g09	Home Affairs	$(url lgsp)	" "$tmp/list" && \
  grep -q "^g16	Culture, Sports and Tourism	$(url rest)	" "$tmp/list" && grep -q "^g18	Health	$(url feed)	" "$tmp/list" && \
  ! grep -qE 'lgsp|rest|feed' "$tmp/list" "$tmp/out" && grep -q '^Added the ministry system Home Affairs (ID g09, ' "$tmp/out" && \
  "$ctl" --profile "$profile" sources list --json | grep -q '"dialect" : "lgsp"'
check $? "sources list"

"$ctl" --profile "$profile" sync --once --source g09 >"$tmp/sync1" 2>&1
status=$?
[ $status -eq 0 ] && grep -q '^Home Affairs: up to date' "$tmp/sync1"
check $? "sync --once --source g09"

"$ctl" --profile "$profile" sync --once >"$tmp/sync2" 2>&1
status=$?
# The wrong password fails g18 alone, named, with exit 1; the others sync.
[ $status -eq 1 ] && grep -q '^Health: ' "$tmp/sync2" && grep -q '^Culture, Sports and Tourism: up to date' "$tmp/sync2" \
  && grep -q '^Home Affairs: up to date — 0 new' "$tmp/sync2"
check $? "sync --once: exit 1 naming the failed source, the others up to date"

# A failing system is named by its ministry's name and says what happened in words: no HTTP
# status, no source ID, no dialect.
fault () {
  python3 -c 'import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/faults", sys.argv[2].encode(), {"Content-Type": "application/json"}))' \
    "$(awk '$1 == "admin" { print $2 }' "$tmp/sim.out")" "$1"
}
fault '{"dialect":"lgsp","error_rate":1}' && \
  { "$ctl" --profile "$profile" sync --once --source g09 >"$tmp/failing" 2>&1; [ $? -eq 1 ]; } && \
  grep -q "^Home Affairs: Error — the ministry's system" "$tmp/failing" && \
  grep -q "sync failed: Home Affairs: the ministry's system" "$tmp/failing" && ! grep -qE 'HTTP|g09|lgsp' "$tmp/failing"
check $? "sync --once: a failing system named by its name, without HTTP status, ID or dialect"
fault '{"dialect":"lgsp","error_rate":0}'

"$ctl" --profile "$profile" list --source g16 >"$tmp/listed" 2>&1
[ "$(wc -l <"$tmp/listed")" -gt 10 ]
check $? "dossiers pulled into the profile"

# An action taken locally is sent by the next sync, which says so. (A dossier in processing:
# the sample's are mostly finished, a few are being processed.)
number=$("$ctl" --profile "$profile" list --source g09 --status 4 --limit 1 | sed 1d | cut -f1)
"$ctl" --profile "$profile" act "$number" record-step --note "Thẩm định hồ sơ" --official "Nguyễn Thị Hằng" >/dev/null 2>&1 && \
  "$ctl" --profile "$profile" sync --once --source g09 >"$tmp/sync3" 2>&1 && \
  grep -q '^Home Affairs: actions — 1 sent, 0 changed on the system (needs review), 0 refused, 0 applied twice (needs review), 0 waiting or being checked' "$tmp/sync3" && \
  "$ctl" --profile "$profile" outbox | grep -q "	$number	Record processing step	Applied by the ministry system	"
check $? "act, then sync: the action is sent, and the summary says so"

# A file attached at the counter leaves with the next sync, once; a file the system lists is
# downloaded on demand and kept by its SHA-256.
printf '%%PDF-1.4\nto khai\n' >"$tmp/to-khai.pdf"
"$ctl" --profile "$profile" attach "$number" 1 "$tmp/to-khai.pdf" >/dev/null 2>&1 && \
  "$ctl" --profile "$profile" sync --once --source g09 >"$tmp/sync4" 2>&1 && \
  grep -q '^Home Affairs: actions — 1 sent,' "$tmp/sync4" && \
  "$ctl" --profile "$profile" files "$number" --json | grep -q '"state" : "done"'
check $? "attach, then sync: the file is sent"

listed=$("$ctl" --profile "$profile" files "$number" --json | python3 -c '
import json, sys
files = [f for f in json.load(sys.stdin) if f["origin"] == "system"]
print(files[0]["id"] if files else "")')
[ -n "$listed" ] && "$ctl" --profile "$profile" files "$number" --download "$listed" --json >"$tmp/files" 2>&1 && \
  python3 - "$tmp/files" "$listed" "$profile" <<'PY'
import json, os, sys, hashlib
files = {f["id"]: f for f in json.load(open(sys.argv[1]))}
f = files[int(sys.argv[2])]
assert f["state"] == "downloaded", f
blobs = [os.path.join(r, n) for r, _, ns in os.walk(os.path.join(sys.argv[3], "files")) for n in ns]
assert any(hashlib.sha256(open(b, "rb").read()).hexdigest() == os.path.basename(b) for b in blobs)
assert all(os.stat(b).st_mode & 0o777 == 0o600 for b in blobs)
PY
check $? "files --download: a listed file is fetched, checked and kept"

"$ctl" --profile "$profile" sources remove g18 >/dev/null 2>&1 && \
  ! "$ctl" --profile "$profile" sources list | grep -q '^g18'
check $? "sources remove"

# The password is in no output, and not in the database.
! grep -q "$password" "$tmp/out" "$tmp/sync1" "$tmp/sync2" "$tmp/list" && \
  ! grep -qa "$password" "$profile"/motcua.db*
check $? "the password appears in no output and not in the profile"
