"""Stage 6, reports: view models rendered as terminal text, JSON and HTML.

Each report is built in two steps: a *view model* (sorted, pre-formatted
frozen data) and a renderer that only displays it.
"""
