"""HTTP routers: thin, one per resource. Queries live in app/services."""
