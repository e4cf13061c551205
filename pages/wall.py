"""Wall page (layout lives in workshop.ui.wall)."""

from workshop.ui.wall import render

render()
