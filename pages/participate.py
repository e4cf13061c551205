"""Participate page (layout lives in workshop.ui.participant)."""

from workshop.ui.participant import render

render()
