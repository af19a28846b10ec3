"""Stage templates: the stage list a new session starts with, as JSON files.

Built-in templates ship inside the package (`templates/stages/NAME.json`, see
`workbench.resources`); a data folder may hold more in `DATA/templates/stages/NAME.json`, which
add to them or replace a built-in of the same name. The facilitator saves a session's stages as
a new template into the data folder. The file format is documented in the README ("Stage
templates"):

    {"title": {"ru": "…", "en": "…"}, "kind": "strategic_session",
     "stages": [{"kind": "ideas", "title": {"ru": "…", "en": "…"}, "prompt": "…"},
                {"kind": "voting", "method": "dots", "vote_budget": 3},
                {"kind": "voting", "method": "matrix", "source": {"stage": 5, "top": 6}}]}

>>> sorted(names())
['educational_module', 'empty', 'online_meeting', 'strategic_session']
>>> [s["kind"] for s in load("strategic_session")["stages"]]
['problems', 'growth', 'vision', 'ideas', 'voting', 'teams']
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.i18n import LANGS, t, texts
from workbench.session import voting
from workbench.session.model import (
    BUDGET_RANGE,
    MAX_FIELD,
    MAX_TEXT,
    SESSION_KINDS,
    STAGE_KINDS,
    TARGETING_KINDS,
    VOTE_ON,
    clean_field,
    clean_text,
    stage_texts,
    texts_json,
)

BUILTIN = ("strategic_session", "educational_module", "online_meeting", "empty")
NAME = re.compile(r"^[\w-]{1,40}$")  # letters of any script (плесецк), digits, "_" and "-": a file name anywhere
STAGE_KEYS = {"kind", "title", "prompt", "method", "vote_budget", "vote_on", "target", "source"}
MAX_STAGES = 40


def builtin_folder() -> Path:
    from workbench import resources

    return resources.path("templates") / "stages"


def data_folder(data_dir) -> Path:
    """Where a data folder keeps its own templates (and where saved ones go)."""
    return Path(data_dir) / "templates" / "stages"


def _files(data_dir=None) -> dict[str, Path]:
    found = {p.stem: p for p in sorted(builtin_folder().glob("*.json"))}
    if data_dir is not None and data_folder(data_dir).is_dir():
        found.update({p.stem: p for p in sorted(data_folder(data_dir).glob("*.json")) if NAME.match(p.stem)})
    return found


def names(data_dir=None) -> list[str]:
    """The templates there are: built-in ones first, then the data folder's own."""
    files = _files(data_dir)
    return [n for n in BUILTIN if n in files] + sorted(n for n in files if n not in BUILTIN)


