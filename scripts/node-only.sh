#!/usr/bin/env bash
# Runs a command as on a machine with only Node and npm (root only; Linux): no Debian chromium (nor the
# NSS libraries it brought in), no PostgreSQL binaries, and a network namespace of its own with only
# loopback, so nothing answers at 127.0.0.1:5432 and nothing outside is reachable. This is how the
# README's promise that `npm install && npm test` needs only Node is checked on a machine that has
# chromium and PostgreSQL:
#   npm ci && sudo unshare -m -n bash scripts/node-only.sh npm test
# (install first: the namespace has no network). The mounts last only as long as the command.
set -euo pipefail
if [ "${QI_NODE_ONLY_INSIDE:-}" != 1 ]; then
  echo "run me as: unshare -m -n bash $0 <command...>" >&2
  [ "$(id -u)" = 0 ] || exit 2
  exec unshare -m -n env QI_NODE_ONLY_INSIDE=1 bash "$0" "$@"
fi
ip link set lo up
hide_file() { [ -e "$1" ] && mount --bind /dev/null "$1" || true; }
hide_dir() { [ -d "$1" ] && mount -t tmpfs tmpfs "$1" || true; }
for lib in libnss3 libnspr4 libnssutil3 libsmime3 libplc4 libplds4; do
  for f in /usr/lib/x86_64-linux-gnu/$lib.so /lib/x86_64-linux-gnu/$lib.so; do hide_file "$f"; done
done
hide_dir /usr/lib/chromium
hide_file /usr/bin/chromium
hide_dir /usr/lib/postgresql
unset TEST_DATABASE_URL CHROMIUM_PATH QI_REAL_SERVICES
echo "node-only: chromium, its NSS libraries and PostgreSQL hidden; network: loopback only" >&2
"$@"
