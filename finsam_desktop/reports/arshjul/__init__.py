"""The arshjul area of the reports layer."""
