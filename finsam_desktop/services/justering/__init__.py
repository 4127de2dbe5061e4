"""The justering area of the services layer."""
