"""Widget views. Each takes the Workbench context and returns a widget."""

from __future__ import annotations

import os
from urllib.parse import parse_qs


def query_param(name: str, default: str = "") -> str:
    """A parameter of the page's address, as Voila passes it to the kernel (`QUERY_STRING`).

    >>> os.environ["QUERY_STRING"] = "session=KARGO1&x=1"
    >>> query_param("session")
    'KARGO1'
    """
    values = parse_qs(os.environ.get("QUERY_STRING", "")).get(name)
    return values[0] if values else default


def public_url() -> str:
    """The base address phones use, as `workbench serve` announced it."""
    return os.environ.get("WORKBENCH_PUBLIC_URL", "")
