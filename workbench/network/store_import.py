"""The attendance table of everything in the store, for the network analysis.

Sessions become events (date, kind, territory where held); participants (not the ballots
collected on paper), and people registered for the event and checked in at the door, become people with their territory, organisation and
sector. The store keeps one participant row per session, so
the same person in two sessions is two rows here: person matching joins them later, exactly as
for hand-made attendance lists. Teams of a teams stage become events of kind `team`, with the
team's idea as `project`, so people who chose the same project are tied.

Read-only, through the Store's public methods.
"""

from __future__ import annotations

import pandas as pd

COLUMNS = ["person", "event", "date", "kind", "event_territory", "project", "territory",
           "organisation", "sector", "session_code"]


def _event_names(sessions: list[dict]) -> dict[int, str]:
    """A unique label per session: its title, with the code added when titles repeat."""
    counts: dict[str, int] = {}
    for s in sessions:
        counts[s["title"]] = counts.get(s["title"], 0) + 1
    return {s["id"]: s["title"] if counts[s["title"]] == 1 else f"{s['title']} ({s['code']})"
            for s in sessions}


def store_attendance(store, unnamed: str = "skip", teams: bool = True) -> pd.DataFrame:
    """One row per participant and session (and per team member), ready for `load_attendance`.

    `unnamed`: participants who gave no name are left out ('skip', the default) or coded
    ('code': "Участник CODE-ID", a person of that one session only).

    >>> from workbench.store import Store
    >>> s = Store.open_url("sqlite://")
    >>> sid = s.session(s.create_session("Сессия", territory="Няндомский округ",
    ...                                  date="2024-03-16", code="NYAN01"))["id"]
    >>> _ = s.join(sid, name="Анна Белова", territory="Няндома", sector="ngo")
    >>> _ = s.join(sid)
    >>> store_attendance(s)[["person", "event", "date", "event_territory", "sector"]].values.tolist()
    [['Анна Белова', 'Сессия', '2024-03-16', 'Няндомский округ', 'ngo']]
    >>> store_attendance(s, unnamed="code")["person"].tolist()
    ['Анна Белова', 'Участник NYAN01-2']
    """
    if unnamed not in ("skip", "code"):
        raise ValueError("unnamed must be 'skip' or 'code'")
    sessions = store.list_sessions(archived=False)  # rehearsals and the demo, archived, stay out
    names = _event_names(sessions)
    rows = []
    for s in sessions:
        base = {"date": s["date"], "event_territory": s["territory"], "session_code": s["code"]}
        people = {}
        for p in store.participants(s["id"]):
            if p.get("on_paper"):  # a ballot collected on paper: a vote, not a person who came
                continue
            name = (p["name"] or "").strip()
            if not name:
                if unnamed == "skip":
                    continue
                name = f"Участник {s['code']}-{p['id']}"
            people[p["id"]] = name
            rows.append({**base, "person": name, "event": names[s["id"]], "kind": s["kind"],
                         "project": "", "territory": p["territory"],
                         "organisation": p["organisation"], "sector": p["sector"]})
        # People registered for the event and checked in at the door are there too (once, when
        # they also joined on a phone: `registration.at_the_door`, as the protocol counts them).
        from workbench.session.registration import at_the_door

        regs = getattr(store, "registrations", lambda _sid: [])(s["id"])
        for r in at_the_door([{"name": n} for n in people.values()], regs):
            rows.append({**base, "person": r["name"], "event": names[s["id"]], "kind": s["kind"], "project": "",
                         "territory": r["territory"], "organisation": r["organisation"], "sector": r["sector"]})
        # Teams (a part of the store that may be absent in older versions).
        stage_teams = getattr(store, "teams", None)
        if not teams or stage_teams is None:
            continue
        for st in store.stages(s["id"]):
            if st["kind"] != "teams":
                continue
            for team in stage_teams(st["id"]):
                idea = team["card"]["text"]
                for m in team["members"]:
                    name = people.get(m["participant_id"])
                    if name is None:
                        continue
                    rows.append({**base, "person": name, "event": f"Команда: {idea} [{s['code']}]",
                                 "kind": "team", "project": idea, "territory": m["territory"],
                                 "organisation": m["organisation"], "sector": m["sector"]})
    return pd.DataFrame(rows, columns=COLUMNS)
