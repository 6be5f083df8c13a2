"""Eksempel Kommune: the fictional municipality that `make run` and `opfolgning demo` load.

Its data (``eksempel_kommune.json``) is written for this project; see ``loader``.
"""
