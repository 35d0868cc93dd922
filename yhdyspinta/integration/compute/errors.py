"""Error types: one input error carrying file, line and reason, so every caller
(CLI, web upload form) can show the user exactly where the data is wrong.

Reasons are `core.reasons.reason(...)` values: English text for the CLI and logs that the
pages translate (`core.localize.error_message`)."""


class IntegrationInputError(ValueError):
    """Bad input file (virheellinen syöte): file name, 1-based line (0 = whole file), reason.

    str() is "file:line: reason" in English; `reason` keeps its template for translation."""

    def __init__(self, file: str, line: int, reason: str):
        self.file = str(file)
        self.line = int(line)
        self.reason = reason
        super().__init__(f"{self.file}:{self.line}: {reason}")


class IntegrationComputeError(ValueError):
    """Data that reads fine but cannot be analysed (e.g. a rating with zero spread).

    The first argument is a translatable `reason(...)`."""
