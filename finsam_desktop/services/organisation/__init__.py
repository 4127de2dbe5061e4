"""The organisation area of the services layer.

service  The förbund, its members, persons and mandates.
"""
