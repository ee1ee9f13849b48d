"""The full-text index of the search entries' tokens: FTS5 on SQLite, a GIN-indexed tsvector on
PostgreSQL (plenary.search.fulltext). Nothing on another database (it matches by substring)."""

from django.db import migrations

TABLE = "search_searchentry"
FTS = "search_entry_fts"

SQLITE_UP = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(tokens, content='{TABLE}', content_rowid='id', "
    'tokenize="unicode61 remove_diacritics 0")',
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, tokens) VALUES (new.id, new.tokens); END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, tokens) VALUES ('delete', old.id, old.tokens); END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, tokens) VALUES ('delete', old.id, old.tokens); "
    f"INSERT INTO {FTS}(rowid, tokens) VALUES (new.id, new.tokens); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TABLE IF EXISTS {FTS}",
]
POSTGRES_UP = [
    "CREATE INDEX search_entry_tokens_vector ON search_searchentry USING gin "
    "((array_to_tsvector(array_remove(regexp_split_to_array(tokens, '[ |]+'), ''))))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS search_entry_tokens_vector"]


def _run(statements: dict):
    def run(apps, schema_editor) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_meeting_dates_and_paragraphs")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
