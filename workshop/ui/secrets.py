"""The database URL from Streamlit's secrets, handed to the Streamlit-free services layer."""

from __future__ import annotations

import streamlit as st

from workshop.web import services


def secret_database_url() -> str | None:
    """The database URL from Streamlit secrets, if a secrets file defines one."""
    try:
        value = st.secrets.get("WORKSHOP_DATABASE_URL")
    except FileNotFoundError:  # no secrets file at all (StreamlitSecretNotFoundError)
        return None
    return str(value) if value else None


def register() -> None:
    """Let the services read the URL from Streamlit's secrets (called by app.py and each run)."""
    services.secret_url = secret_database_url
