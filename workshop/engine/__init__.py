"""The decision engine: scoring, context, hybrids, sensitivity, group statistics, ballots.

Pure computation: imports only numpy, pandas, sortedcontainers, ``workshop.content`` and
``workshop.errors`` (and itself).
"""
