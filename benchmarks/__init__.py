"""Benchmarks of the course's speed claims, run as ``python -m benchmarks`` (``make bench``).

Each benchmark compares a baseline with the faster way the course teaches, on the same data in the
same process, so that the ratio survives a noisy shared machine better than either raw figure.
"""
