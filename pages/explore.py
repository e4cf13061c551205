"""Explore page (layout lives in workshop.ui.explorer)."""

from workshop.ui.explorer import render

render()
