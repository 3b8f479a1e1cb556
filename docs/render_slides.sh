#!/usr/bin/env bash
# Render the meeting deck with LibreOffice Impress, to look at every slide (not run in CI).
#
#   bash docs/render_slides.sh [OUT_DIR] [slides options: --lang nn, --region R, --db PATH ...]
#
# Builds `python -m followup slides` (by default on a fresh database holding the sample
# rounds), converts it to PDF with `soffice --headless` and writes deck.pptx, deck.pdf and one
# PNG per slide (slide-N.png) to OUT_DIR (default /tmp/oppfolging-slides). Needs Debian's
# libreoffice-impress and poppler-utils; fonts-liberation2 gives Arial's metrics.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-${TMPDIR:-/tmp}/oppfolging-slides}
[ $# -gt 0 ] && shift
python=${PYTHON:-$root/.venv/bin/python}
for tool in soffice pdftoppm; do
    command -v "$tool" >/dev/null || {
        echo "$tool is missing: apt-get install -y libreoffice-impress poppler-utils" \
             "fonts-liberation2" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=()
[[ " $* " == *" --db "* ]] || db=(--db "$work/sample/followup.duckdb")
(cd "$root" && "$python" -m followup slides --out "$work/deck.pptx" "${db[@]}" "$@")
timeout 300 soffice -env:UserInstallation="file://$work/profile" --headless \
    --convert-to pdf --outdir "$work" "$work/deck.pptx" >/dev/null
mkdir -p "$out"
rm -f "$out"/slide-*.png
cp "$work/deck.pptx" "$work/deck.pdf" "$out/"
pdftoppm -png -r 96 "$work/deck.pdf" "$out/slide"
ls "$out"
