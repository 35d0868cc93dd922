"""The old name of `core.tabular`, the one CSV/XLSX reader (kept for the importers that say
`from yhdyspinta.core.csvfiles import InputError, read_rows`; new code imports `core.tabular`)."""

from .tabular import (
    InputError,
    decode,
    parse_date,
    parse_decimal,
    parse_int,
    read_rows,
    sniff_delimiter,
)

__all__ = ["InputError", "decode", "parse_date", "parse_decimal", "parse_int", "read_rows", "sniff_delimiter"]
