"""Reusable Streamlit pieces of the app: clients, identity, data access with caching, error panels,
KPI cards, Plotly chart builders, the chat transcript, and one *service* module per screen.

Service modules (``ui.hub``, ``ui.cost``, ``ui.jobs``, ...) do not import Streamlit: they take a tool
runner and the shared filters and return plain view models, so tests run them without a server.
Pages (``pages/*.py``) stay three steps: read widgets -> call a service -> render.
"""
