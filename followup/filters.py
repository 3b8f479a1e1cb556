"""The filters every view shares, and the query parameters they bind to."""

from __future__ import annotations

from dataclasses import dataclass, field

from followup.i18n import t


@dataclass(frozen=True)
class Filters:
    """What the user looks at: a reporting round and a slice of actions and grants."""

    snapshot: int | None = None
    regions: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    evaluations: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    actors: tuple[str, ...] = field(default=())

    def params(self, **extra) -> dict:
        """Return the query parameters; a query binds the ones it names."""
        return {
            "snapshot": self.snapshot,
            "regions": list(self.regions),
            "sections": list(self.sections),
            "evaluations": list(self.evaluations),
            "partners": list(self.partners),
            "actors": list(self.actors),
            "year_from": self.year_from,
            "year_to": self.year_to,
            **extra,
        }

    @property
    def active(self) -> bool:
        """Return True when anything but the round narrows the view."""
        return bool(self.regions or self.sections or self.evaluations or self.partners
                    or self.actors or self.year_from is not None or self.year_to is not None)

    def describe(self, lang: str, labelled: bool = True) -> str:
        """Return one line naming the filters in use (after `Utvalg:` unless not `labelled`,
        where a label of its own stands beside it), or saying that everything is shown."""
        chosen = [("filter.evaluation", self.evaluations), ("filter.region", self.regions),
                  ("filter.section", self.sections), ("filter.partner", self.partners),
                  ("col.actor", self.actors)]
        items = [f"{t(key, lang)}: {', '.join(values)}" for key, values in chosen if values]
        if self.year_from is not None or self.year_to is not None:
            items.append(f"{t('filter.years', lang)}: {self.year_from or '…'}–"
                         f"{self.year_to or '…'}")
        if not items:
            return t("scope.none", lang)
        return t("scope.filters", lang, items="; ".join(items)) if labelled else "; ".join(items)
