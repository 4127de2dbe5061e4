"""The arshjul area of the domain layer."""
