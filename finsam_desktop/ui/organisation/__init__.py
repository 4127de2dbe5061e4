"""The organisation area of the ui layer."""
