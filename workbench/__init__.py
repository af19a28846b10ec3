"""Workbench for facilitators of strategic sessions."""

__version__ = "0.1.0"
