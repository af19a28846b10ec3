"""Queries for project drafts, their pipeline and consultations (a part of the Store class)."""

from __future__ import annotations


class DraftQueries:
    """Mixed into `Store`: use `self.read()` / `self.write()` and the tables in `schema`."""
