"""Build the sample workbooks and the empty template in data/ (`python -m followup.sample`).

The follow-up points, actors and statuses come from the ministry's memo on the follow-up of
Norad's evaluation of IOM's work against human trafficking (../shared/seed). The grants and
disbursements are ILLUSTRATIVE: made up to resemble a portfolio of about 60 MNOK a year; the
contacts are placeholder addresses at example.org; the grouping of the follow-up points under
the evaluation's recommendations, and the management responses, are ILLUSTRATIVE too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from followup.i18n import LANGS
from followup.report.documents import template
from followup.settings import DATA, SAMPLE_SECOND, template_path

EVALUATION = "Norad: IOMs innsats mot menneskehandel"
HUM = "Hum-seksjonen"
MRDEM = "MR/DEM-seksjonen"
RUS = "Seksjon for Russland, Eurasia og regionalt samarbeid"
REG = "Regionalavdelingen"
EMB = "Ambassadene"
EUR, AFR, GLOB = "Europa og Sentral-Asia", "Afrika", "Globalt"

# (id, recommendation, action, party, actor, section, region, due, status Dec, status Jun, comment)
ACTIONS = [
    ("UD-1", "Legge anbefalingene til grunn", "Anbefalingene i evalueringsrapporten legges til "
     "grunn i det videre samarbeidet med IOM på menneskehandel", "UD", HUM, HUM, GLOB,
     dt.date(2012, 11, 30), "Gjennomført", "Pågår",
     "Fulgt opp i samtaler med IOM, senest ved rådsmøtet i IOM 27.–30. november."),
    ("UD-2", "Dialog med IOM sentralt", "Hum-seksjonen tar opp evalueringen og de anbefalte "
     "tiltak med IOM i Genève", "UD", HUM, HUM, GLOB, dt.date(2012, 6, 30), "Gjennomført",
     "Gjennomført", "Ref. over."),
    ("UD-3", "Oppfølging på landnivå", "Regionalavdelingen/fagseksjonene legger inn referanse "
     "til evalueringsrapporten og oppfølging på landnivå i tildelingsskrivene til ambassadene",
     "UD", REG, REG, GLOB, dt.date(2012, 3, 1), "Ikke gjort", "Ikke rapportert",
     "Ingen rapporterer om at dette er gjort. Seksjon for Russland, Eurasia og regionalt "
     "samarbeid viser til at IOM ikke er en stor mottaker i regionen, med kun ett nytt "
     "prosjekt i 2012."),
    ("UD-4", "Oppfølging i virksomhetsplaner", "Referanse til oppfølgingsplanen tas med i "
     "virksomhetsplanene til de aktuelle stasjoner og seksjoner", "UD", EMB, REG, GLOB,
     dt.date(2012, 3, 1), "Ikke gjort", "Ikke rapportert",
     "Ingen rapporterer om at dette er gjort."),
    ("UD-5", "Evalueringen som referansedokument", "Evalueringsrapporten og oppfølgingsplanen "
     "benyttes som referansedokument i dialogen med IOM", "UD", RUS, RUS, EUR,
     dt.date(2012, 12, 31), "Delvis gjennomført", "Pågår",
     "Gjort med IOM sentralt i Genève; ingen rapporterer om at det er gjort på prosjektnivå. "
     "Seksjonen har ikke avsluttet prosjekter med IOM etter at handlingsplanen ble laget."),
    ("UD-6", "Flerårige avtaler", "Vurdere flerårige avtaler", "UD", RUS, RUS, EUR,
     dt.date(2012, 12, 31), "Gjennomført", "Pågår",
     "Tilskuddene er i begrenset grad ettårige. For 2012 er tilskuddene del av flerårig "
     "støtte, med unntak av et lite prosjekt."),
    ("UD-7", "Samarbeid og menneskerettigheter", "MR/DEM-seksjonen tar initiativ til bedre "
     "samarbeid mellom internasjonale organisasjoner på feltet og ivaretakelse av "
     "menneskerettighetene i større grad", "UD", MRDEM, MRDEM, GLOB, dt.date(2013, 6, 30),
     "Pågår", "Pågår",
     "Gjennom FNs menneskerettighetsråd, Generalforsamlingens 3. komité og bilaterale "
     "dialoger. Følger UNODC, ILO, Europarådet/GRETA, EU, OSSE og Østersjørådet."),
    ("IOM-1", "Behovsanalyser og resultatmåling", "Bedre behovsanalyser og resultatmålinger",
     "IOM", "IOM", HUM, GLOB, dt.date(2012, 12, 31), "Påbegynt", "Ikke påbegynt",
     "Prosjekthåndboken oppmuntrer til slike analyser, men lite er gjort så langt."),
    ("IOM-2", "Overføring av lærdom", "Etablering av interne oppfølgingsmekanismer for "
     "overføring av lærdom", "IOM", "IOM", HUM, GLOB, dt.date(2013, 12, 31), "Pågår",
     "Påbegynt", "Detaljert veiledning i håndboken; styrkes med en indikatormanual i 2013."),
    ("IOM-3", "Strategier", "Utarbeidelse av strategier for arbeidet mot menneskehandel",
     "IOM", "IOM", HUM, GLOB, dt.date(2012, 12, 31), "Delvis gjennomført", "Pågår",
     "Strategi for Migrant Assistance Division (MAD) og regionale strategier for Øst-Europa, "
     "Kaukasus og Sentral-Asia er utarbeidet; strategier for de andre regionene pågår."),
    ("IOM-4", "Samarbeid med andre", "Samarbeid med andre organisasjoner", "IOM", "IOM", HUM,
     GLOB, dt.date(2012, 6, 30), "Gjennomført", "Pågår",
     "Standard prosedyre å kartlegge eksisterende aktører og ressurser. IOM er medlem av to "
     "globale fora mot menneskehandel."),
    ("IOM-5", "Menneskerettigheter", "Ivaretakelse av menneskerettighetene i større grad",
     "IOM", "IOM", HUM, GLOB, dt.date(2013, 6, 30), "Pågår", "Ikke påbegynt",
     "Arbeidet med å dokumentere hvordan MR-perspektivet ivaretas pågår; det tas inn i "
     "håndbøker og retningslinjer."),
    ("IOM-6", "Rettshåndhevelse", "Overlate tiltak innen rettshåndhevelse til andre aktører",
     "IOM", "IOM", HUM, AFR, dt.date(2012, 6, 30), "Bortfalt", "Pågår",
     "Gjaldt IOMs engasjement i det sørlige Afrika der UNODC har hovedansvaret. "
     "Justisdepartementet vurderte at IOM håndterte dette på en god måte."),
]

# (id, partner, title, section, region, country, start, end, {year: MNOK}) — ILLUSTRATIVE
GRANTS = [
    ("QZA-10/0412", "IOM", "Bekjempelse av menneskehandel i Ukraina", RUS, EUR, "Ukraina",
     2010, 2012, {2010: 10.0, 2011: 8.0, 2012: 8.0}),
    ("QZA-11/0133", "IOM", "Retur og reintegrering av ofre", RUS, EUR, "Moldova",
     2011, 2013, {2011: 4.5, 2012: 4.5, 2013: 4.5}),
    ("QZA-12/0291", "IOM", "Forebygging og beskyttelse", RUS, EUR, "Hviterussland",
     2012, 2012, {2012: 1.2}),
    ("QZA-10/0520", "IOM", "Kapasitetsbygging i Sentral-Asia", RUS, EUR, "Kasakhstan",
     2010, 2011, {2010: 3.5, 2011: 3.5}),
    ("GLO-10/0077", "IOM", "Migrasjon og menneskehandel i det sørlige Afrika", REG, AFR,
     "Sør-Afrika", 2010, 2012, {2010: 3.0, 2011: 3.0, 2012: 2.5}),
    ("GLO-11/0210", "IOM", "Bistand til ofre (Migrant Assistance Division)", HUM, GLOB, None,
     2011, 2013, {2011: 5.0, 2012: 5.0, 2013: 5.0}),
    ("GLO-10/0015", "UNODC", "Rammebidrag: menneskehandel og smugling", MRDEM, GLOB, None,
     2010, 2013, {2010: 15.0, 2011: 15.0, 2012: 15.0, 2013: 15.0}),
    ("GLO-11/0302", "UNODC", "Studie: menneskehandel i fiskeindustrien", MRDEM, GLOB, None,
     2011, 2011, {2011: 1.5}),
    ("GLO-10/0031", "ILO", "Programavtale: tvangsarbeid og menneskehandel", MRDEM, GLOB, None,
     2010, 2013, {2010: 8.0, 2011: 8.0, 2012: 8.5, 2013: 8.5}),
    ("EUR-10/0044", "Europarådet", "Konvensjonen mot menneskehandel og GRETA", MRDEM, EUR,
     None, 2010, 2013, {2010: 2.5, 2011: 2.5, 2012: 2.5, 2013: 2.5}),
    ("EUR-11/0018", "OSSE", "Spesialrepresentanten mot menneskehandel", MRDEM, EUR, None,
     2011, 2013, {2011: 2.0, 2012: 2.0, 2013: 2.0}),
    ("EUR-10/0090", "Østersjørådet", "Task Force against Trafficking in Human Beings", RUS, EUR,
     None, 2010, 2012, {2010: 1.8, 2011: 1.8, 2012: 1.8}),
    ("EUR-10/0102", "La Strada International", "Nettverk for ofres rettigheter", MRDEM, EUR,
     None, 2010, 2013, {2010: 1.5, 2011: 1.5, 2012: 1.5, 2013: 1.5}),
    ("GLO-10/0300", "Frivillige organisasjoner", "Mindre prosjekter 2010", MRDEM, GLOB, None,
     2010, 2010, {2010: 2.2}),
    ("GLO-11/0400", "Frivillige organisasjoner", "Mindre prosjekter 2011", MRDEM, GLOB, None,
     2011, 2011, {2011: 2.4}),
    ("GLO-12/0350", "Frivillige organisasjoner", "Mindre prosjekter 2012", MRDEM, GLOB, None,
     2012, 2012, {2012: 2.6}),
    ("GLO-13/0010", "Frivillige organisasjoner", "Mindre prosjekter 2013", MRDEM, GLOB, None,
     2013, 2013, {2013: 2.8}),
    ("UKR-12/0005", "IOM", "Lokale tiltak via ambassaden i Kyiv", REG, EUR, "Ukraina",
     2012, 2013, {2012: 1.0, 2013: 1.0}),
    ("GLO-10/0120", "UNODC", "Global Initiative to Fight Human Trafficking (UN.GIFT)", MRDEM,
     GLOB, None, 2010, 2011, {2010: 4.0, 2011: 3.0}),
    ("GLO-12/0140", "UNODC", "Faglig bistand til medlemsland", MRDEM, GLOB, None,
     2012, 2013, {2012: 4.0, 2013: 4.0}),
    ("GLO-12/0199", "IOM", "Kjernebidrag til arbeidet mot menneskehandel", HUM, GLOB, None,
     2012, 2013, {2012: 2.0, 2013: 12.0}),
    ("GLO-10/0188", "IOM", "Kjernebidrag 2010", HUM, GLOB, None, 2010, 2010, {2010: 6.0}),
]
YEARS = (2010, 2011, 2012, 2013)
STATUS_CHOICES = ("Gjennomført", "Delvis gjennomført", "Pågår", "Ikke gjort", "Ikke rapportert",
                  "Bortfalt")
HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)


def _header(ws, row: int, names: list[str], widths: list[int]) -> None:
    for col, (name, width) in enumerate(zip(names, widths), start=1):
        cell = ws.cell(row=row, column=col, value=name)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def _status_list(ws, column: str, first: int, last: int) -> None:
    rule = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"',
                          allow_blank=True, showErrorMessage=False)
    rule.add(f"{column}{first}:{column}{last}")
    ws.add_data_validation(rule)


ACTION_HEADERS = ["Nr.", "Anbefaling", "Tiltak", "Part", "Ansvarlig", "Seksjon", "Region",
                  "Evaluering", "Frist", "Status", "Kommentar", "Anbefaling nr"]
ACTION_WIDTHS = [8, 26, 60, 7, 24, 24, 20, 30, 12, 18, 60, 10]

# (nr, recommendation, responsible, response June, response December, reason) and the
# recommendation each follow-up point answers — ILLUSTRATIVE: the memo lists the follow-up
# points, not how they group under the evaluation's recommendations, nor the responses
RECOMMENDATIONS = [
    (1, "Legg evalueringens anbefalinger til grunn i dialogen med IOM, sentralt og på "
     "prosjektnivå", HUM, "Enig", "Enig", None),
    (2, "Forankre oppfølgingen på landnivå: i tildelingsbrev og virksomhetsplaner", REG,
     "Enig", "Enig", None),
    (3, "Gå over fra ettårige til flerårige avtaler med IOM", RUS, "Delvis enig",
     "Delvis enig", "Flerårige avtaler der prosjektene egner seg; små prosjekter kan fortsatt "
     "være ettårige."),
    (4, "Styrk samarbeidet mellom organisasjonene på feltet og ivaretakelsen av "
     "menneskerettighetene", MRDEM, "Enig", "Enig", None),
    (5, "IOM bør styrke behovsanalyser, resultatmåling og læring", "IOM", "Enig", "Enig", None),
    (6, "IOM bør utarbeide strategier for arbeidet mot menneskehandel", "IOM", "Enig", "Enig",
     None),
    (7, "IOM bør overlate tiltak innen rettshåndhevelse til andre aktører", "IOM",
     "Delvis enig", "Uenig", "Justisdepartementet vurderte, etter at oppfølgingsplanen ble "
     "laget, at IOM håndterte dette på en god måte."),
]
ACTION_RECOMMENDATION = {"UD-1": 1, "UD-2": 1, "UD-5": 1, "UD-3": 2, "UD-4": 2, "UD-6": 3,
                         "UD-7": 4, "IOM-4": 4, "IOM-5": 4, "IOM-1": 5, "IOM-2": 5,
                         "IOM-3": 6, "IOM-6": 7}
RESPONSE_CHOICES = ("Enig", "Delvis enig", "Uenig")
RECOMMENDATION_HEADERS = ["Nr", "Anbefaling", "Ledelsens svar", "Begrunnelse", "Ansvarlig",
                          "Evaluering"]
RECOMMENDATION_WIDTHS = [6, 70, 16, 50, 30, 30]


def actions_sheet(wb: Workbook, title: str, december: bool) -> None:
    """Add the actions sheet: a title, a blank row, then merged party and actor cells."""
    ws = wb.create_sheet("Tiltak")
    ws["A1"] = title
    ws["A1"].font = TITLE_FONT
    _header(ws, 3, ACTION_HEADERS, ACTION_WIDTHS)
    for i, a in enumerate(ACTIONS):
        row = 4 + i
        values = [a[0], a[1], a[2], a[3], a[4], a[5], a[6], EVALUATION, a[7],
                  a[8] if december else a[9], a[10] if december else None,
                  ACTION_RECOMMENDATION[a[0]]]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if col == 9:
                cell.number_format = "DD.MM.YYYY"
    first_iom = 4 + next(i for i, a in enumerate(ACTIONS) if a[3] == "IOM")
    last = 3 + len(ACTIONS)
    ws.merge_cells(f"D4:D{first_iom - 1}")
    ws.merge_cells(f"D{first_iom}:D{last}")
    ws.merge_cells(f"E{first_iom}:E{last}")
    _status_list(ws, "J", 4, 200)


def grants_sheet(wb: Workbook, december: bool) -> None:
    """Add the grants sheet in the wide layout (a column per year), as an Excel Table."""
    ws = wb.create_sheet("Tilskudd")
    ws["A1"] = "Tilskudd mot menneskehandel (ILLUSTRATIVE TALL, NOK)"
    ws["A1"].font = TITLE_FONT
    names = ["Avtalenr", "Partner", "Tittel", "Seksjon", "Region", "Land", "Fra", "Til",
             *[str(y) for y in YEARS]]
    _header(ws, 3, names, [14, 22, 44, 26, 20, 14, 8, 8, 14, 14, 14, 14])
    grants = [g for g in GRANTS if december or g[0] != "QZA-12/0291"]
    for i, g in enumerate(grants):
        row = 4 + i
        values = [g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]]
        values += [round(g[8][y] * 1_000_000) if y in g[8] else None for y in YEARS]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            if col > 8:
                cell.number_format = "#,##0"
    last = 3 + len(grants)
    table = Table(displayName="Tilskudd", ref=f"A3:L{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    ws.cell(row=last + 1, column=1, value="Sum").font = Font(bold=True)
    for col in range(9, 13):
        letter = ws.cell(row=3, column=col).column_letter
        ws.cell(row=last + 1, column=col, value=f"=SUM({letter}4:{letter}{last})")


# (actor, addresses) — ILLUSTRATIVE placeholders at example.org, not real addresses; the
# embassies have no shared address, so the reminders show an actor without one
CONTACTS = [
    (HUM, "hum-seksjonen@ud.example.org"),
    (MRDEM, "mrdem-seksjonen@ud.example.org"),
    (RUS, "reg-seksjonen@ud.example.org; kari.nordmann@ud.example.org"),
    (REG, "regionalavdelingen@ud.example.org"),
    ("IOM", "iom-geneve@iom.example.org"),
]
CONTACT_HEADERS = ["Ansvarlig", "E-post"]


def contacts_sheet(wb: Workbook, rows: list[tuple[str, str]]) -> None:
    """Add the contacts sheet: an actor per row and its addresses (several with `;`)."""
    ws = wb.create_sheet("Kontakter")
    _header(ws, 1, CONTACT_HEADERS, [48, 60])
    for i, (actor, emails) in enumerate(rows, start=2):
        ws.cell(row=i, column=1, value=actor)
        ws.cell(row=i, column=2, value=emails)


def _response_list(ws, first: int, last: int) -> None:
    rule = DataValidation(type="list", formula1='"' + ",".join(RESPONSE_CHOICES) + '"',
                          allow_blank=True, showErrorMessage=False)
    rule.add(f"C{first}:C{last}")
    ws.add_data_validation(rule)


def recommendations_sheet(wb: Workbook, december: bool | None) -> None:
    """Add the recommendations sheet with the management responses (empty for None)."""
    ws = wb.create_sheet("Anbefalinger")
    _header(ws, 1, RECOMMENDATION_HEADERS, RECOMMENDATION_WIDTHS)
    _response_list(ws, 2, 200)
    if december is None:
        return
    for row, (nr, text, responsible, june, dec, reason) in enumerate(RECOMMENDATIONS, start=2):
        if not december and june != dec:
            reason = None  # the reason came with the later response
        values = [nr, text, dec if december else june, reason, responsible, EVALUATION]
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value).alignment = Alignment(
                wrap_text=True, vertical="top")


def build_sample(path: Path, december: bool) -> Path:
    """Write one sample reporting round (December 2012 or June 2012) to path."""
    wb = Workbook()
    wb.remove(wb.active)
    when = "per 14.12.2012" if december else "per 29.06.2012"
    actions_sheet(wb, f"Oppfølgingsplan: evaluering av IOMs innsats mot menneskehandel "
                      f"({when})", december)
    grants_sheet(wb, december)
    recommendations_sheet(wb, december)
    contacts_sheet(wb, CONTACTS)
    wb.save(path)
    return path


def main() -> None:
    """Regenerate data/sample-2012-06.xlsx, data/sample.xlsx, the second evaluation's
    data/sample-retur-2012-10.xlsx and the templates (nb, nn, en)."""
    from followup import sample_second

    build_sample(DATA / "sample-2012-06.xlsx", december=False)
    build_sample(DATA / "sample.xlsx", december=True)
    sample_second.build(SAMPLE_SECOND[0])
    for lang in LANGS:
        template.build(template_path(lang), lang)


if __name__ == "__main__":
    main()
