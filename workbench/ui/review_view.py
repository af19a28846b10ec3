"""Peer review on the facilitator's screen: the criteria (add one with its description), the
link phones open, and the teams' scores per criterion with the reviewers' comments."""

from __future__ import annotations

import ipywidgets as w

from workbench.app import Workbench
from workbench.i18n import t
from workbench.session import review
from workbench.ui import esc, public_url, said, show_message, shows_errors


def _mean(value) -> str:
    return "—" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


class ReviewPanel:
    """`ReviewPanel(wb, code).widget`; **Обновить** redraws the scores (the phones' reviews)."""

    def __init__(self, wb: Workbench, session_code: str, lang: str | None = None):
        self.store = wb.store
        self.code = session_code
        self.lang = L = lang or wb.settings["lang"]
        self.message = w.HTML()
        self.name = w.Text(placeholder=t("review_criterion_name", L), layout=w.Layout(width="30%"))
        self.description = w.Text(placeholder=t("review_criterion_description", L), layout=w.Layout(width="45%"))
        self.add = w.Button(description=t("review_add_criterion", L), icon="plus", layout=w.Layout(width="auto"))
        self.add.on_click(self._on_add)
        self.refresh_button = w.Button(icon="refresh", layout=w.Layout(width="auto"))
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.criteria = w.HTML()
        self.results = w.HTML()
        base = public_url().rstrip("/")
        link = f"{base}/s/{self.code}/review"
        self.widget = w.VBox([
            w.HTML(f"<h3>{esc(t('review_title', L))}</h3><div class='wb-meta'>{esc(t('review_link', L))}: "
                   f"<a href='{esc(link)}' target='_blank' class='wb-review-url'>{esc(link)}</a></div>"),
            self.message, self.criteria, w.HBox([self.name, self.description, self.add]),
            w.HBox([w.HTML(f"<b>{esc(t('review_results', L))}</b>"), self.refresh_button]), self.results])
        self.widget.add_class("wb-review")
        self.refresh()

    def say(self, text: str, error: bool = False) -> None:
        show_message(self.message, text, error)

    def refresh(self) -> None:
        L = self.lang
        crit = self.store.criteria(self.store.session(self.code)["id"])
        self.criteria.value = (f"<b>{esc(t('review_criteria', L))}</b><ol>" + "".join(
            f"<li><b>{esc(c['name'])}</b>{(' — ' + esc(c['description'])) if c['description'] else ''}</li>"
            for c in crit) + "</ol>") if crit else f"<i>{esc(t('review_no_criteria', L))}</i>"
        rows = review.results(self.store, self.code)
        if not rows or not crit:
            self.results.value = ""
            return
        head = "".join(f"<th>{esc(h)}</th>" for h in [t("protocol_team", L), *(c["name"] for c in crit),
                                                       t("review_mean", L), t("review_reviewers", L)])
        body = "".join(
            "<tr>" + "".join(f"<td>{esc(x)}</td>" for x in [r["text"], *(_mean(c["mean"]) for c in r["criteria"]),
                                                            _mean(r["mean"]), r["reviewers"]]) + "</tr>"
            for r in rows)
        comments = "".join(
            f"<p><b>{said(r['text'])}</b>: " + " · ".join(said(c) for c in r["comments"]) + "</p>"
            for r in rows if r["comments"])
        self.results.value = f"<table class='wb-drafts wb-review-results'><tr>{head}</tr>{body}</table>{comments}"

    @shows_errors
    def _on_add(self, _=None) -> None:
        review.add_criterion(self.store, self.code, self.name.value, self.description.value)
        self.name.value = self.description.value = ""
        self.refresh()
