#!/bin/sh
# Refresh the CBM catalogue (src/plenary/cbm/locale) after changing a string of the CBM pages or
# forms: makemessages run from src/plenary/cbm alone would miss the interfaces' CBM views and
# templates, so they are gathered with the app's modules in a scratch directory, extracted there
# (the forms' labels through their `_()` marker, which xgettext knows), merged into the existing
# catalogues (translations kept; new strings come out empty: translate them), and compiled.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=$ROOT/src/plenary
PY=${PYTHON:-$ROOT/.venv/bin/python}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$SRC"/cbm/*.py "$WORK"/
for side in web portal backoffice; do
  cp "$SRC/$side/cbm_views.py" "$WORK/${side}_cbm_views.py"
  mkdir -p "$WORK/templates/$side"
  cp "$SRC/$side/templates/$side/cbm/"*.html "$WORK/templates/$side/"
done
cp -r "$SRC/cbm/locale" "$WORK/locale"
(cd "$WORK" && PYTHONPATH="$ROOT/src" DJANGO_SETTINGS_MODULE=plenary.settings "$PY" -m django makemessages \
  -l ar -l es -l fr -l ru -l zh_Hans --no-location --no-wrap --no-obsolete)
for lang in ar es fr ru zh_Hans; do
  cp "$WORK/locale/$lang/LC_MESSAGES/django.po" "$SRC/cbm/locale/$lang/LC_MESSAGES/django.po"
  msgfmt --check-format -o "$SRC/cbm/locale/$lang/LC_MESSAGES/django.mo" "$SRC/cbm/locale/$lang/LC_MESSAGES/django.po"
done
echo "CBM catalogues refreshed; tests/web/test_i18n.py names any string left to translate"
