"""The organisation area of the domain layer."""
