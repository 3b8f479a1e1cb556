"""The overview's key figures, computed from query results (pure: no Streamlit, no SQL)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from followup.i18n import date, mnok, number, percent, t
from followup.i18n.numbers import MINUS


@dataclass(frozen=True)
class Kpi:
    """One card: label, value, the change (against what) and how to colour it, a help text."""

    label: str
    value: str
    delta: str | None = None
    delta_color: str = "off"
    help: str | None = None
    arrow: str = "auto"
    against: str | None = None


def _change(diff: float | None, text: str, against: str | None, color: str, lang: str) -> dict:
    """Return the delta fields of a card; no change reads `unchanged`, without an arrow."""
    if diff is None:
        return {}
    if round(diff, 6) == 0:
        return {"delta": t("kpi.unchanged", lang), "delta_color": "off", "arrow": "off",
                "against": against}
    sign = MINUS if diff < 0 else "+"
    return {"delta": sign + text.lstrip("−-"), "delta_color": color, "against": against}


def direction(kpi: Kpi) -> str:
    """Return which way a card's change points: `up`, `down` or `off` (none, or unchanged)."""
    if not kpi.delta or kpi.arrow == "off" or kpi.delta[0] not in "+" + MINUS:
        return "off"
    return "up" if kpi.delta[0] == "+" else "down"


def tone(kpi: Kpi) -> str:
    """Return whether a card's change is `good`, `bad` or `neutral` news."""
    way = direction(kpi)
    if way == "off" or kpi.delta_color == "off":
        return "neutral"
    return "good" if (way == "up") == (kpi.delta_color == "normal") else "bad"


def spend_year(spend: pd.DataFrame, as_of: dt.date) -> int | None:
    """Return the year the spend cards describe: the round's year, or the last year before it."""
    years = sorted(int(y) for y in spend["year"]) if len(spend) else []
    before = [y for y in years if y <= as_of.year]
    return before[-1] if before else (years[-1] if years else None)


def action_cards(kpis: pd.DataFrame, lang: str) -> list[Kpi]:
    """Return the cards for actions, share done and overdue, against the previous round."""
    if kpis.empty or not kpis.iloc[0]["actions"]:
        return []
    now = kpis.iloc[0]
    before = kpis.iloc[1] if len(kpis) > 1 else None
    vs = None if before is None else t("kpi.vs_previous", lang, as_of=date(before["as_of"], lang))

    def diff(column: str) -> float | None:
        if before is None or pd.isna(now[column]) or pd.isna(before[column]):
            return None
        return float(now[column]) - float(before[column])

    d_actions, d_pct, d_overdue = diff("actions"), diff("completion_pct"), diff("overdue")
    pct = now["completion_pct"]
    return [
        Kpi(t("kpi.actions", lang), number(now["actions"], 0, lang),
            help=t("kpi.actions_help", lang),
            **_change(d_actions, number(abs(d_actions or 0), 0, lang), vs, "off", lang)),
        Kpi(t("kpi.done", lang), percent(pct, lang) if pd.notna(pct) else "–",
            help=t("kpi.done_help", lang),
            **_change(d_pct, t("kpi.points", lang, value=number(abs(d_pct or 0), 1, lang)), vs,
                      "normal", lang)),
        Kpi(t("kpi.overdue", lang), number(now["overdue"], 0, lang),
            help=t("kpi.overdue_help", lang),
            **_change(d_overdue, number(abs(d_overdue or 0), 0, lang), vs, "inverse", lang)),
    ]


