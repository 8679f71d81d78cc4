"""Cairn: a static site generator for a personal growth journal."""

__version__ = "0.1.0"
