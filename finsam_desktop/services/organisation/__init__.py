"""The organisation area of the services layer."""
