"""The shared kit: settings, the database engine, problem-details errors, the OpenAPI document, route facts,
middleware, migrations and keyset pagination. Nothing here imports a domain package or the HTTP routers.
"""
