"""The arshjul area of the services layer."""
