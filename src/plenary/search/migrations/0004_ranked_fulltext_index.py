"""The full-text index reads the four sections of the tokens (key, title, body, filters) as its
columns, ranks in SQL and filters by tokens (plenary.search.fulltext); each entry knows its object
(`obj`) and its place among equals (`sort_key`). Existing entries get their filters and the CJK
characters of their bigrams here; `plenary manage reindex` rebuilds them whole at any time."""

from django.db import migrations, models

TABLE = "search_searchentry"
FTS = "search_entry_fts"
VIEW = "search_entry_fts_source"
TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M*' tokenchars './='"
# ts_rank weights: key B, title A, body D, filters C (weighing nothing).
SECTION_WEIGHTS = ("B", "A", "D", "C")


def _sqlite_sections(col: str) -> list[str]:
    """The four "|"-separated sections of `col` as SQLite expressions (no split function)."""
    out, rest = [], col
    for _ in range(3):
        out.append(f"substr({rest}, 1, instr({rest}, '|') - 1)")
        rest = f"substr({rest}, instr({rest}, '|') + 1)"
    return [*out, rest]


def _values(col: str) -> str:
    return ", ".join(_sqlite_sections(col))


SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TABLE IF EXISTS {FTS}",
    f"DROP VIEW IF EXISTS {VIEW}",
]
SQLITE_UP = [
    f"CREATE VIEW {VIEW}(id, k, t, b, f) AS SELECT id, {_values('tokens')} FROM {TABLE}",
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(k, t, b, f, content='{VIEW}', content_rowid='id', "
    f"tokenize=\"{TOKENIZER}\", prefix='2 3')",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, k, t, b, f) VALUES (new.id, {_values('new.tokens')}); END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, k, t, b, f) VALUES ('delete', old.id, {_values('old.tokens')}); END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF tokens ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, k, t, b, f) VALUES ('delete', old.id, {_values('old.tokens')}); "
    f"INSERT INTO {FTS}(rowid, k, t, b, f) VALUES (new.id, {_values('new.tokens')}); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_OLD = [
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

# Each token of a section becomes the lexeme 'token':1W (tokens hold no blank, quote, backslash
# or colon: letters, digits, marks, "/", "." and "="), so that ts_rank tells the sections apart.
_PG_VECTOR = " || ' ' || ".join(
    f"regexp_replace(split_part(tokens, '|', {i + 1}), '(\\S+)', '''\\1'':1{w}', 'g')"
    for i, w in enumerate(SECTION_WEIGHTS)
)
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_tokens_vector",
    "DROP INDEX IF EXISTS search_entry_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
]
POSTGRES_UP = [
    f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (({_PG_VECTOR})::tsvector) STORED",
    f"CREATE INDEX search_entry_vector ON {TABLE} USING gin (search_vector)",
]
POSTGRES_OLD = [
    f"CREATE INDEX search_entry_tokens_vector ON {TABLE} USING gin "
    "((array_to_tsvector(array_remove(regexp_split_to_array(tokens, '[ |]+'), ''))))",
]


def _run(statements: dict):
    def run(apps, schema_editor) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)

    return run


def upgrade_entries(apps, schema_editor) -> None:
    from plenary.search.fulltext import filter_tokens
    from plenary.search.index import _beginnings, _with_unigrams, entry_id, object_id, sort_key

    SearchEntry = apps.get_model("search", "SearchEntry")
    # Every entry gets its new id too (index.entry_id): read them all, write them anew. The index
    # of a deployment is a few thousand entries; `plenary manage reindex` does the same.
    entries = list(SearchEntry.objects.all())
    SearchEntry.objects.all().delete()
    batch = []
    for entry in entries:
        key, title, body = (part.split() for part in (entry.tokens.split("|") + ["", ""])[:3])
        filters = filter_tokens(
            kind=entry.kind,
            lang=entry.lang,
            series=entry.series,
            year=entry.year,
            doc_type=entry.doc_type,
            submitters=entry.submitters.split(),
        )
        key, title = _with_unigrams(key), _with_unigrams(title)
        seen = set(key) | set(title)
        body = [t for t in _with_unigrams(body + _beginnings(key)) if t not in seen]
        entry.tokens = f" {' '.join(key)} | {' '.join(title)} | {' '.join(body)} | {' '.join(filters)} "
        entry.id = entry_id(entry.kind, entry.key, entry.lang, entry.year)
        entry.obj = object_id(entry.kind, entry.key, entry.year)
        entry.sort_key = sort_key(entry.kind, entry.key)
        batch.append(entry)
        if len(batch) >= 1000:
            SearchEntry.objects.bulk_create(batch)
            batch = []
    if batch:
        SearchEntry.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_fulltext_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
            _run({"sqlite": SQLITE_DROP + SQLITE_OLD, "postgresql": POSTGRES_DROP + POSTGRES_OLD}),
        ),
        migrations.AddField(model_name="searchentry", name="obj", field=models.BigIntegerField(default=0)),
        migrations.AddField(
            model_name="searchentry", name="sort_key", field=models.CharField(default="", max_length=300)
        ),
        migrations.RunPython(upgrade_entries, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
