#!/usr/bin/env bash
# Take the README's screenshots of the real pages: a fresh SQLite database, the example
# report imported, the dev server on a free loopback port, Debian's headless Chromium.
#   tools/screenshots.sh            (needs: make install; apt-get install chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-../shared/seeds/000_c9d5bf20bb20a594.txt}
PORT=${PORT:-8765}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
export DATABASE_URL="sqlite:///$WORK/shots.sqlite3" DEBUG=1
.venv/bin/opfolgning migrate --noinput >/dev/null
.venv/bin/opfolgning import "$SEED" >/dev/null
.venv/bin/opfolgning runserver --noreload "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.2; done
shot() {  # url file height
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$WORK/chrome" --hide-scrollbars --window-size="1280,$3" \
    --screenshot="$2" "http://127.0.0.1:$PORT$1" 2>/dev/null
}
mkdir -p docs/screenshots
shot /aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/ docs/screenshots/report.png 2600
shot /aftaler/2019/ docs/screenshots/agreement.png 900
echo "wrote docs/screenshots/report.png docs/screenshots/agreement.png"
