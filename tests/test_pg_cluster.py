"""The test PostgreSQL helper really yields a server: a fresh UTF8 database that answers and can be dropped."""

from __future__ import annotations

import pytest

import pg_cluster


@pytest.mark.postgres
def test_fresh_database_answers_and_drops() -> None:
    base, reason = pg_cluster.server_url()
    if base is None:
        pytest.skip(reason)
    import psycopg2

    url = pg_cluster.fresh_database(base)
    try:
        conn = psycopg2.connect(url)
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT 1")
                assert cur.fetchone() == (1,)
                cur.execute("SHOW server_encoding")
                assert cur.fetchone() == ("UTF8",)
        finally:
            conn.close()
    finally:
        pg_cluster.drop_database(url)
    name = url.rsplit("/", 1)[1]
    conn = psycopg2.connect(base)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,))
            assert cur.fetchone() == (0,)
    finally:
        conn.close()
