"""The projector wall: ``/wall?code=XXXXXX``, public and read-only.

It shows only what the room sees anyway: the title, the join code and QR code, live counts, the
phase with a short prompt, the group's context, the concerns and comments the facilitator has not
hidden and — once the facilitator has revealed them, and only from the anonymity threshold on —
the group's results with the vote beside the ranking (and, in a session imported from an
earlier workshop, that workshop's top places beside them).  It fits the screen it is on without
scrolling: one 1920×1080 canvas, zoomed, whose body rotates through panels.  No facilitator
function lives here.

:mod:`~workshop.ui.wall.model` decides what to show (a :class:`Frame`, built without
Streamlit and only when the session changed); :mod:`~workshop.ui.wall.page` draws it (the
refreshing fragment, the header), :mod:`~workshop.ui.wall.panels` the body's panels and
:mod:`~workshop.ui.wall.styles` holds the canvas and its zoom steps.  The plain-word
sentences and the number formats come from :mod:`workshop.text.wording`, shared with the
explorer and the exports.
"""

from __future__ import annotations

from workshop.ui.wall.model import Frame, build_frame, refresh
from workshop.ui.wall.page import REFRESH_SECONDS, draw, render

__all__ = ["REFRESH_SECONDS", "Frame", "build_frame", "draw", "refresh", "render"]
