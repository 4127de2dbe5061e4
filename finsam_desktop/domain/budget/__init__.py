"""The budget area of the domain layer."""
