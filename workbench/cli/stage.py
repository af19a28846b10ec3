"""`workbench stage`: set the stage on participants' phones from the terminal, a last resort when
the projector page cannot be used."""

from __future__ import annotations

from workbench.cli import CliError, cli_lang, data_arg, h, open_workbench, say, working_on
from workbench.i18n import t


def register(sub) -> None:
    p = sub.add_parser("stage", help=h("cli_help_stage"))
    data_arg(p)
    p.add_argument("--session", required=True, help=h("cli_help_session_code"))
    p.add_argument("stage", metavar="STAGE",
                   help=h("cli_help_stage_name"))
    p.set_defaults(func=cmd_stage)


def pick_stage(stages: list[dict], name: str) -> dict:
    """The stage `name` means: a number (1 = the first stage), a kind, or a title (any case).

    >>> st = [{"kind": "ideas", "title": "Идеи"}, {"kind": "voting", "title": "Голосование"}]
    >>> [pick_stage(st, n)["kind"] for n in ("2", "ideas", "голосование")]
    ['voting', 'ideas', 'voting']
    """
    lang = cli_lang()
    listing = ", ".join(f"{i} {s['kind']} {t('named', lang, value=s['title'])}" for i, s in enumerate(stages, 1))
    key = name.strip()
    if key.isdigit():
        if 1 <= int(key) <= len(stages):
            return stages[int(key) - 1]
        raise CliError("cli_stage_number", name=key, listing=listing)
    for field in ("kind", "title"):
        found = [s for s in stages if s[field].strip().casefold() == key.casefold()]
        if len(found) == 1:
            return found[0]
        if found:
            raise CliError("cli_stage_ambiguous", n=len(found), name=key, listing=listing)
    raise CliError("cli_stage_unknown", name=key, listing=listing)


def cmd_stage(args) -> int:
    from workbench.session import facilitator

    with working_on(open_workbench(args)) as wb:
        session = wb.store.session(args.session)
        stage = pick_stage(wb.store.stages(session["id"]), args.stage)
        facilitator.show_stage(wb.store, session["id"], stage["id"])
    say(args, "cli_stage_current", code=session["code"], title=stage["title"], kind=stage["kind"])
    return 0
