"""Benchmarks for jama.connect against the bundled simulator: run with `make bench` (benchmarks/run.py)."""
