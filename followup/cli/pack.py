"""The meeting pack on the command line: `brief`, `slides` and `export`, each written to
--out for a round, its filters and the round it is compared with."""

from __future__ import annotations

from pathlib import Path

from followup.cli.common import (
    EXIT_OK,
    compare_option,
    filter_options,
    open_db,
    pack_or_stop,
    write,
)
from followup.report.documents import pack


def cmd_pack(args) -> int:
    """Write one document of the meeting pack to --out."""
    with open_db(args) as con:
        filters, compare = pack_or_stop(con, args)
        data = pack.make(args.command, con, filters, args.lang, compare)
    write(Path(args.out), data, args.lang)
    return EXIT_OK


def add_parsers(sub, common) -> None:
    """Add one command per document of the pack."""
    for document in pack.PACK:
        p = sub.add_parser(document.command, parents=[common], help=document.help)
        p.add_argument("--out", required=True, metavar=f"FILE{document.suffix}")
        filter_options(p)
        compare_option(p)
        p.set_defaults(run=cmd_pack)
