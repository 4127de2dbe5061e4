"""The integrity area of the services layer."""
