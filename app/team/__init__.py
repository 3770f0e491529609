"""Team mode: the store on a shared PostgreSQL server (connection, roles, copying, the ``db`` commands)."""
