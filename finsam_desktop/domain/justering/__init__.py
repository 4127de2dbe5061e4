"""The justering area of the domain layer."""
