"""Pure computation of the task-specific integration-need study (S8).

Tehtäväkohtainen integraatiotutkimus (Aronen & Lehto, Kuntaliitto 2020): no Django
imports anywhere in this package, so the web layer, the CLI and the benchmarks share
one implementation working on plain data (polars frames, numpy arrays, dataclasses).
"""

from .errors import IntegrationComputeError, IntegrationInputError

__all__ = ["IntegrationComputeError", "IntegrationInputError"]
