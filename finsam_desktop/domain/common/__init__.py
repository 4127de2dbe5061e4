"""Shared pure pieces: money, dates, legal deadlines, errors, the tolerant tabular reader, content hashes."""
