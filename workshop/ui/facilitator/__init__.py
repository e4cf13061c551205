"""The facilitator's console: create a session, pace the phases, reveal, moderate, take notes.

Every change goes through a store method that checks the facilitator key itself; these pages only
decide what to show.  Without a valid key :func:`render` shows the form to create a new session.

Modules: ``console`` (the page's entry and the console's frame), ``create`` (the create page),
``tabs`` (the console's tabs), ``concerns`` (status and answer of each concern), ``pilot``
(the pilot plan), ``state`` (widget state shared by them); the export tab is
:mod:`workshop.ui.exports`.
"""

from __future__ import annotations

from workshop.ui.facilitator.console import render

__all__ = ["render"]
