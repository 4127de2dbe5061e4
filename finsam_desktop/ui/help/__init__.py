"""Hjälp: the user guide shipped in ``resources/help`` (Markdown, one page per area and task), shown offline.

- ``pages``: the page registry, the page of each tab and sub-tab, page text for search.
- ``shortcuts``: the Kortkommandon page, generated from the window's actions so it never goes stale.
- ``window``: the help window (page list, search, back/forward, links between pages).
"""
