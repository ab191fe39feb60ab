"""Imported by the fork server of ``jobs=N`` extraction (see :func:`kg.extract._worker_context`).

Builds what every worker needs once, in the server; the workers forked from it share it.
"""

from .extract import prepare_process

prepare_process()
