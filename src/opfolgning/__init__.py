"""Opfølgning: follow-up on a municipality's political budget agreement."""

__version__ = "0.1.0"
