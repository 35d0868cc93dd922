"""Error types: one input error carrying file, line and reason, so every caller
(CLI, web upload form) can show the user exactly where the data is wrong.

Reasons are `core.reasons.reason(...)` values: English text for the CLI and logs that the
pages translate (`core.localize.error_message`)."""

from yhdyspinta.core.tabular import InputError


class IntegrationInputError(InputError, ValueError):
    """core's InputError as `integration analyse` prints it: file name, 1-based line (0 = the
    whole file, where core says None), reason.

    str() is "file:line: reason" in English; `reason` keeps its template for translation."""

    def __init__(self, file: str, line: int | None, reason: str, column: str | None = None):
        super().__init__(str(file), int(line or 0), reason, column)

    def __str__(self):
        return f"{self.file}:{self.line}: {self.reason}"

    @classmethod
    def of(cls, exc: InputError, name: str | None = None) -> "IntegrationInputError":
        """A core reader's refusal (or ours, renamed) as this class."""
        return cls(name or exc.file, exc.line, exc.reason, exc.column)


class IntegrationComputeError(ValueError):
    """Data that reads fine but cannot be analysed (e.g. a rating with zero spread).

    The first argument is a translatable `reason(...)`."""
