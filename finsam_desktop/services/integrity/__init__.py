"""The integrity area of the services layer.

checks  ``finsam check`` tamper evidence: the protection triggers exist, the append-only logs' …
"""
