"""The Verksamhet area's services."""
