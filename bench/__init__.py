"""`make bench`: builds a board-size dataset on PostgreSQL and prints named speed figures."""
