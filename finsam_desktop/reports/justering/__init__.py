"""The justering area of the reports layer."""
