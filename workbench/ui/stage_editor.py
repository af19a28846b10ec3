"""The projector's stage editor: correct the session's title, territory and date (`SessionBox`),
rename and re-prompt the stage on screen, move it, remove it,
add a stage after it, choose where a voting or teams stage takes its candidates, and save the
stage list as a template. A control: hidden in show mode, folded away until asked for (and built
only then: its 60 widgets would slow every opening of the control view).

Each callback calls one function of `workbench.session.stages` (or `templates`) and redraws.
"""

from __future__ import annotations

import ipywidgets as w

from workbench.errors import WorkbenchError
from workbench.i18n import t
from workbench.session import stages, templates, voting
from workbench.session.model import STAGE_KINDS
from workbench.session.teams import TEAM_OPTIONS
from workbench.session.wall import groups
from workbench.ui import ViewPart, shows_errors
from workbench.ui.session_box import SessionBox


def _button(cls: str, style: str = "") -> w.Button:
    b = w.Button(button_style=style, layout=w.Layout(width="auto"))
    b.add_class(cls)
    return b


class StageEditor(ViewPart):
    """Build with `StageEditor(view)`; `.widget` goes into the projector, `.refresh(stage, stages)`
    follows the stage on screen."""

    def __init__(self, view):
        self.view = view
        self.toggle = w.ToggleButton(value=False, layout=w.Layout(width="auto"))
        self.toggle.add_class("wb-stages-toggle")
        self.toggle.observe(lambda _: self._show(), "value")
        self.panel = None  # built when first opened: most sessions never open it (and the view opens faster)
        self.widget = w.VBox([self.toggle])
        self.widget.add_class("wb-control")
        self._synced = None
        self.stage: dict | None = None
        self._seen: tuple | None = None  # (stage, listing, cards) of the last refresh

    def _build(self) -> None:
        self.title = w.Text(layout=w.Layout(width="360px"))
        self.title.add_class("wb-stage-title")
        self.prompt = w.Textarea(layout=w.Layout(flex="1 1 360px", width="auto", height="56px"))
        self.prompt.add_class("wb-stage-prompt")
        self.save = _button("wb-stage-save", "warning")
        self.save.layout.flex = "0 0 auto"  # never squeezed into "Сохранить название и…"
        self.save.on_click(self._on_save)
        self.up, self.down = _button("wb-stage-up"), _button("wb-stage-down")
        self.up.on_click(lambda _: self._on_move(-1))
        self.down.on_click(lambda _: self._on_move(1))
        self.remove = _button("wb-stage-remove", "danger")
        self.remove.on_click(self._on_remove)
        self.force = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"))
        self.force.add_class("wb-stage-force")
        self.kind = w.Dropdown(options=[], layout=w.Layout(width="auto"), style={"description_width": "initial"})
        self.kind.add_class("wb-stage-kind")
        self.add = _button("wb-stage-add", "success")
        self.add.on_click(self._on_add)
        # as wide as its longest line (a teams stage's default names the vote it takes), never
        # wider than the window: a fixed width cut the line the facilitator has to read
        self.source = w.Dropdown(options=[("", "")], layout=w.Layout(width="auto", max_width="100%"),
                                 style={"description_width": "initial"})
        self.source.add_class("wb-source")
        self.source.observe(lambda _: self._show_groups(), "value")
        self.top = w.BoundedIntText(value=voting.DEFAULT_TOP, min=1, max=stages.MAX_TOP,
                                    layout=w.Layout(width="150px"))
        self.top.add_class("wb-source-top")
        self.groups = w.SelectMultiple(options=[], rows=4, layout=w.Layout(width="420px", display="none"))
        self.groups.add_class("wb-source-groups")
        self.apply = _button("wb-source-apply", "info")
        self.apply.on_click(self._on_source)
        # the card stage a voting stage votes on (a teams stage forms teams on): chosen here, and
        # turned to the card stage before it when the one it had is removed (`stages.remove`)
        self.target = w.Dropdown(options=[], layout=w.Layout(width="auto", max_width="100%"),
                                 style={"description_width": "initial"})
        self.target.add_class("wb-target")
        self.target.observe(self._on_target, "value")
        self._syncing_target = False
        self.source_row = w.VBox([self.target, w.HBox([self.source, self.top, self.apply],
                                         layout=w.Layout(align_items="center", flex_flow="row wrap")),
                                  self.groups])
        self.template_name = w.Text(layout=w.Layout(width="260px"))
        self.template_name.add_class("wb-template-name")
        self.save_template = _button("wb-template-save")
        self.save_template.layout.flex = "0 0 auto"  # its whole label; the row wraps on a phone
        self.save_template.on_click(self._on_save_template)
        # offered after «уже есть»: the name that was refused, written over on a second click
        self.replace_template = _button("wb-template-replace", "danger")
        self.replace_template.layout.display = "none"
        self.replace_template.layout.flex = "0 0 auto"
        self.replace_template.on_click(self._on_replace_template)
        self.template_name.observe(lambda _: self._forget_replace(), "value")
        self._refused_name: str | None = None
        self.session_box = SessionBox(self.view)  # the session's title, territory and date
        self.panel = w.VBox([
            self.session_box.widget,
            w.HBox([self.title, self.prompt, self.save], layout=w.Layout(align_items="center", flex_flow="row wrap")),
            w.HBox([self.up, self.down, self.remove, self.force],
                   layout=w.Layout(align_items="center", flex_flow="row wrap")),
            w.HBox([self.kind, self.add], layout=w.Layout(align_items="center", flex_flow="row wrap")),
            self.source_row,
            w.HBox([self.template_name, self.save_template, self.replace_template],
                   layout=w.Layout(align_items="center", flex_flow="row wrap")),
        ], layout=w.Layout(display="none", border="1px solid #b8cde8", padding="4px 8px"))
        self.panel.add_class("wb-stage-editor")
        self.widget.children = (self.toggle, self.panel)
        self.render_labels()
        if self._seen is not None:
            self.refresh(*self._seen)

    @property
    def store(self):
        return self.view.store

    def render_labels(self) -> None:
        L = self.lang
        self.toggle.description = "✎ " + t("stages_edit", L)
        self._synced = None
        if self.panel is None:
            return
        self.session_box.render_labels()
        self.title.description = t("stage_title_label", L)
        self.prompt.description = t("stage_prompt_label", L)
        self.save.description = t("stage_save_text", L)
        self.up.description, self.down.description = t("stage_up", L), t("stage_down", L)
        self.remove.description = t("stage_remove", L)
        self.force.description = t("stage_remove_force", L)
        kind = self.kind.value or "cards"
        self.kind.options = [(t(f"stage_{k}", L), k) for k in STAGE_KINDS]
        self.kind.value = kind  # a kind is always chosen: a blank list read as "nothing to add"
        self.kind.description = t("stage_add_kind", L)
        self.add.description = t("stage_add", L)
        self.source.description = t("source_label", L)
        self.target.description = t("target_label", L)
        self.top.description = t("source_top", L)
        self.apply.description = t("source_apply", L)
        self.template_name.placeholder = t("template_name", L)
        self.save_template.description = t("save_template", L)
        self.replace_template.description = t("template_replace", L)

    def _show(self) -> None:
        if self.toggle.value and self.panel is None:
            self._build()
        if self.panel is not None:
            self.panel.layout.display = "" if self.toggle.value else "none"

    def close(self) -> None:
        """Fold the editor away (the facilitator moved to another stage)."""
        self.toggle.value = False

    def _show_groups(self) -> None:
        self.groups.layout.display = "" if self.source.value == voting.GROUPS_SOURCE else "none"
        self.top.layout.display = "" if str(self.source.value).startswith("stage:") else "none"

    def refresh(self, stage: dict, listing: list[dict], cards: list[dict]) -> None:
        """Follow the stage on screen; the text boxes are refilled only when the stage or its
        stored text changed (never under the facilitator's typing)."""
        self.stage = stage
        self._seen = (stage, listing, cards)
        if self.panel is None:
            return
        self.session_box.refresh(self.view.session)
        default = self._default_source(stage, listing)
        key = (stage["id"], stage["title"], stage["prompt"], stage.get("source_stage_id"),
               stage.get("source_method"), stage.get("source_top"), tuple((s["id"], s["title"]) for s in listing),
               default, stage.get("target_stage_id"))
        if key == self._synced:
            return
        self._synced = key
        self.title.value, self.prompt.value = stage["title"], stage["prompt"]
        i = [s["id"] for s in listing].index(stage["id"])
        self.up.disabled, self.down.disabled = i == 0, i == len(listing) - 1
        self.remove.disabled = len(listing) <= 1
        self.force.value = False
        candidates = stage["kind"] in ("voting", "teams")
        self.source_row.layout.display = "" if candidates else "none"
        if not candidates:
            return
        L = self.lang
        self._sync_target(stage, listing)
        options = [(default, "")]
        options += [(t("source_round", L, stage=s["title"], method=t(f"method_{s['method']}", L)), f"stage:{s['id']}")
                    for s in listing if s["kind"] == "voting" and s["id"] != stage["id"]]
        options.append((t("source_groups", L), voting.GROUPS_SOURCE))
        self.source.options = options
        if stage.get("source_method") == voting.GROUPS_SOURCE:
            self.source.value = voting.GROUPS_SOURCE
        elif stage.get("source_stage_id") and f"stage:{stage['source_stage_id']}" in dict(options).values():
            self.source.value = f"stage:{stage['source_stage_id']}"
        else:
            self.source.value = ""
        self.top.value = stage.get("source_top") or voting.DEFAULT_TOP
        self.groups.options = [(g["text"], g["id"]) for g in groups(cards)]
        chosen = set(self.store.shortlist_groups(stage["id"]))
        self.groups.value = tuple(g for _, g in self.groups.options if g in chosen)
        self._show_groups()

    def _sync_target(self, stage: dict, listing: list[dict]) -> None:
        """The card stages to choose from, the stage's own chosen (a blank line when it has none)."""
        options = [(s["title"], s["id"]) for s in stages.card_stages(listing)]
        if stage.get("target_stage_id") not in {i for _, i in options}:
            options = [(t("target_none", self.lang), None), *options]
        self._syncing_target = True
        try:
            self.target.options = options
            self.target.value = stage.get("target_stage_id") if options[0][1] is not None else None
        finally:
            self._syncing_target = False

    @shows_errors
    def _on_target(self, change) -> None:
        if self._syncing_target or change["new"] is None or self.stage is None:
            return
        try:
            st = stages.set_target(self.store, self.stage["id"], change["new"])
        except Exception:  # refused: the list shows the stage's own again, the message says why
            self._sync_target(self.stage, self.store.stages(self.stage["session_id"]))
            raise
        by_id = {s["id"]: s for s in self.store.stages(st["session_id"])}
        self._done(t("target_set", self.lang, stage=st["title"], target=by_id[st["target_stage_id"]]["title"]))

    def _default_source(self, stage: dict, listing: list[dict]) -> str:
        """The default choice of «Кандидаты», saying for a teams stage which round it takes now
        (the latest vote over, `voting.with_default_source`)."""
        L = self.lang
        if stage["kind"] != "teams":
            return t("source_none", L)
        now = voting.with_default_source(self.store, {**stage, "source_stage_id": None, "source_method": ""},
                                         TEAM_OPTIONS, self._seen[2] if self._seen else None)
        if not now.get("default_source"):
            return t("source_default_teams", L)
        src = next(s for s in listing if s["id"] == now["source_stage_id"])
        key = "source_default_latest_groups" if now.get("groups_of_ideas") else "source_default_latest"
        return t(key, L, stage=src["title"], method=t(f"method_{now['source_method']}", L))

    def _done(self, message: str) -> None:
        self._synced = None
        self.view.refresh()
        self.say(message)

    @shows_errors
    def _on_save(self, _=None) -> None:
        sid = self.stage["id"]
        if self.title.value.strip() != self.stage["title"]:
            stages.rename(self.store, sid, self.title.value)
        if self.prompt.value.strip() != self.stage["prompt"]:
            stages.set_prompt(self.store, sid, self.prompt.value)
        self._done(t("stage_saved", self.lang, title=self.store.stage(sid)["title"]))

    @shows_errors
    def _on_move(self, delta: int) -> None:
        stages.move(self.store, self.stage["id"], delta)
        self._done("")

    @shows_errors
    def _on_remove(self, _=None) -> None:
        gone = stages.remove(self.store, self.stage["id"], force=self.force.value)
        said = [t("stage_removed", self.lang, title=gone["title"])]
        for r in gone["retargeted"]:  # a vote or teams stage that worked on its cards: where it turned
            said.append(t("stage_retargeted", self.lang, stage=r["title"], target=r["target"]) if r["target"]
                        else t("stage_target_lost", self.lang, stage=r["title"]))
        self._done(". ".join(said))

    @shows_errors
    def _on_add(self, _=None) -> None:
        new = stages.add(self.store, self.view.session["id"], self.kind.value, after_stage_id=self.stage["id"],
                         lang=self.lang)
        self.view.view_stage(new["id"])  # the laptop and the display show the new stage
        self._done(t("stage_added", self.lang, title=new["title"]))

    @shows_errors
    def _on_source(self, _=None) -> None:
        sid, value = self.stage["id"], self.source.value
        if value == voting.GROUPS_SOURCE:
            stages.set_group_source(self.store, sid, list(self.groups.value))
        elif value.startswith("stage:"):
            stages.set_source(self.store, sid, int(value.split(":")[1]), top=self.top.value)
        else:
            stages.set_source(self.store, sid, None)
        st = self.store.stage(sid)
        listing = self.store.stages(st["session_id"])
        what = voting.describe_source(st, {s["id"]: s for s in listing}, self.lang)
        if st.get("source_stage_id"):  # "кандидаты: лучшие 3 из …" says it all ("Кандидаты: кандидаты: …" did twice)
            self._done(what[:1].upper() + what[1:])
        else:
            self._done(t("source_set", self.lang, what=what or self._default_source(st, listing)))

    @shows_errors
    def _on_save_template(self, _=None) -> None:
        self._forget_replace()
        try:
            path = templates.save(self.store, self.view.session["id"], self.template_name.value, self.view.wb.data_dir)
        except WorkbenchError as exc:
            if exc.key != "template_exists":
                raise
            self._refused_name = exc.params["name"]
            self.replace_template.layout.display = ""
            self.say(t("template_exists_replace", self.lang, name=self._refused_name), error=True)
            return
        self.say(t("template_saved", self.lang, name=path.stem))

    @shows_errors
    def _on_replace_template(self, _=None) -> None:
        name, self._refused_name = self._refused_name, None
        self.replace_template.layout.display = "none"
        if name:
            path = templates.save(self.store, self.view.session["id"], name, self.view.wb.data_dir, overwrite=True)
            self.say(t("template_replaced", self.lang, name=path.stem))

    def _forget_replace(self) -> None:
        """Another name typed, or another save: «Заменить» no longer stands for the refused one."""
        self._refused_name = None
        if self.panel is not None:
            self.replace_template.layout.display = "none"
