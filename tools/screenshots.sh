#!/usr/bin/env bash
# Take the README's screenshots of the real pages: a fresh SQLite database with the example
# municipality (Eksempel Kommune, as `make run` loads it), demo accounts signed in (a committee
# reader, an editor, the finance office), the dev server on a loopback port, Debian's headless
# Chromium driven by playwright-python (no browser download).
#   tools/screenshots.sh            (needs: make install; apt-get install chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8765}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
WORK=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
[ -x "$CHROMIUM" ] || { echo "tools/screenshots.sh: $CHROMIUM is missing (apt-get install chromium)" >&2; exit 1; }
export DATABASE_URL="sqlite:///$WORK/shots.sqlite3" DEBUG=1
.venv/bin/opfolgning migrate --noinput >/dev/null
# Eksempel Kommune and its demo accounts (okonomi, skole, teknik, politiker; DEBUG only).
.venv/bin/opfolgning demo >/dev/null
PASSWORD=opfolgning-demo
.venv/bin/opfolgning runserver --noreload "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.2; done
mkdir -p docs/screenshots
BASE="http://127.0.0.1:$PORT" PASSWORD="$PASSWORD" CHROMIUM="$CHROMIUM" .venv/bin/python - <<'EOF'
import os

from playwright.sync_api import sync_playwright

base, report = os.environ["BASE"], "/aftaler/2026/udvalg/teknik-og-miljoeudvalget/opfolgning/3/"
shots = [  # (path, file, width, height)
    ("/", "home.png", 1280, 520),
    ("/aftaler/2026/", "agreement.png", 1280, 900),
    (report, "report.png", 1280, 2600),
    (report, "report-mobile.png", 390, 1400),
]
args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def sign_in(browser, username):
    page = browser.new_page()
    page.goto(base + "/konto/log-ind/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", os.environ["PASSWORD"])
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    return page


def shoot(page, path, name, width, height, full_page=False):
    page.set_viewport_size({"width": width, "height": height})
    if path:
        page.goto(base + path)
    page.screenshot(path=f"docs/screenshots/{name}", full_page=full_page)
    print(f"wrote docs/screenshots/{name}")


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=os.environ["CHROMIUM"], args=args)
    page = sign_in(browser, "politiker")
    for path, name, width, height in shots:
        shoot(page, path, name, width, height)
    # The round: a department editor's list and the status form with a rule message.
    page = sign_in(browser, "teknik")
    owed = "/aftaler/2026/opfolgning/4/indberetning/"
    shoot(page, owed, "round-owed.png", 1280, 800)
    page.goto(base + owed + "4.6/")
    page.fill("#id_status_note", "Udbuddet af naturplejen blev annulleret; der er ikke sået noget i år.")
    page.check("input[name=smiley][value=sad]", force=True)
    page.wait_for_selector("#findings >> text=korrigerende handling")
    shoot(page, "", "round-status.png", 1280, 1500, full_page=True)
    # The finance office's board.
    page = sign_in(browser, "okonomi")
    shoot(page, "/aftaler/2026/opfolgning/4/styring/", "round-board.png", 1280, 1400)
    # Closing shows what will happen first: the reports frozen, the statuses left out.
    shoot(page, "/aftaler/2026/opfolgning/4/styring/luk/", "round-close.png", 1280, 1500)
    # The economy of 4.1 (the cycle path, a postponement of 1.5 mio. kr. proposed at the 31.12
    # follow-up and still awaiting the council).
    shoot(page, "/aftaler/2026/indsatser/4.1/oekonomi/", "economy.png", 1280, 1800, full_page=True)
    # The API tokens page of the finance officer, with a token just made.
    page.goto(base + "/konto/api-noegler/")
    page.fill("input[name=name]", "Intranettets visning af indsatser")
    page.click("form:has(input[name=name]) button[type=submit]")
    page.wait_for_load_state()
    shoot(page, "", "api-tokens.png", 1280, 900)
    # An import: the committee's report of the 1st follow-up as a text export, one status
    # edited, uploaded again: the preview of what would change, and the cells to settle.
    page.set_viewport_size({"width": 1280, "height": 1000})
    text = page.request.get(base + "/aftaler/2026/udvalg/teknik-og-miljoeudvalget/opfolgning/1/?format=txt").text()
    first_status = text.split("Status:</p> <p>", 1)[1].split("</p>", 1)[0]
    edited = text.replace(first_status, first_status + " Tidsplanen er nu godkendt af udvalget.", 1)
    upload = os.path.join(os.environ.get("TMPDIR", "/tmp"), "teknik-1-opfolgning.txt")
    with open(upload, "w", encoding="utf-8") as handle:
        handle.write(edited)
    page.goto(base + "/import/")
    page.set_input_files("input[type=file]", upload)
    page.click("text=Upload og vis forhåndsvisning")
    page.wait_for_load_state()
    shoot(page, "", "import-preview.png", 1280, 1400)
    shoot(page, "/organisation/", "organisation.png", 1280, 1100)
    # The public site as a citizen sees it: nobody signed in.
    page = browser.new_page()
    shoot(page, "/aftaler/2026/indsatser/?smiley=neutral", "public-list.png", 1280, 1100)
    shoot(page, "/aftaler/2026/indsatser/4.1/", "public-initiative.png", 1280, 1600, full_page=True)
    shoot(page, "/aftaler/2026/overblik/", "public-dashboard.png", 1280, 1600)
    shoot(page, "/aftaler/2026/data/", "open-data.png", 1280, 1100)
    # Swagger UI draws the operations with JavaScript (its bundled files, no CDN).
    page.goto(base + "/api/docs")
    page.wait_for_selector(".opblock", timeout=20000)
    shoot(page, "", "api-docs.png", 1280, 1000)
    browser.close()
EOF
