"""Entry point: `streamlit run app.py` serves the UI script plus the app's HTTP routes."""

import streamlit as st
from starlette.middleware import Middleware

from workshop.ui.browser import BrowserCookieMiddleware
from workshop.ui.routes import ROUTES, announce_addresses

announce_addresses(int(st.get_option("server.port")))
# The browser cookie (one identity per browser and session) wraps everything Streamlit serves.
app = st.App("workshop/ui/main.py", routes=ROUTES, middleware=[Middleware(BrowserCookieMiddleware)])
