"""Temporary home of the engine's errors until workshop.errors lands (merged there next)."""


class InvalidWeights(ValueError):
    """Weights that do not fit the criteria."""


class InvalidVote(ValueError):
    """A vote that does not fit the session's vote mode."""
