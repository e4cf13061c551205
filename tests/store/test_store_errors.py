"""The error hierarchy of workshop.errors: stable codes, user messages, documented."""

from __future__ import annotations

import inspect

import pytest

from workshop import errors
from workshop.errors import WorkshopError

ALL_ERRORS = [
    cls for _, cls in inspect.getmembers(errors, inspect.isclass) if issubclass(cls, WorkshopError)
]


def test_every_error_has_its_own_code_and_a_message() -> None:
    """Codes are unique snake_case strings; every class has an English sentence."""
    codes = [cls.code for cls in ALL_ERRORS]
    assert len(codes) == len(set(codes))
    for cls in ALL_ERRORS:
        assert cls.code.replace("_", "").isalpha() and cls.code.islower(), cls
        assert cls.message.endswith(".") and cls.message[0].isupper(), cls


@pytest.mark.parametrize("cls", ALL_ERRORS, ids=lambda cls: cls.__name__)
def test_every_error_is_documented_in_the_module_docstring(cls: type[WorkshopError]) -> None:
    """The hierarchy in the module docstring names every class with its code."""
    doc = errors.__doc__ or ""
    line = next((line for line in doc.splitlines() if f" {cls.__name__} " in line), "")
    assert cls.code in line, f"{cls.__name__} missing from the docstring's hierarchy"
    assert cls.__name__ in errors.__all__


def test_details_and_message_are_kept() -> None:
    """An error carries an optional specific message and read-only details."""
    error = errors.InputLocked("Votes are closed.", kind="votes")
    assert (error.message, str(error), error.details["kind"]) == (
        "Votes are closed.",
        "Votes are closed.",
        "votes",
    )
    assert errors.SessionNotFound().message == errors.SessionNotFound.message
    with pytest.raises(TypeError):
        error.details["kind"] = "weights"  # type: ignore[index]
    assert isinstance(errors.WrongFacilitatorKey(), errors.Forbidden)
    assert isinstance(errors.InvalidSettings(), errors.InvalidInput)
