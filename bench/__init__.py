"""The benchmark harness: each job of the program against a same-work baseline (bench/run.py)."""
