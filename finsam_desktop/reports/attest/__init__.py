"""The attest area of the reports layer."""
