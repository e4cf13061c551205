"""Facilitate page (layout lives in workshop.ui.facilitator)."""

from workshop.ui.facilitator import render

render()
