"""Entry point: `streamlit run app.py` serves the UI script plus the app's HTTP routes."""

import streamlit as st
from starlette.middleware import Middleware

from workshop.ui import secrets
from workshop.ui.lane import one_run_at_a_time
from workshop.ui.outbox import send_only_to_marked
from workshop.ui.redraw import route_reruns
from workshop.ui.server_tuning import cache_theme_messages
from workshop.ui.wakeups import batch_wakeups
from workshop.web.browser import BrowserCookieMiddleware
from workshop.web.routes import ROUTES, announce_addresses

secrets.register()  # before any route or page opens the store
cache_theme_messages()
batch_wakeups()
route_reruns()
send_only_to_marked()
one_run_at_a_time()
announce_addresses(int(st.get_option("server.port")))
# The browser cookie (one identity per browser and session) wraps everything Streamlit serves.
app = st.App("workshop/ui/main.py", routes=ROUTES, middleware=[Middleware(BrowserCookieMiddleware)])
