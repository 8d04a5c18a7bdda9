"""Reproducible measurements of Accord KG, with their data generators (see ``run.py``)."""
