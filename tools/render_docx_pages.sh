#!/usr/bin/env bash
# Render the example report's DOCX export to PNG through LibreOffice, for the README:
#   tools/render_docx_pages.sh   (needs: make install; apt-get install libreoffice-writer-nogui poppler-utils)
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-../shared/seeds/000_c9d5bf20bb20a594.txt}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
.venv/bin/python - "$SEED" "$WORK/report.docx" <<'PY'
import os, sys
from pathlib import Path
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
import django
django.setup()
from django.utils import translation
from opfolgning.exporters.docx import render_report_docx
from opfolgning.importers import parse_path
translation.activate("da")
Path(sys.argv[2]).write_bytes(render_report_docx(parse_path(sys.argv[1])))
PY
libreoffice "-env:UserInstallation=file://$WORK/profile" --headless --convert-to pdf \
  --outdir "$WORK" "$WORK/report.docx" >/dev/null 2>&1
mkdir -p docs/screenshots
for page in 1 2; do
  pdftoppm -png -r 70 -f "$page" -l "$page" -singlefile "$WORK/report.pdf" \
    "docs/screenshots/report-docx-page$page"
done
echo "wrote docs/screenshots/report-docx-page1.png and -page2.png"
