"""HTTP routers: thin, one per resource.

Queries and writes live in the domain packages (app/positions, app/ingest, app/catalog, …); routers never run SQL.
"""
