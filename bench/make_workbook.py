"""Generate a large, realistically messy status workbook for the benchmarks.

    python bench/make_workbook.py OUT.xlsx [--grants N] [--disbursements N] [--actions N]

Deterministic for given sizes: the same arguments write the same cell values.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

ACTORS = ("Seksjon for humanitære spørsmål", "MR/DEM-seksjonen", "Regionalavdelingen",
          "Seksjon for Russland, Eurasia og regionalt samarbeid", "Ambassadene", "IOM")
STATUSES = ("Gjennomført", "Delvis gjennomført", "Pågår", "Ikke gjort", "Ikke rapportert",
            "Bortfalt", " ferdig ", "In progress")
REGIONS = ("Globalt", "Europa", "Afrika", "Asia", "Latin-Amerika")
PARTNERS = ("IOM", "UNODC", "ILO", "Europarådet", "OSSE", "Østersjørådet", "La Strada")


def _title(ws, text: str) -> None:
    ws.append([text])
    ws.append([])


def _text(ws, value: str) -> WriteOnlyCell:
    """A text cell even when it begins with `=` (openpyxl would write a formula)."""
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    return cell


def actions_sheet(wb: Workbook, n: int, rng: random.Random, ongoing_every: int = 0) -> None:
    """Append an actions sheet with a title row and mixed status spellings (every
    `ongoing_every`th action *Pågår* instead, for an earlier round that differs a little)."""
    ws = wb.create_sheet("Tiltak")
    _title(ws, "Oppfølgingsplan — status")
    ws.append(["Nr.", "Tiltak", "Ansvarlig", "Status", "Region", "Frist", "Kommentar"])
    for i in range(1, n + 1):
        due = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(900))
        actor, status = rng.choice(ACTORS), rng.choice(STATUSES)
        if ongoing_every and i % ongoing_every == 0:
            status = "Pågår"
        ws.append([f"T-{i}", f"Tiltak nummer {i}", actor, status, rng.choice(REGIONS),
                   due if i % 3 else due.strftime("%d.%m.%Y"),
                   _text(ws, "=ikke en formel") if i % 97 == 0 else None])


def grants_sheet(wb: Workbook, n: int, rng: random.Random) -> None:
    """Append a grants sheet in the long layout, dates and amounts in mixed notations."""
    ws = wb.create_sheet("Tilskudd")
    _title(ws, "Avtaler")
    ws.append(["Avtalenr", "Partner", "Tittel", "Seksjon", "Region", "Fra", "Til", "Avtalebeløp"])
    for i in range(n):
        start = 2008 + rng.randrange(6)
        end = start + rng.randrange(4)
        amount = rng.randrange(100_000, 20_000_000)
        ws.append([f"G-{i:05d}", rng.choice(PARTNERS), f"Prosjekt {i}", rng.choice(ACTORS[:4]),
                   rng.choice(REGIONS), dt.date(start, 1, 1) if i % 2 else str(start),
                   f"31.12.{end}", amount if i % 4 else f"kr {amount:,}".replace(",", "\u00a0")])


def disbursements_sheet(wb: Workbook, n: int, grants: int, rng: random.Random) -> None:
    """Append a long-layout disbursements sheet with several rows per grant and year."""
    ws = wb.create_sheet("Utbetalinger")
    ws.append(["Avtalenr", "År", "Beløp"])
    for i in range(n):
        amount = rng.randrange(10_000, 2_000_000)
        ws.append([f"G-{rng.randrange(grants):05d}", 2008 + rng.randrange(8),
                   amount if i % 5 else f"{amount:,}".replace(",", " ") + ",00"])


def build(path: Path, grants: int, disbursements: int, actions: int, seed: int = 7,
          ongoing_every: int = 0) -> Path:
    """Write the workbook to path and return it."""
    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    actions_sheet(wb, actions, rng, ongoing_every)
    grants_sheet(wb, grants, rng)
    disbursements_sheet(wb, disbursements, grants, rng)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--grants", type=int, default=20_000)
    parser.add_argument("--disbursements", type=int, default=200_000)
    parser.add_argument("--actions", type=int, default=2_000)
    args = parser.parse_args()
    build(args.out, args.grants, args.disbursements, args.actions)


if __name__ == "__main__":
    main()
