"""Data shipped with newsdigest: the line classifier trees (written by benchmarks/train_cleaner.py)."""
