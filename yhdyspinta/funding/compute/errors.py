"""The one error type of the funding calculator."""


class FundingInputError(ValueError):
    """Bad parameters or inputs; the message names the exact reason (shown to users as is)."""
