"""Two rounds of a workbook whose every text field holds hostile text (issue 22): Markdown
images and links, raw HTML and `<script>`, KaTeX, emoji shortcodes and Streamlit's `:red[…]`
and `:material/…:` directives, control characters (as the xlsx stores them, `_x0007_`), formulas
and DDE commands, bare URLs, typographic pairs and HTML entities; in the file name too.

Each text is written as a text cell (never a formula). The rounds load through the real ingest
path with warnings only, so every page, document and reminder has hostile text to show.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from tests.support.builders import Text, load, write_workbook

OUTSIDE = "evil.example"  # every hostile link or image points here
HOSTILE = (
    f"Hum ![x](http://{OUTSIDE}/track.png)",
    f"[Klikk her](https://{OUTSIDE}/login) <a href='https://{OUTSIDE}/a'>lenke</a>",
    f"<img src=https://{OUTSIDE}/i.png onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    f"$\\href{{https://{OUTSIDE}}}{{x}}$ $$\\url{{https://{OUTSIDE}/k}}$$",
    ":smile: :streamlit: :material/home: :material_home:",
    ":red[rød] :blue-background[blå] :small[liten] :help[hjelp]",
    "Bel_x0007_Esc_x001B_[31mRød_x001B_[0m",
    f'=HYPERLINK("https://{OUTSIDE}/f","Klikk")',
    "=cmd|' /C calc'!A0",
    f"https://{OUTSIDE}/x og www.{OUTSIDE} og ola@{OUTSIDE}",
    "a -> b <= c -- d",
    "&lt;b&gt;entitet&lt;/b&gt; &amp; &#x3C;i&#x3E;",
    "@SUM(A1) +47 -1",
    "# Overskrift\n- punkt\n> sitat\n```kode```",
)
# the actors: one hostile text each; names are categories in charts, deck and reminders
ACTORS = (HOSTILE[0], HOSTILE[3], HOSTILE[4] + " " + HOSTILE[5], HOSTILE[7], HOSTILE[8],
          HOSTILE[9], HOSTILE[10])
STATUSES = ("Pågår", "Ikke gjort", "Delvis", "Gjennomført", "Ikke rapportert")
FILE_NAME = "runde ![x](https:{OUTSIDE}) <b>1 :red[x] $y$ :smile: &lt;.xlsx"
ROUND_DATES = ("2012-06-29", "2012-12-14")
ACTION_HEADER = ["ID", "Tiltak", "Ansvarlig", "Seksjon", "Region", "Status", "Frist",
                 "Kommentar", "Anbefaling", "Anbefaling nr", "Evaluering", "Part",
                 "Dokumentasjon"]
REC_HEADER = ["Nr", "Anbefaling", "Ledelsens svar", "Begrunnelse", "Ansvarlig", "Evaluering"]
GRANT_HEADER = ["Avtalenr", "Partner", "Tittel", "Seksjon", "Region", "Land", "Avtaletype",
                "Fra", "Til", 2011, 2012]


def stored(written: str) -> str:
    """Return text as the import stores it: `_x0007_` read as the character it stands for."""
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), written)


def text(i: int) -> Text:
    """Return hostile text number i (cycling), as a text cell."""
    return Text(HOSTILE[i % len(HOSTILE)])


def _actions(index: int) -> list[list]:
    rows = []
    for a, actor in enumerate(ACTORS):
        for n in range(2):
            i = 2 * a + n
            status = STATUSES[(i + index * (n == 0)) % len(STATUSES)]
            rows.append([Text(f"{HOSTILE[i % len(HOSTILE)][:12]} {i}"), text(i + 1),
                         Text(actor), text(i + 2), text(i + 3), status,
                         dt.date(2012, 10 + n, 1), text(i + 4), text(i + 5), i % 3 + 1,
                         text(i + 6), text(i + 7), text(i + 8)])
    return rows


def _recommendations() -> list[list]:
    return [[n, text(n), response, text(n + 3), text(n + 6), text(n + 9)]
            for n, response in ((1, "Enig"), (2, "Delvis enig"), (3, "Uenig"))]


def _grants() -> list[list]:
    return [[Text(f"G{g} {HOSTILE[g][:10]}"), text(g), text(g + 1), text(g + 2), text(g + 3),
             text(g + 4), "flerårig" if g % 2 else "ettårig", 2011, 2012,
             100_000 * (g + 1), 250_000 * (g + 1)] for g in range(len(HOSTILE))]


def hostile_workbook(path: Path, index: int) -> Path:
    """Write round `index` (0 or 1) of the hostile follow-up; return its path."""
    return write_workbook(path, {
        "Tiltak": [[text(14)], None, ACTION_HEADER, *_actions(index)],
        "Anbefalinger": [REC_HEADER, *_recommendations()],
        "Tilskudd": [GRANT_HEADER, *_grants()],
        "Kontakter": [["Ansvarlig", "E-post"],
                      *[[Text(actor), f"ansvarlig{a}@ud.example.org"]
                        for a, actor in enumerate(ACTORS)]],
    })


def hostile_rounds(db: Path, folder: Path) -> list[int]:
    """Load both rounds into db (the file named with hostile text); return their ids."""
    return [load(db, hostile_workbook(folder / str(index) / FILE_NAME.format(OUTSIDE=OUTSIDE),
                                      index), ROUND_DATES[index]).snapshot_id
            for index in (0, 1)]
