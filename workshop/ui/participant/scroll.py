"""Each phase opens at its top, and a phone that reconnects redraws itself: a tiny component.

Streamlit keeps the scroll position across reruns, so a phone that had scrolled down to the
concerns stayed there when the facilitator moved on, the new phase's title off-screen.  The
component (``st.components.v2``, its script runs in the page itself) remembers the phase it
was given last in the browser window and scrolls Streamlit's scrolling container and the
window to the top when it changes.  Without a browser (AppTest) it draws nothing.

It also watches the connection: the server pushes changes to phones (:mod:`workshop.ui.push`),
and a phone whose connection dropped for longer than the server keeps its session gets a new,
empty one, which Streamlit's frontend does not rerun by itself.  So when the page is connected
again after a drop, the component sends a trigger: the page runs afresh and is followed again.
"""

from __future__ import annotations

import streamlit as st

#: Runs on every mount and every change of its data; the first call only notes the phase (a
#: page just opened is at its top already, and a reload must not jump).
_JS = """
export default function (component) {
  // The newest mount's trigger: sent once the page is connected again after a drop.
  window.__workshopReconnected = () => component.setTriggerValue("reconnected", Date.now());
  if (!window.__workshopWatching) {
    window.__workshopWatching = true;
    let last = null;
    const look = () => {
      const app = document.querySelector("[data-testid=stApp]");
      const state = app && app.getAttribute("data-test-connection-state");
      if (state === "CONNECTED" && last !== null && last !== "CONNECTED") {
        window.__workshopReconnected();
      }
      if (state) last = state;
    };
    new MutationObserver(look).observe(document.body,
      {subtree: true, attributes: true, attributeFilter: ["data-test-connection-state"]});
    look();
  }
  const phase = component.data && component.data.phase;
  const seen = window.__workshopPhase;
  window.__workshopPhase = phase;
  if (seen === undefined || seen === phase) return;
  const toTop = () => {
    const scrollers = '[data-testid=stMain], [data-testid=stAppViewContainer], '
      + '[data-testid=stAppScrollToBottomContainer]';
    for (const el of document.querySelectorAll(scrollers)) {
      el.scrollTop = 0;
    }
    window.scrollTo(0, 0);
  };
  toTop();
  // The new phase's elements arrive over a few frames; keep it at the top while they do.
  requestAnimationFrame(toTop);
  setTimeout(toTop, 120);
  setTimeout(toTop, 400);
}
"""

_PHASE_TOP = st.components.v2.component("workshop_phase_top", js=_JS)


def phase_top(phase: str) -> None:
    """Scroll the phone to the top when `phase` (session, round and phase) differs from before;
    rerun the page when it is connected again after a drop."""
    _PHASE_TOP(key="phase_top", data={"phase": phase}, height=0, on_reconnected_change=_reconnected)


def _reconnected() -> None:
    """Nothing to do: the trigger's rerun itself redraws the page."""
