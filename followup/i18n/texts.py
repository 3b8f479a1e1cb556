"""Every user-facing text, in bokmål and English. Keys are `area.name`."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # locations
    "loc.row": {"nb": "rad {row}", "en": "row {row}"},
    "loc.column": {"nb": "kolonne {column}", "en": "column {column}"},
    # statuses
    "status.done": {"nb": "Gjennomført", "en": "Done"},
    "status.partial": {"nb": "Delvis gjennomført", "en": "Partly done"},
    "status.ongoing": {"nb": "Pågår", "en": "Ongoing"},
    "status.not_started": {"nb": "Ikke gjort", "en": "Not done"},
    "status.no_report": {"nb": "Ikke rapportert", "en": "Not reported"},
    "status.not_applicable": {"nb": "Bortfalt", "en": "Not applicable"},
    "grant_type.multi-year": {"nb": "Flerårig", "en": "Multi-year"},
    "grant_type.one-year": {"nb": "Ettårig", "en": "One-year"},
    "kind.actions": {"nb": "Tiltak", "en": "Actions"},
    "kind.grants": {"nb": "Tilskudd", "en": "Grants"},
    "kind.disbursements": {"nb": "Utbetalinger", "en": "Disbursements"},
    "kind.recommendations": {"nb": "Anbefalinger", "nn": "Tilrådingar",
                             "en": "Recommendations"},
    # management responses and recommendation statuses
    "response.accepted": {"nb": "Enig", "nn": "Einig", "en": "Agreed"},
    "response.partial": {"nb": "Delvis enig", "nn": "Delvis einig", "en": "Partially agreed"},
    "response.rejected": {"nb": "Uenig", "nn": "Ueinig", "en": "Disagreed"},
    "response.no_response": {"nb": "Ikke besvart", "nn": "Ikkje svara", "en": "No response"},
    "rec_status.implemented": {"nb": "Gjennomført", "nn": "Gjennomført", "en": "Implemented"},
    "rec_status.partial": {"nb": "Delvis gjennomført", "nn": "Delvis gjennomført",
                           "en": "Partly implemented"},
    "rec_status.ongoing": {"nb": "Pågår", "nn": "Pågår", "en": "Ongoing"},
    "rec_status.not_started": {"nb": "Ikke påbegynt", "nn": "Ikkje starta",
                               "en": "Not started"},
    "rec_status.no_actions": {"nb": "Ingen tiltak", "nn": "Ingen tiltak", "en": "No actions"},
    # file-level problems
    "problem.empty_file": {"nb": "Filen er tom (0 byte).", "en": "The file is empty (0 bytes)."},
    "problem.file_too_large": {
        "nb": "Filen er {size_mb} MB; største tillatte er {limit_mb} MB.",
        "en": "The file is {size_mb} MB; the largest allowed is {limit_mb} MB."},
    "problem.unpacks_too_large": {
        "nb": "Filen pakker seg ut til {size_mb} MB; grensen er {limit_mb} MB. Den er avvist "
              "før lesing (mulig zip-bombe).",
        "en": "The file unpacks to {size_mb} MB; the limit is {limit_mb} MB. It was refused "
              "before reading (possible zip bomb)."},
    "problem.part_inflates_past_size": {
        "nb": "Delen {part} pakker seg ut til mer enn den oppgir (mulig zip-bombe); "
              "filen er avvist.",
        "en": "The part {part} unpacks to more than it declares (possible zip bomb); "
              "the file was refused."},
    "problem.too_many_parts": {
        "nb": "Filen har {count} deler; det er ikke en vanlig arbeidsbok og er avvist.",
        "en": "The file has {count} parts; that is not an ordinary workbook and was refused."},
    "problem.old_or_encrypted": {
        "nb": "Filen er passordbeskyttet, eller en eldre Office-fil som ikke kan leses som "
              "arbeidsbok. Åpne den i Excel, fjern eventuelt passordet og lagre som .xlsx.",
        "en": "The file is password-protected, or an older Office file that cannot be read as a "
              "workbook. Open it in Excel, remove any password and save it as .xlsx."},
    "problem.not_xlsx": {
        "nb": "Filen er ikke en Excel-arbeidsbok (.xlsx, .xlsm eller .xls).",
        "en": "The file is not an Excel workbook (.xlsx, .xlsm or .xls)."},
    "problem.truncated": {
        "nb": "Filen er avkortet eller skadet og kan ikke leses. Lagre den på nytt fra Excel.",
        "en": "The file is truncated or damaged and cannot be read. Save it again from Excel."},
    "problem.unreadable": {
        "nb": "Arbeidsboken kan ikke leses ({detail}).",
        "en": "The workbook cannot be read ({detail})."},
    "problem.unsupported_compression": {
        "nb": "Delen {part} er komprimert på en måte Excel ikke bruker; filen er avvist.",
        "en": "The part {part} uses a compression Excel does not use; the file was refused."},
    "problem.bad_part_name": {
        "nb": "Delen {part} har et navn ingen arbeidsbok bruker; filen er avvist.",
        "en": "The part {part} has a name no workbook uses; the file was refused."},
    "problem.xml_dtd": {
        "nb": "Delen {part} inneholder en XML-DTD (mulig entitetsbombe); filen er avvist.",
        "en": "The part {part} contains an XML DTD (possible entity bomb); the file was refused."},
    "problem.no_sheet": {
        "nb": "Fant ingen kjent arkfane (fant: {found}). Godtatte navn: {accepted}.",
        "en": "No recognised sheet (found: {found}). Accepted names: {accepted}."},
    "problem.duplicate_sheet": {
        "nb": "Flere arkfaner betyr det samme: {names}. Behold én av dem.",
        "en": "Several sheets mean the same: {names}. Keep one of them."},
    "problem.no_rows": {
        "nb": "Arbeidsboken har ingen rader med data (lest: {sheets}).",
        "en": "The workbook has no rows of data (read: {sheets})."},
    # sheet-level problems
    "problem.no_header": {
        "nb": "fant ikke overskriftsraden blant de første {rows} radene; ventet kolonner som "
              "{expected}.",
        "en": "no header row among the first {rows} rows; expected columns such as {expected}."},
    "problem.missing_column": {
        "nb": "mangler påkrevd kolonne {wanted} (godtatte overskrifter: {accepted}).",
        "en": "the required column {wanted} is missing (accepted headers: {accepted})."},
    "problem.duplicate_column": {
        "nb": "kolonne {letter} betyr det samme som kolonne {other}; behold én.",
        "en": "column {letter} means the same as column {other}; keep one."},
    "problem.sheet_not_read": {
        "nb": "arkfanen blir ikke lest; bare arkfaner som heter {accepted} leses. Gi den ett av "
              "disse navnene om den skal med.",
        "en": "the sheet is not read; only sheets named {accepted} are. Give it one of those "
              "names if it should be."},
    "problem.formula_without_value": {
        "nb": "cellen har formelen {quoted}, men ikke noe lagret resultat (filen er ikke lagret "
              "fra Excel). Åpne og lagre den i Excel, eller skriv inn verdien.",
        "en": "the cell holds the formula {quoted} but no stored result (the file was not "
              "saved by Excel). Open and save it in Excel, or type the value."},
    "problem.unknown_columns": {
        "nb": "ukjente kolonner blir ikke lest: {names}.",
        "en": "unknown columns are not read: {names}."},
    "problem.unnamed_column": {
        "nb": "kolonne {letter} har verdier, men ingen overskrift; den blir ikke lest.",
        "en": "column {letter} has values but no header; it is not read."},
    # cell-level problems
    "problem.missing_value": {
        "nb": "mangler verdi; kolonnen er påkrevd.",
        "en": "no value; the column is required."},
    "problem.unknown_status": {
        "nb": "{quoted} er ikke en kjent status. Godtatte: {accepted}.",
        "en": "{quoted} is not a known status. Accepted: {accepted}."},
    "problem.empty_status": {
        "nb": "status er tom; registrert som «Ikke rapportert».",
        "en": "the status is empty; recorded as “Not reported”."},
    "problem.bad_amount": {
        "nb": "{quoted} er ikke et beløp (skriv f.eks. 1 250 000 eller kr 1 250 000,50).",
        "en": "{quoted} is not an amount (write e.g. 1 250 000 or kr 1 250 000,50)."},
    "problem.negative_amount": {
        "nb": "negativt beløp {quoted} (tilbakebetaling?); tatt med som det står.",
        "en": "negative amount {quoted} (a refund?); included as written."},
    "problem.bad_date": {
        "nb": "{quoted} er ikke en dato (skriv f.eks. 31.12.2012, 2012-12-31 eller 2012).",
        "en": "{quoted} is not a date (write e.g. 31.12.2012, 2012-12-31 or 2012)."},
    "problem.bad_year": {
        "nb": "{quoted} er ikke et årstall (skriv f.eks. 2012).",
        "en": "{quoted} is not a year (write e.g. 2012)."},
    "problem.bad_grant_type": {
        "nb": "{quoted} er ikke en avtaletype. Godtatte: flerårig, ettårig.",
        "en": "{quoted} is not an agreement type. Accepted: multi-year, one-year."},
    "problem.end_before_start": {
        "nb": "slutt {quoted} er før start ({start}).",
        "en": "the end {quoted} is before the start ({start})."},
    "problem.duplicate_action_id": {
        "nb": "ID {quoted} finnes også i rad {other}; hver ID skal være unik.",
        "en": "ID {quoted} also appears in row {other}; every ID must be unique."},
    "problem.duplicate_grant_id": {
        "nb": "avtalenummer {quoted} finnes også i rad {other}; hvert avtalenummer skal "
              "være unikt.",
        "en": "agreement number {quoted} also appears in row {other}; each must be unique."},
    "problem.unknown_grant": {
        "nb": "utbetaling til avtale {quoted}, som ikke står i arket {grants_sheet}.",
        "en": "a disbursement to agreement {quoted}, which is not in the sheet {grants_sheet}."},
    "problem.both_layouts": {
        "nb": "avtale {quoted}, år {year} står både i {grants_sheet} (kolonne {year}) og i "
              "{disb_sheet}; før den opp bare ett sted.",
        "en": "agreement {quoted}, year {year} is given both in {grants_sheet} (column {year}) "
              "and in {disb_sheet}; give it in one place only."},
    "problem.cell_error": {
        "nb": "cellen inneholder Excel-feilen {quoted}; rett formelen eller skriv inn verdien.",
        "en": "the cell holds the Excel error {quoted}; fix the formula or type the value."},
    "problem.unknown_response": {
        "nb": "{quoted} er ikke et kjent svar. Godtatte: {responses}, eller tom celle.",
        "nn": "{quoted} er ikkje eit kjent svar. Godtekne: {responses}, eller tom celle.",
        "en": "{quoted} is not a known response. Accepted: {responses}, or an empty cell."},
    "problem.empty_response": {
        "nb": "ledelsens svar er tomt; registrert som «Ikke besvart».",
        "nn": "svaret frå leiinga er tomt; registrert som «Ikkje svara».",
        "en": "the management response is empty; recorded as “No response”."},
    "problem.duplicate_recommendation_id": {
        "nb": "anbefaling nr. {quoted} finnes også i rad {other}; hvert nummer skal være unikt.",
        "nn": "tilråding nr. {quoted} finst òg i rad {other}; kvart nummer skal vere unikt.",
        "en": "recommendation {quoted} also appears in row {other}; each number must be "
              "unique."},
    "problem.unknown_recommendation": {
        "nb": "anbefaling nr. {quoted} står ikke i arket {rec_sheet}. Numrene der er: {known}.",
        "nn": "tilråding nr. {quoted} står ikkje i arket {rec_sheet}. Numra der er: {known}.",
        "en": "recommendation {quoted} is not in the sheet {rec_sheet}. Its numbers are: "
              "{known}."},
    "problem.no_recommendations_sheet": {
        "nb": "tiltakene viser til anbefalingsnumre, men arbeidsboken har ikke arket "
              "Anbefalinger; numrene er lagret uten kobling.",
        "nn": "tiltaka viser til tilrådingsnummer, men arbeidsboka har ikkje arket "
              "Anbefalingar; numra er lagra utan kopling.",
        "en": "the actions refer to recommendation numbers, but the workbook has no "
              "Recommendations sheet; the numbers are stored unlinked."},
    "problem.more_like_this": {
        "nb": {"one": "… og {count} til av samme slag i denne kolonnen.",
               "other": "… og {count} flere av samme slag i denne kolonnen."},
        "nn": {"one": "… og {count} til av same slag i denne kolonna.",
               "other": "… og {count} fleire av same slag i denne kolonna."},
        "en": {"one": "… and {count} more of the same kind in this column.",
               "other": "… and {count} more of the same kind in this column."}},
}

TEXT.update({
    # command line
    "cli.loaded": {
        "nb": "Lastet inn som runde {snapshot} per {as_of} fra {file}.",
        "en": "Loaded as round {snapshot} as of {as_of} from {file}."},
    "cli.counts": {
        "nb": "  Tiltak: {actions} · Tilskudd: {grants} · Utbetalinger: {disbursements}",
        "en": "  Actions: {actions} · Grants: {grants} · Disbursements: {disbursements}"},
    "cli.duplicate": {
        "nb": "Filen er allerede lastet inn som runde {snapshot} (per {as_of}); "
              "ingenting er endret.",
        "en": "The file is already loaded as round {snapshot} (as of {as_of}); nothing changed."},
    "cli.counts_recommendations": {"nb": "  Anbefalinger: {recommendations}",
                                   "nn": "  Tilrådingar: {recommendations}",
                                   "en": "  Recommendations: {recommendations}"},
    "cli.warnings": {"nb": "  Advarsler ({count}):", "en": "  Warnings ({count}):"},
    "cli.warning": {"nb": "Advarsel: {text}", "en": "Warning: {text}"},
    "cli.rejected": {
        "nb": {"one": "Ingenting er lastet inn: {count} feil må rettes i arbeidsboken.",
               "other": "Ingenting er lastet inn: {count} feil må rettes i arbeidsboken."},
        "nn": {"one": "Ingenting er lasta inn: {count} feil må rettast i arbeidsboka.",
               "other": "Ingenting er lasta inn: {count} feil må rettast i arbeidsboka."},
        "en": {"one": "Nothing was loaded: {count} error must be fixed in the workbook.",
               "other": "Nothing was loaded: {count} errors must be fixed in the workbook."}},
    "cli.no_file": {"nb": "Fant ikke filen {path}.", "en": "File not found: {path}."},
    "cli.not_a_file": {"nb": "{path} er en mappe, ikke en fil.",
                       "en": "{path} is a folder, not a file."},
    "cli.unknown_value": {
        "nb": "{option} {value} finnes ikke i noen runde. Kjente verdier: {known}.",
        "en": "{option} {value} is in no round. Known values: {known}."},
    "cli.bad_years": {
        "nb": "--from-year {first} er etter --to-year {last}.",
        "en": "--from-year {first} is after --to-year {last}."},
    "cli.no_database": {"nb": "Databasen {path} finnes ikke.",
                        "en": "The database {path} does not exist."},
    "cli.created_with_sample": {
        "nb": "Databasen {path} fantes ikke; den er opprettet med eksempelrundene "
              "(illustrative tall).",
        "en": "The database {path} did not exist; it was created with the sample rounds "
              "(illustrative figures)."},
    "cli.busy": {
        "nb": "Databasen er opptatt (en annen import pågår). Prøv igjen om litt.",
        "en": "The database is busy (another import is running). Try again shortly."},
    "cli.unknown_query": {
        "nb": "Ukjent spørring {name}. Tilgjengelige: {names}.",
        "en": "Unknown query {name}. Available: {names}."},
    "cli.unknown_snapshot": {
        "nb": "Ingen runde {snapshot}. Tilgjengelige: {ids}.",
        "en": "No round {snapshot}. Available: {ids}."},
    "cli.no_snapshots": {
        "nb": "Databasen har ingen rapporteringsrunder ennå.",
        "en": "The database has no reporting rounds yet."},
    "cli.bad_date": {
        "nb": "{value} er ikke en dato på formen ÅÅÅÅ-MM-DD.",
        "en": "{value} is not a date of the form YYYY-MM-DD."},
    "cli.wrote": {"nb": "Skrev {path} ({size} kB).", "en": "Wrote {path} ({size} kB)."},
    "cli.cannot_write": {"nb": "Kan ikke skrive {path}: {error}",
                         "en": "Cannot write {path}: {error}"},
    "cli.deleted": {
        "nb": "Runde {snapshot} er slettet. Gjeldende runde er nå {current}.",
        "en": "Round {snapshot} was deleted. The current round is now {current}."},
})
