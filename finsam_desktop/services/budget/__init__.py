"""The budget area of the services layer."""
