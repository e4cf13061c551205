"""Entry point: `streamlit run app.py` serves the UI script plus the app's HTTP routes."""

import streamlit as st

from workshop.ui.routes import ROUTES, announce_addresses

announce_addresses(int(st.get_option("server.port")))
app = st.App("workshop/ui/main.py", routes=ROUTES)