def spend_cards(spend: pd.DataFrame, share: pd.DataFrame, as_of: dt.date,
                lang: str) -> list[Kpi]:
    """Return the cards for the year's spend and its multi-year share, against the year before."""
    year = spend_year(spend, as_of)
    if year is None:
        return []
    amounts = spend.set_index("year")["amount_nok"].astype(float)
    shares = share.set_index("year")["multi_year_pct"].astype(float)
    vs = str(year - 1)
    d_spend = amounts[year] - amounts[year - 1] if year - 1 in amounts.index else None
    spend_text = number(abs(d_spend or 0) / 1_000_000, 1, lang)
    if d_spend and amounts[year - 1]:
        spend_text += f" ({percent(abs(d_spend) / abs(amounts[year - 1]) * 100, lang)})"
    cards = [Kpi(t("kpi.spend", lang, year=year), number(amounts[year] / 1_000_000, 1, lang),
                 help=t("kpi.spend_help", lang), **_change(d_spend, spend_text, vs, "off", lang))]
    if year in shares.index and pd.notna(shares[year]):
        has_before = year - 1 in shares.index and pd.notna(shares[year - 1])
        d_share = shares[year] - shares[year - 1] if has_before else None
        cards.append(Kpi(
            t("kpi.multi", lang, year=year), percent(shares[year], lang),
            help=t("kpi.multi_help", lang),
            **_change(d_share, t("kpi.points", lang, value=number(abs(d_share or 0), 1, lang)),
                      vs, "normal", lang)))
    return cards


def overview_cards(actions: pd.DataFrame, rates: pd.DataFrame, spend: pd.DataFrame,
                   share: pd.DataFrame, as_of: dt.date, lang: str) -> list[Kpi]:
    """Return the key figures of Oversikt, the briefing and the deck, in that one order: actions,
    share done, overdue, recommendations implemented, the year's spend, its multi-year share."""
    return (action_cards(actions, lang) + implementation_cards(rates, lang)
            + spend_cards(spend, share, as_of, lang))


def implementation_cards(rates: pd.DataFrame, lang: str) -> list[Kpi]:
    """Return the implementation-rate card against the previous round; none when the round
    has no accepted or partly accepted recommendation."""
    if rates.empty or not rates.iloc[0]["accepted"]:
        return []
    now = rates.iloc[0]
    before = rates.iloc[1] if len(rates) > 1 else None
    vs = None if before is None else t("kpi.vs_previous", lang, as_of=date(before["as_of"], lang))
    has_before = before is not None and pd.notna(before["implementation_pct"])
    diff = float(now["implementation_pct"]) - float(before["implementation_pct"]) \
        if has_before else None
    return [Kpi(t("kpi.implementation", lang), percent(now["implementation_pct"], lang),
                help=t("kpi.implementation_help", lang),
                **_change(diff, t("kpi.points", lang, value=number(abs(diff or 0), 1, lang)), vs,
                          "normal", lang))]


def action_headline(kpis: pd.DataFrame, stalled: int, lang: str) -> str | None:
    """Return the sentence a page about actions opens with, to be read aloud first: `4 av 12
    tiltak gjennomført · 2 forfalt · 2 står stille` (None when the filters leave no action)."""
    if kpis.empty or not kpis.iloc[0]["applicable"]:
        return None
    now = kpis.iloc[0]
    return t("headline.actions", lang, done=number(now["done"], 0, lang),
             applicable=number(now["applicable"], 0, lang),
             overdue=number(now["overdue"], 0, lang), stalled=number(stalled, 0, lang))


def recommendation_headline(rates: pd.DataFrame, lang: str) -> str | None:
    """Return the sentence Anbefalinger opens with: the recommendations implemented of those
    management accepted or partly accepted, and the rejected ones, counted apart (None when the
    filters leave no recommendation)."""
    if rates.empty or not rates.iloc[0]["recommendations"]:
        return None
    now = rates.iloc[0]
    return t("headline.recommendations", lang, implemented=number(now["implemented"], 0, lang),
             accepted=number(now["accepted"], 0, lang),
             rejected=number(now["rejected"], 0, lang))


def spend_headline(spend: pd.DataFrame, share: pd.DataFrame, as_of: dt.date,
                   lang: str) -> str | None:
    """Return the sentence a page about grants opens with: what was disbursed in the year the
    key figures describe and the multi-year share of it (None without disbursements)."""
    year = spend_year(spend, as_of)
    if year is None:
        return None
    amount = float(spend.set_index("year")["amount_nok"].astype(float)[year])
    shares = share.set_index("year")["multi_year_pct"]
    text = t("headline.spend", lang, amount=mnok(amount, lang), year=year)
    if year in shares.index and pd.notna(shares[year]):
        text += " · " + t("headline.multi", lang, share=percent(float(shares[year]), lang, 0))
    return text
