"""The participant's phone: follow the facilitator's phase, weigh, explore, vote, comment, ask.

Everything a participant enters is saved to the store as soon as it is entered (sliders save on
change); ``st.session_state`` only mirrors the stored values, so a reload, a locked screen or a
new connection shows the same inputs again.  Only what the store acknowledged is called saved: a
change it could not take (the database is unreachable) stays on the phone, marked as not saved,
with a way to send it again.  A rerun's own work stays small: the session view and
the scoring model are shared per process, and nothing here builds charts or DataFrames.

Modules: ``page`` (the frame: joining, the header, following the facilitator by push, an
outage), one module per phase (``welcome``, ``weigh``, ``context``, ``options``, ``vote``,
``resistance``, ``results``), and what phases share: ``mirror`` (the inputs mirrored from the
store, saving them), ``ranking`` (the participant's own ranking), ``rank_vote`` (the ranking
control), ``posts`` (concerns and comments that must not get lost, others' posts live),
``role_changes`` ("what changes for me?"), ``pilot`` (the pilot plan, followed live) and
``scroll`` (each phase at its top; a reconnect redraws the page).
"""

from __future__ import annotations

from workshop.ui.participant.page import rejoin_or_join, render

__all__ = ["rejoin_or_join", "render"]
