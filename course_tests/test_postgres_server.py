"""running_postgres gives a working, empty PostgreSQL database and leaves no server behind."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from course_tests.postgres_server import postgres_unavailable_reason, running_postgres


def test_the_server_answers_queries_then_stops(tmp_path):
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    folder = tmp_path / "server"
    with running_postgres(folder) as url:
        engine = sa.create_engine(url)
        with engine.connect() as connection:
            assert connection.execute(sa.text("SELECT current_database(), 1 + 1")).one() == ("gradebook", 2)
            tables = connection.execute(sa.text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
            assert tables.scalar() == 0
        engine.dispose()
    # Stopped: nothing listens on the port any more, and only the server's log is left.
    engine = sa.create_engine(url, connect_args={"connect_timeout": 2})
    with pytest.raises(sa.exc.OperationalError):
        engine.connect()
    engine.dispose()
    assert [path.name for path in folder.iterdir()] == ["postgres.log"]
