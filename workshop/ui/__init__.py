"""The Streamlit user interface: shared runtime helpers and one module per view.

Only this sub-package imports Streamlit.  Pages in ``pages/`` call one ``render()`` each.
"""
