"""Helpers shared by the test suites and the benchmarks, one module per job.

pytest puts ``tests/`` on the import path (``pythonpath`` in pyproject.toml), so a test imports
``from support.seeding import seed_session``; a benchmark puts ``tests/`` on its path itself.

* ``paths``: where the repository, the navigation script and the pages are;
* ``ci``: whether this run is CI, and skipping (or failing there) when a service is missing;
* ``network``: a free port and a TCP proxy whose connectivity a test switches off and on;
* ``processes``: running a child process until a block ends, once it answers;
* ``live_server``: the real app (``streamlit run app.py``) and nginx in front of it;
* ``outage``: a private PostgreSQL schema reached through a proxy, /healthz polled;
* ``seeding``: sessions made for a test, from an empty one to two rounds of everything;
* ``pages``: AppTest runs of the real navigation on fresh process-wide services;
* ``hostile_texts``: authored texts full of Markdown and HTML.

Suite-only helpers stay beside their suite under a unique name (``e2e_support``,
``export_support``, ``store_support``): several suites have a ``conftest.py``.
"""
