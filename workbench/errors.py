"""Errors a user can see. Each carries a message key from the catalogue in `workbench.i18n`."""

from __future__ import annotations


def worded(value, lang: str):
    """A message parameter as the reader reads it: a `Text` (or an error) in `lang`, else as it is."""
    message = getattr(value, "message", None)
    return value if isinstance(value, str) or not callable(message) else message(lang)


def word(key: str, lang: str, params: dict) -> str:
    """The message `key` in `lang`, its parameters worded first (a parameter may be a `Text`)."""
    from workbench.i18n import t

    return t(key, lang, **{name: worded(value, lang) for name, value in params.items()})


class Text:
    """A message worded later, in the reader's language: a catalogue key and its parameters. A
    domain function builds one where a message holds a smaller one (a row's problem in a table).

    >>> Text("text_too_long", max=5, n=7).message("en")
    'The text is too long: at most 5 characters (now 7)'
    """

    def __init__(self, key: str, /, **params):
        self.key, self.params = key, params

    def message(self, lang: str = "ru") -> str:
        return word(self.key, lang, self.params)

    def __repr__(self) -> str:
        return f"Text({self.key!r}, **{self.params!r})"


class Lines:
    """Several `Text`s worded one after another, joined by `sep`.

    >>> Lines([Text("stage_ideas"), Text("stage_voting")], ", ").message("en")
    'Project ideas, Voting'
    """

    def __init__(self, items, sep: str = "\n  "):
        self.items, self.sep = list(items), sep

    def message(self, lang: str = "ru") -> str:
        return self.sep.join(str(worded(item, lang)) for item in self.items)


class Number:
    """A number worded later: a decimal comma in Russian, a point in English.

    >>> Number(2.34).message(), Number(1.0).message("en")
    ('2,3', '1')
    """

    def __init__(self, value: float, digits: int = 1):
        self.value, self.digits = value, digits

    def message(self, lang: str = "ru") -> str:
        from workbench.i18n import number

        return number(self.value, lang, self.digits, trim=True)


def quoted(value) -> Text:
    """A name or a cell's text as a message quotes it: «…» in Russian, '…' in English."""
    return Text("quoted", value=str(value))


def quoted_list(values) -> Lines | Text:
    """Names (a table's columns) as a message lists them, each quoted, or "none".

    >>> quoted_list(["id", "идея"]).message(), quoted_list([]).message("en")
    ('«id», «идея»', 'none')
    """
    values = [str(v) for v in values]
    return Lines([quoted(v) for v in values], ", ") if values else Text("none_found")


class WorkbenchError(Exception):
    """A refused action: `key` names the message, `params` fill it, `status` is the HTTP status.

    >>> e = WorkbenchError("text_empty")
    >>> e.key, e.status
    ('text_empty', 400)
    """

    status = 400

    def __init__(self, key: str, status: int | None = None, **params):
        super().__init__(key)
        self.key = key
        self.params = params
        if status is not None:
            self.status = status

    def message(self, lang: str = "ru") -> str:
        return word(self.key, lang, self.params)


class InputError(WorkbenchError, ValueError):
    """Something a user gave that cannot be used: a table file, a row of it, a settings file.
    The message names the file (and row and column) and says what to do; a user reads it with
    `message(lang)`, while `str()` is the English wording, for logs and tracebacks.

    >>> e = InputError("table_empty", path="ideas.csv")
    >>> str(e), e.message()
    ('ideas.csv: file is empty', 'ideas.csv: файл пуст')
    """

    def __str__(self) -> str:
        return self.message("en")


class NotFound(WorkbenchError):
    status = 404


class Conflict(WorkbenchError):
    status = 409


class TooMany(WorkbenchError):
    status = 429
