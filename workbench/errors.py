"""Errors a user can see. Each carries a message key from the catalogue in `workbench.i18n`."""

from __future__ import annotations


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
        from workbench.i18n import t

        return t(self.key, lang, **self.params)


class NotFound(WorkbenchError):
    status = 404


class Conflict(WorkbenchError):
    status = 409


class TooMany(WorkbenchError):
    status = 429
