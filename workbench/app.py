"""The context object: built once, handed to every view, handler and command."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import InputError, Text
from workbench.store import Store


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


# Every setting, once, with its default and a line of help. A data folder may override them in
# `settings.json`; `docs/settings.md` lists them (a test keeps the two in step).
SETTINGS = [
    Setting("default_vote_budget", 3, "Dots each participant gets in a new voting stage."),
    Setting("watch_interval", 0.25, "Seconds between checks of the store by a projector page."),
    Setting("phone_poll_interval", 2.0, "Seconds between state refreshes on a participant's phone: cards, "
            "the room's dots (a new stage, a renamed question, a closed round show within a second, see `phone_poll_hold`)."),
    Setting("phone_poll_hold", 15.0, "Seconds the server holds a phone's poll while nothing changed (it answers at once "
            "when the stage or the session changes; `docs/api.md`, `GET /api/s/CODE/state`); 0: phones poll every "
            "`phone_poll_interval`. Keep it under the proxy's read timeout (nginx: 60 s)."),
    Setting("contribution_burst", 5, "Cards one phone may send in a row before it is slowed down."),
    Setting("contribution_per_minute", 12, "Cards one phone may send per minute after the burst."),
    # One person, one budget (issue 13): a fresh join gets new dots and a new card limit, so joins
    # are limited per client address (a room of 300 phones behind one Wi-Fi NAT is one address:
    # the burst lets it join at once) and per session (a district-wide online vote stays under it).
    Setting("join_burst_per_address", 300, "Fresh joins one client address may make at once (a room behind one NAT)."),
    Setting("join_per_minute_per_address", 30, "Fresh joins one client address may make per minute after the burst."),
    Setting("participants_per_session", 5000, "Participants one session may have (0: no limit)."),
    # Guessing session codes (issue 13): an unknown code costs the client address a token.
    Setting("unknown_code_burst", 20, "Unknown session codes one client address may try at once before its joins get 429."),
    Setting("unknown_code_per_minute", 10, "Unknown session codes one client address may try per minute after the burst."),
    Setting("trusted_proxies", "127.0.0.1,::1",
            "Peers (comma-separated) whose X-Forwarded-For and -Proto are believed (nginx on the same host)."),
    # One phone, one address (the flood review): a phone that reaches the server directly (on the
    # laptop's Wi-Fi each phone has its own address) is one device, so a fresh token costs it a
    # lot more than a room behind one NAT (an address forwarded by a trusted proxy, or loopback).
    Setting("addresses_are_devices", True,
            "A client that reaches the server directly (not through trusted_proxies) is one device: "
            "joins, cards, review scores and registrations are limited per its address too. Set false "
            "when the phones reach the laptop through a router that gives them all one address."),
    Setting("device_join_burst", 10, "Fresh joins one device's address may make at once (two browsers, a cleared phone)."),
    Setting("device_join_per_minute", 4, "Fresh joins one device's address may make per minute after the burst."),
    Setting("device_card_burst", 10, "Cards one device's address may send in a row, whatever its tokens."),
    Setting("device_card_per_minute", 20, "Cards one device's address may send per minute after the burst."),
    Setting("review_burst", 30, "Review scores one phone (and one device's address) may send in a row."),
    Setting("review_per_minute", 30, "Review scores one phone (and one device's address) may send per minute after the burst."),
    Setting("registration_burst", 5, "Registrations one device's address may send at once (a room's address behind a proxy: ten times more)."),
    Setting("registration_per_minute", 2, "Registrations one device's address may send per minute after the burst (behind a proxy: ten times more)."),
    Setting("pairwise_answers_per_phone", 100, "Pairwise judgements one phone may give on one stage (0: no limit)."),
    Setting("kernel_cull_idle_timeout", 600, "Seconds before an idle Voila kernel is stopped (a page shuts its own down as it closes; this catches the rest, e.g. a killed browser)."),
    Setting("lang", "ru", "Language of the control view and display for a session without its own (one made in a language, or switched, keeps it): ru or en."),
    # The staff's list of registrations (issue 17): contacts are personal data shown only when allowed.
    Setting("staff_see_contacts", False, "Staff see registrants' e-mail and phone in the list and its export."),
]
DEFAULTS = {s.name: s.default for s in SETTINGS}
# Settings that must be above zero (the others that are numbers may be 0: "no limit", "never").
POSITIVE = {"watch_interval", "phone_poll_interval", "default_vote_budget"}
CHOICES = {"lang": ("ru", "en")}


class SettingsError(InputError):
    """A settings file (or the settings given in code) that cannot be used; the message names the
    file and the setting."""


def _shown(value):
    """A setting's value as the message quotes it: text in the reader's quotes, else as JSON."""
    if isinstance(value, str):
        return Text("quoted", value=value)
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def check_settings(values: dict, source: str) -> None:
    """Refuse unknown settings and values of the wrong kind, naming `source` (the file).

    >>> check_settings({"lang": "en", "watch_interval": 0.5}, "settings.json")
    >>> for bad in ({"lang": "fr"}, {"watch_interval": "fast"}, {"vote_budgt": 5}):
    ...     try:
    ...         check_settings(bad, "d/settings.json")
    ...     except SettingsError as exc:
    ...         print(exc.message("en")[:80])
    d/settings.json: lang must be one of ru, en, not 'fr'
    d/settings.json: watch_interval must be a number above 0, not 'fast'
    d/settings.json: unknown settings: vote_budgt (the settings are: default_vote_bu
    >>> try:
    ...     check_settings({"lang": "fr"}, "d/settings.json")
    ... except SettingsError as exc:
    ...     print(exc.message("ru"))
    d/settings.json: lang может быть ru, en, а не «fr»
    """
    unknown = sorted(set(values) - set(DEFAULTS))
    if unknown:
        raise SettingsError("settings_unknown", source=source, names=", ".join(unknown), known=", ".join(DEFAULTS))
    for name, value in values.items():
        default = DEFAULTS[name]
        shown = _shown(value)
        if name in CHOICES:
            if value not in CHOICES[name]:
                raise SettingsError("settings_choice", source=source, name=name, choices=", ".join(CHOICES[name]),
                                    value=shown)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise SettingsError("settings_bool", source=source, name=name, value=shown)
        elif isinstance(default, str):
            if not isinstance(value, str):
                raise SettingsError("settings_text", source=source, name=name, value=shown)
        else:
            whole = isinstance(default, int)
            ok = isinstance(value, int if whole else (int, float)) and not isinstance(value, bool)
            if not ok or value != value or (value <= 0 if name in POSITIVE else value < 0):
                key = ("settings_whole" if whole else "settings_number") + ("_positive" if name in POSITIVE else "")
                raise SettingsError(key, source=source, name=name, value=shown)


def read_settings(path: Path) -> dict:
    """A data folder's `settings.json`, checked; every problem is a SettingsError naming the file."""
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError("settings_cannot_read", source=path, why=getattr(exc, "strerror", None) or str(exc)) from None
    except json.JSONDecodeError as exc:
        raise SettingsError("settings_bad_json", source=path, why=exc.msg, line=exc.lineno, column=exc.colno) from None
    if not isinstance(values, dict):
        raise SettingsError("settings_not_object", source=path)
    check_settings(values, str(path))
    return values


class Workbench:
    """A data folder with its store and settings.

    >>> import tempfile
    >>> wb = Workbench(tempfile.mkdtemp())
    >>> wb.settings["default_vote_budget"]
    3
    """

    def __init__(self, data_dir: str | Path, settings: dict | None = None, database_url: str | None = None,
                 make_folder: bool = True):
        """The store is `database_url`, else `$WORKBENCH_DATABASE_URL`, else the SQLite file in
        `data_dir`. With a database the folder holds only settings, templates and the server's
        secret: `make_folder=False` leaves a missing one missing (a command that only reads the store)."""
        self.data_dir = Path(data_dir).resolve()
        url = database_url or os.environ.get("WORKBENCH_DATABASE_URL")
        if make_folder or not url:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        file_settings = {}
        settings_file = self.data_dir / "settings.json"
        if settings_file.exists():
            file_settings = read_settings(settings_file)
        check_settings(settings or {}, "settings")
        self.settings = {**DEFAULTS, **file_settings, **(settings or {})}
        self.store = Store.open_url(url) if url else Store.open(self.data_dir)

    @classmethod
    def from_env(cls) -> Workbench:
        """The workbench of the server that started this kernel (`WORKBENCH_DATA`)."""
        return cls(os.environ.get("WORKBENCH_DATA", "sessions_data"))

    def secrets(self) -> dict:
        """The server's token and cookie secret, kept in the data folder so a restart keeps them."""
        path = self.data_dir / ".secret.json"
        if path.exists() and path.stat().st_size:
            return json.loads(path.read_text())
        value = {"token": secrets.token_urlsafe(18), "cookie_secret": secrets.token_hex(32)}
        # Several server processes may start at once on one data folder: the first one to
        # create the file wins (the others read its secret; a half-written file is retried).
        tmp = path.with_name(f".secret.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(value))
        os.chmod(tmp, 0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
        return json.loads(path.read_text())

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workbench:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
