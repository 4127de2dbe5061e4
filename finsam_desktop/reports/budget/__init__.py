"""The budget area of the reports layer."""
