"""The app's services without Streamlit: HTTP routes, the process-wide store and caches,
joining, addresses and the demo seed.
"""
