"""Where the repository, the app's navigation script and its pages are."""

from __future__ import annotations

from pathlib import Path

#: The repository: the app runs from here (``streamlit run app.py``).
ROOT = Path(__file__).resolve().parents[2]
#: The navigation script that `app.py` serves; AppTest runs it.
UI_SCRIPT = str(ROOT / "workshop" / "ui" / "main.py")
#: The page files beside the navigation (``pages/<name>.py``).
PAGES = ROOT / "pages"
