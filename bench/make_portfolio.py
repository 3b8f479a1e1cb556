"""A ministry's portfolio for the serving benchmarks: 30 evaluations followed up over 8 rounds
each, and 2,000 grants from the grant system's exports, loaded through the real ingest.

    python -m bench.make_portfolio OUT.duckdb [--evaluations 30] [--rounds 8] [--grants 2000]

Each evaluation has a plan of 20 actions (four actors, five each, linked to its 6
recommendations) and reports on its own rhythm, every three to five months from a start in
2010, as people really send the workbooks:

- its first round is the whole plan with the recommendations and management's response;
- rounds 4 and 7 are a revised whole plan (with the recommendations again; from round 7 one
  action has left the plan and another has come in);
- the other rounds are one or two actors' own returns (their actions only, no
  recommendations, no `Evaluering` column: loaded with `--evaluation`).

Statuses move forward over the rounds (some stay, some lapse). The register of evaluations
(sheet Evalueringer, with the actors' contacts) is a round of its own, and the grant system's
export (2,000 grants and what each received per year, long layout) comes at the end of each
year, each replacing the portfolio. Every workbook is written in memory and loaded by
`followup.store.ingest.ingest`, in as-of order. Deterministic: the same arguments give the
same database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
from pathlib import Path

from openpyxl import Workbook

from bench.make_workbook import PARTNERS, REGIONS

ACTORS = ("Seksjon for humanitære spørsmål", "MR/DEM-seksjonen", "Regionalavdelingen",
          "Seksjon for Russland, Eurasia og regionalt samarbeid", "Ambassaden i Kyiv",
          "Ambassaden i Nairobi", "Ambassaden i Kabul", "IOM", "UNDP", "Norad",
          "Seksjon for globale initiativ", "Fredsseksjonen")
SECTIONS = (*ACTORS[:4], "Seksjon for globale initiativ", "Fredsseksjonen")
# a status moves to one of these at a round: (words, weight)
NEXT = {"Ikke påbegynt": (("Ikke påbegynt", 3), ("Pågår", 5), ("Bortfalt", 1)),
        "Pågår": (("Pågår", 4), ("Delvis gjennomført", 3), ("Gjennomført", 3)),
        "Delvis gjennomført": (("Delvis gjennomført", 3), ("Gjennomført", 4)),
        "Gjennomført": (("Gjennomført", 1),), "Bortfalt": (("Bortfalt", 1),),
        "Ikke rapportert": (("Pågår", 1),)}
RESPONSES = ("Enig", "Enig", "Delvis enig", "Enig", "Uenig", "Delvis enig")
ACTIONS, RECOMMENDATIONS, PER_ACTOR = 20, 6, 5
WHOLE_PLANS = (0, 3, 6)  # the rounds that are a whole plan (counted from 0)


def _bytes(sheets: dict[str, list[list]]) -> bytes:
    wb = Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class Evaluation:
    """One evaluation's plan and how far each action has come."""

    def __init__(self, number: int, rounds: int, rng: random.Random):
        self.name = f"Evaluering {number:02d}: " + rng.choice(
            ("bistand til", "støtte til", "samarbeidet med", "innsatsen for")) + " " + rng.choice(
            ("IOM", "UNDP", "menneskerettigheter", "migrasjon", "fred og forsoning",
             "sivilt samfunn", "humanitær innsats", "godt styresett"))
        self.actors = rng.sample(ACTORS, 4)
        self.region, self.rounds, self.rng = rng.choice(REGIONS), rounds, rng
        self.start = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(365))
        self.report_year = self.start.year - 1
        self.plan = [self._action(i) for i in range(ACTIONS)]

    def _action(self, i: int) -> dict:
        rng = self.rng
        return {"id": f"T{i + 1}", "text": f"Tiltak {i + 1}: følge opp anbefaling "
                f"{i % RECOMMENDATIONS + 1}", "actor": self.actors[i // PER_ACTOR % 4],
                "section": rng.choice(SECTIONS), "region": rng.choice((self.region, *REGIONS)),
                "status": "Ikke påbegynt", "rec": i % RECOMMENDATIONS + 1,
                "due": self.start + dt.timedelta(days=90 + rng.randrange(900))}

    def dates(self) -> list[dt.date]:
        """Return the as-of dates of its rounds."""
        day, out = self.start, []
        for _ in range(self.rounds):
            out.append(day)
            day += dt.timedelta(days=90 + self.rng.randrange(60))  # three to five months
        return out

    def advance(self, actors: list[str]) -> None:
        """Move the statuses of the given actors' actions a round forward."""
        for action in self.plan:
            if action["actor"] in actors:
                words, weights = zip(*NEXT[action["status"]])
                action["status"] = self.rng.choices(words, weights)[0]

    def workbook(self, round_no: int) -> tuple[bytes, str | None, bool]:
        """Return round round_no's workbook, the evaluation to load it with (None: its rows
        name it) and whether it is the whole plan."""
        if round_no == 6:  # the plan is revised: the last action leaves, a new one comes in
            self.plan[-1] = self._action(ACTIONS) | {"id": f"T{ACTIONS + 1}"}
        whole = round_no in WHOLE_PLANS
        actors = self.actors if whole else self.rng.sample(self.actors, 1 + round_no % 2)
        if round_no:
            self.advance(actors)
        head = ["Nr.", "Tiltak", "Ansvarlig", "Seksjon", "Region", "Status", "Frist",
                "Anbefaling nr", "Kommentar"] + (["Evaluering"] if whole else [])
        rows = [[a["id"], a["text"], a["actor"], a["section"], a["region"], a["status"],
                 a["due"], a["rec"] if whole else None, f"Runde {round_no + 1}"]
                + ([self.name] if whole else [])
                for a in self.plan if a["actor"] in actors]
        sheets = {"Tiltak": [head, *rows]}
        if whole:
            sheets["Anbefalinger"] = [["Nr", "Anbefaling", "Ledelsens svar", "Evaluering"]] + [
                [n + 1, f"Anbefaling {n + 1} i {self.name}", RESPONSES[n], self.name]
                for n in range(RECOMMENDATIONS)]
        return _bytes(sheets), None if whole else self.name, whole


def register(evaluations: list[Evaluation]) -> bytes:
    """Return the register of evaluations (sheet Evalueringer) and the actors' contacts."""
    rows = [[e.name, e.report_year, e.start - dt.timedelta(days=60), e.actors[0],
             f"https://evaluering.example/{i + 1}"] for i, e in enumerate(evaluations)]
    contacts = [[actor, f"postmottak{i}@ud.example"] for i, actor in enumerate(ACTORS)]
    return _bytes({"Evalueringer": [["Evaluering", "Rapportår", "Ledelsens svar", "Eier",
                                     "Lenke"], *rows],
                   "Kontakter": [["Ansvarlig", "E-post"], *contacts]})


def export(grants: int, year: int, rng: random.Random) -> bytes:
    """Return the grant system's export as of the end of year: the grants running up to then
    (about 2,000) and what each received per year."""
    head = ["Avtalenr", "Partner", "Tittel", "Seksjon", "Region", "Fra", "Til", "Avtalebeløp"]
    rows, paid = [], [["Avtalenr", "År", "Beløp"]]
    for i in range(grants):
        start = year - 4 + rng.randrange(5)
        end = start + rng.choice((0, 0, 1, 2, 3))
        rows.append([f"G-{year - 3}-{i:04d}" if i % 3 == 0 else f"G-{i:04d}",
                     rng.choice(PARTNERS), f"Prosjekt {i}", rng.choice(SECTIONS),
                     rng.choice(REGIONS), dt.date(start, 1, 1), dt.date(end, 12, 31),
                     rng.randrange(500_000, 40_000_000)])
        paid += [[rows[-1][0], y, rng.randrange(100_000, 10_000_000)]
                 for y in range(start, min(end, year) + 1)]
    return _bytes({"Tilskudd": [head, *rows], "Utbetalinger": paid})


def rounds(evaluations: int = 30, per_evaluation: int = 8, grants: int = 2000,
           seed: int = 26) -> list[tuple[dt.date, str, bytes, str | None, bool]]:
    """Return every round as (as-of, file name, workbook, evaluation, whole plan), in as-of
    order (ties in the order they were made)."""
    rng = random.Random(seed)
    evals = [Evaluation(n + 1, per_evaluation, rng) for n in range(evaluations)]
    out = [(min(e.start for e in evals), "evalueringer.xlsx", register(evals), None, False)]
    for e in evals:
        for n, day in enumerate(e.dates()):
            data, evaluation, whole = e.workbook(n)
            out.append((day, f"{e.name[:13].replace(' ', '-')}-runde-{n + 1}.xlsx", data,
                        evaluation, whole))
    years = range(min(e.start for e in evals).year, max(r[0] for r in out).year)
    out += [(dt.date(year, 12, 31), f"tilskudd-{year}.xlsx", export(grants, year, rng), None,
             False) for year in years]
    return sorted(out, key=lambda r: r[0])


def database(evaluations: int = 30, per_evaluation: int = 8, grants: int = 2000) -> Path:
    """Return the portfolio's database (in bench/out), built once; copy it before writing."""
    from bench.common import OUT

    db = OUT / f"portfolio-{evaluations}-{per_evaluation}-{grants}" / "followup.duckdb"
    if not db.exists():
        tmp = db.with_name("building.duckdb")
        for stale in (tmp, tmp.with_name(tmp.name + ".wal")):
            stale.unlink(missing_ok=True)
        os.replace(build(tmp, evaluations, per_evaluation, grants), db)
    return db


def build(db: Path, evaluations: int = 30, per_evaluation: int = 8, grants: int = 2000) -> Path:
    """Load the portfolio's rounds into a new database at db; return db."""
    from followup.store import ingest

    db.parent.mkdir(parents=True, exist_ok=True)
    for day, name, data, evaluation, whole in rounds(evaluations, per_evaluation, grants):
        ingest.ingest(data, name, db, day, who="bench",
                      scope=ingest.Scope(evaluation, whole_plan=whole))
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--evaluations", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--grants", type=int, default=2000)
    args = parser.parse_args()
    build(args.out, args.evaluations, args.rounds, args.grants)


if __name__ == "__main__":
    main()
