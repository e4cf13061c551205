"""The UI script that `app.py` serves: navigation for the reader's role, then the chosen page.

It lives here rather than beside `pages/` on purpose: Streamlit treats a `pages/` folder next
to the main script as a legacy multipage app and would run page files directly, bypassing this
navigation (and its per-role checks).  The page files in `pages/` are registered explicitly.
"""

from workshop.ui.shell import run

run()
