"""Peer review on the facilitator's screen: the criteria (add one with its description), the
link phones open, the review opened and closed, the teams' scores per criterion with the
reviewers' comments, and who scored (a reviewer's scores discarded when they look rigged)."""

from __future__ import annotations

import time

import ipywidgets as w

from workbench.app import Workbench
from workbench.i18n import t
from workbench.session import registration, review
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
        self.toggle = w.Button(layout=w.Layout(width="auto"))
        self.toggle.add_class("wb-review-toggle")
        self.toggle.on_click(self._on_toggle)
        self.status = w.HTML()
        self.status.add_class("wb-review-status")
        self.reviewers_head = w.HTML()
        self.reviewer_rows = w.VBox()
        self.checks: dict[int, w.Checkbox] = {}
        self.discard_button = w.Button(description=t("review_discard", L), button_style="danger",
                                       layout=w.Layout(width="auto"))
        self.discard_button.add_class("wb-review-discard")
        self.discard_button.on_click(self._on_discard)
        self.reviewers_box = w.VBox([self.reviewers_head, self.reviewer_rows, self.discard_button])
        base = public_url().rstrip("/")
        link = f"{base}/s/{self.code}/review"
        self.widget = w.VBox([
            w.HTML(f"<h3>{esc(t('review_title', L))}</h3><div class='wb-meta'>{esc(t('review_link', L))}: "
                   f"<a href='{esc(link)}' target='_blank' class='wb-review-url'>{esc(link)}</a></div>"),
            self.message, self.criteria, w.HBox([self.name, self.description, self.add]),
            w.HBox([self.toggle, self.status], layout=w.Layout(align_items="center")),
            w.HBox([w.HTML(f"<b>{esc(t('review_results', L))}</b>"), self.refresh_button]), self.results,
            self.reviewers_box])
        self.widget.add_class("wb-review")
        self.refresh()

    def say(self, text: str, error: bool = False) -> None:
        show_message(self.message, text, error)

    def refresh(self) -> None:
        L = self.lang
        session = self.store.session(self.code)
        opened = self.store.review_opened_at(session["id"])
        self.toggle.description = t("review_close_button" if opened else "review_open_button", L)
        self.toggle.button_style = "danger" if opened else "success"
        self.status.value = (f"<span data-review-open='{int(opened is not None)}'>"
                             + esc(t("review_is_open", L, time=time.strftime("%H:%M", time.localtime(opened)))
                                   if opened else t("review_is_closed", L)) + "</span>")
        self._reviewers()
        crit = self.store.criteria(session["id"])
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

    def _reviewers(self) -> None:
        """Who scored, with their checkboxes (ticks kept across a refresh)."""
        L = self.lang
        people = review.reviewers(self.store, self.code)
        total = registration.people_count(self.store, self.code)  # phones and the door, as everywhere
        self.reviewers_head.value = (f"<b data-reviewers='{len(people)}'>"
                                     f"{esc(t('review_reviewers_n', L, n=len(people), total=total))}</b>")
        ticked = {pid for pid, check in self.checks.items() if check.value}
        self.checks = {}
        rows = []
        for p in people:
            scores = ", ".join(f"{s['team']} {_mean(s['mean'])}" for s in p["scores"])
            joined = time.strftime("%H:%M:%S", time.localtime(p["joined_at"])) if p["joined_at"] else "—"
            label = t("review_reviewer_row", L, name=p["name"] or t("review_no_name", L), joined=joined,
                      team=p["team"] or t("review_no_team", L), cards=p["cards"], scores=scores)
            check = w.Checkbox(value=p["id"] in ticked, indent=False, layout=w.Layout(width="32px"))
            self.checks[p["id"]] = check
            row = w.HBox([check, w.HTML(f"<span data-reviewer='{p['id']}'>{esc(label)}</span>")],
                         layout=w.Layout(align_items="center"))
            row.add_class("wb-reviewer")
            rows.append(row)
        self.reviewer_rows.children = tuple(rows)
        self.discard_button.layout.display = "" if people else "none"

    @shows_errors
    def _on_toggle(self, _=None) -> None:
        if self.store.review_opened_at(self.store.session(self.code)["id"]) is None:
            review.open_review(self.store, self.code)
        else:
            review.close_review(self.store, self.code)
        self.refresh()

    @shows_errors
    def _on_discard(self, _=None) -> None:
        n = review.discard(self.store, self.code, [pid for pid, check in self.checks.items() if check.value])
        self.checks = {}
        self.refresh()
        self.say(t("review_discarded", self.lang, n=n))
