"""Home page (layout lives in workshop.ui.home)."""

from workshop.ui.home import render

render()