def load(name: str, data_dir=None) -> dict:
    """A template, checked (`template_unknown` lists the names there are)."""
    files = _files(data_dir)
    if name not in files:
        raise WorkbenchError("template_unknown", name=str(name)[:40], names=", ".join(names(data_dir)))
    try:
        data = json.loads(files[name].read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WorkbenchError("template_invalid", name=name, detail=str(exc)[:200]) from None
    return check(data, name)


def _text(value, lang: str) -> str:
    """A template's text: a string, or {"ru": …, "en": …} (the language asked for, else Russian)."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("ru") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def check(data, name: str = "?") -> dict:
    """Refuse a template a session could not be made from, saying what is wrong."""
    def bad(detail: str):
        return WorkbenchError("template_invalid", name=name, detail=detail)

    if not isinstance(data, dict) or not isinstance(data.get("stages"), list):
        raise bad("a JSON object with a list 'stages' is expected")
    if data.get("kind", "strategic_session") not in SESSION_KINDS:
        raise bad(f"'kind' must be one of {', '.join(SESSION_KINDS)}")
    stages = data["stages"]
    if not 1 <= len(stages) <= MAX_STAGES:
        raise bad(f"from 1 to {MAX_STAGES} stages")
    from workbench.session import voting

    for i, st in enumerate(stages, 1):
        if not isinstance(st, dict) or st.get("kind") not in STAGE_KINDS:
            raise bad(f"stage {i}: 'kind' must be one of {', '.join(STAGE_KINDS)}")
        extra = set(st) - STAGE_KEYS
        if extra:
            raise bad(f"stage {i}: unknown keys {', '.join(sorted(extra))}")
        for key in ("title", "prompt"):
            v = st.get(key)
            if v is not None and not (isinstance(v, str) or (isinstance(v, dict) and all(
                    isinstance(x, str) for x in v.values()))):
                raise bad(f"stage {i}: '{key}' must be a text or {{\"ru\": …, \"en\": …}}")
        if st.get("method", "dots") not in voting.METHODS:
            raise bad(f"stage {i}: 'method' must be one of {', '.join(voting.METHODS)}")
        if st.get("vote_on", "ideas") not in VOTE_ON:
            raise bad(f"stage {i}: 'vote_on' must be ideas or groups")
        budget = st.get("vote_budget", BUDGET_RANGE[0])
        if isinstance(budget, bool) or not isinstance(budget, int) or not BUDGET_RANGE[0] <= budget <= BUDGET_RANGE[1]:
            raise bad(f"stage {i}: 'vote_budget' must be {BUDGET_RANGE[0]}..{BUDGET_RANGE[1]}")
        target = st.get("target")
        if target is not None and (st["kind"] not in TARGETING_KINDS or not _earlier(stages, target, i)):
            raise bad(f"stage {i}: 'target' must be the number of an earlier card stage")
        src = st.get("source")
        if src is not None:
            ok = (isinstance(src, dict) and st["kind"] in TARGETING_KINDS and _earlier(stages, src.get("stage"), i)
                  and stages[src["stage"] - 1].get("kind") == "voting"
                  and src.get("method", "") in ("", *voting.METHODS)
                  and (src.get("top") is None or (isinstance(src["top"], int) and 1 <= src["top"] <= 50)))
            if not ok:
                raise bad(f"stage {i}: 'source' must be {{\"stage\": N, \"top\": 6}} naming an earlier voting stage")
    return data


def _earlier(stages: list, number, i: int) -> bool:
    return isinstance(number, int) and not isinstance(number, bool) and 1 <= number < i


def _langs(value, default_key: str, limit: int) -> dict[str, str]:
    """A template's text in every language it has: {"ru": …, "en": …} as written (a language
    whose text would be refused is left out), the catalogue's default when it has none, {} for
    a plain text (one text for every language)."""
    if not value:
        return texts(default_key)
    out = {}
    for lang, text in (value.items() if isinstance(value, dict) else ()):
        try:
            out[lang] = clean_text(text, limit)
        except WorkbenchError:
            continue
    return {lang: out[lang] for lang in LANGS if lang in out}


def _texts_of(st: dict, lang: str) -> dict:
    """A template stage's title and prompt in `lang`, and in every language (`title_texts`,
    `prompt_texts`: what the phones and the display show in theirs until the facilitator
    edits the text)."""
    title_key = f"stage_{st['kind']}"
    prompt_key = (voting.prompt_key(st["method"], st.get("vote_on", "ideas")) if "method" in st
                  else f"{title_key}_prompt")
    out = {}
    for field, key, limit in (("title", title_key, MAX_FIELD), ("prompt", prompt_key, MAX_TEXT)):
        value = st.get(field)
        out[field] = clean_text(_text(value, lang), limit) if value else t(key, lang)
        langs = _langs(value, key, limit)
        out[f"{field}_texts"] = texts_json(langs) if out[field] in langs.values() else ""
    return out


def create_session(store, title: str, template: str = "strategic_session", data_dir=None, lang: str = "ru",
                   kind: str | None = None, **options) -> str:
    """A new session with a template's stages (titles and questions in `lang`); its code.
    `lang` is the session's language too: the control view and the display open in it until the
    control view's RU/EN switch chooses another (`display.display_language`).
    `options`: territory, date, vote_budget, moderation, approval (as `Store.create_session`)."""
    spec = load(template, data_dir)
    stages_spec = spec["stages"]
    with store.transaction():
        code = store.create_session(title, kind=kind or spec.get("kind", "strategic_session"),
                                    template=[s["kind"] for s in stages_spec], **options)
        made = store.stages(store.session(code)["id"])
        for st, row in zip(stages_spec, made, strict=True):
            fields = _texts_of(st, lang)
            for key in ("method", "vote_budget", "vote_on"):
                if key in st:
                    fields[key] = st[key]
            if st.get("target"):
                fields["target_stage_id"] = made[st["target"] - 1]["id"]
            src = st.get("source")
            if src:
                source = made[src["stage"] - 1]
                fields.update(source_stage_id=source["id"], source_method=src.get("method", ""),
                              source_top=src.get("top") or 6, target_stage_id=source["target_stage_id"])
                if st["kind"] == "voting":
                    fields["vote_on"] = st.get("vote_on", source["vote_on"])
            store.update_stage(row["id"], **fields)
        store.set_display_lang(store.session(code)["id"], lang)
    return code


def from_session(store, session_id: int, title: str = "") -> dict:
    """A session's stage list as a template (titles, questions, methods, targets and sources;
    not its cards)."""
    stages = store.stages(session_id)
    number = {s["id"]: i for i, s in enumerate(stages, 1)}
    out = []
    for s in stages:
        st = {"kind": s["kind"], "title": stage_texts(s, "title") or s["title"],
              "prompt": stage_texts(s, "prompt") or s["prompt"]}  # in every language the workbench wrote
        if s["kind"] == "voting":
            st.update(method=s["method"], vote_budget=s["vote_budget"], vote_on=s["vote_on"])
        if s["kind"] in TARGETING_KINDS and s["target_stage_id"] in number \
                and number[s["target_stage_id"]] < number[s["id"]]:
            st["target"] = number[s["target_stage_id"]]
        if s.get("source_stage_id") in number and number[s["source_stage_id"]] < number[s["id"]]:
            st["source"] = {"stage": number[s["source_stage_id"]], "top": s["source_top"] or 6}
            if s["source_method"]:
                st["source"]["method"] = s["source_method"]
            st.pop("target", None)  # the source's cards
        out.append(st)
    session = next(x for x in store.list_sessions() if x["id"] == session_id)
    return {"title": title or session["title"], "kind": session["kind"], "stages": out}


def file_name(name: str) -> str:
    """A template's name as typed, made its file's name: spaces become "_", letters stay as they are
    (Cyrillic too, composed one way); a name with "/", "." or other signs is refused.

    >>> file_name(" Плесецк  2026 "), file_name("my-meeting")
    ('Плесецк_2026', 'my-meeting')
    >>> file_name("../evil")
    Traceback (most recent call last):
    workbench.errors.WorkbenchError: template_name_invalid
    """
    import unicodedata

    name = unicodedata.normalize("NFC", clean_field("name", name, label="template_name"))
    name = "_".join(name.split())
    if not NAME.match(name):
        raise WorkbenchError("template_name_invalid")
    return name


def save(store, session_id: int, name: str, data_dir, overwrite: bool = False) -> Path:
    """Save a session's stages as the template `name` (`file_name`) in the data folder; the file
    written, whose stem is the name `new-session --template` takes. The same name as a built-in
    replaces it for this data folder; a name saved before is replaced only with `overwrite`."""
    name = file_name(name)
    folder = data_folder(data_dir)
    path = folder / f"{name}.json"
    if path.exists() and not overwrite:
        raise WorkbenchError("template_exists", status=409, name=name)
    data = check(from_session(store, session_id), name)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
