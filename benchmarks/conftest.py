from tests.conftest import django_db_setup  # noqa: F401  the same data as the tests
