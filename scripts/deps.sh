#!/usr/bin/env bash
# Install the system packages Plenary needs, or say exactly what to install.
#
#   scripts/deps.sh            what `make run` and `make test` need
#   scripts/deps.sh --ci       also the PostgreSQL server, for the test run against PostgreSQL
#   scripts/deps.sh --bench    also what `make bench` needs (the load generator)
#
# As root on Debian/Ubuntu it installs what is missing with apt-get; otherwise it prints the
# command to run and fails only when something required is missing.
set -euo pipefail

# What the project needs from the system, by purpose. Python packages come from pyproject.toml.
PACKAGES=(
  python3-venv      # to create .venv (Debian splits venv and ensurepip out of python3)
  sqlite3           # the command-line shell, to look into the embedded database
  libpango-1.0-0    # WeasyPrint lays out PDF reports with Pango
  libpangoft2-1.0-0
  libharfbuzz-subset0
  fonts-noto-cjk    # Chinese in PDF reports (Noto Sans/Serif CJK)
  fonts-noto-core   # Arabic (Noto Naskh Arabic), Latin and Cyrillic (Noto Sans/Serif)
  poppler-utils     # pdftotext/pdftoppm: the tests read the PDFs they make
  chromium          # the browser tests (Playwright drives Debian's Chromium; no browser download)
)
CI_PACKAGES=(
  postgresql        # the production database, tested in CI
  redis-server      # the shared cache (CACHE_URL=redis://...): its tests start a private server
)
BENCH_PACKAGES=(
  wrk               # make bench: HTTP load at 8 and 32 concurrent connections
)

want=("${PACKAGES[@]}")
for flag in "$@"; do
  case $flag in
    --ci) want+=("${CI_PACKAGES[@]}") ;;
    --bench) want+=("${BENCH_PACKAGES[@]}") ;;
    *) echo "deps: unknown option $flag (use --ci, --bench)" >&2; exit 2 ;;
  esac
done

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "deps: not a Debian-based system; make sure these are installed: ${want[*]}" >&2
  python3 -c "import venv, ensurepip" 2>/dev/null || { echo "deps: Python's venv module is missing" >&2; exit 1; }
  exit 0
fi

missing=()
for pkg in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

# A Python that is not Debian's (pyenv, a source build) brings its own venv: python3-venv is then
# not needed.
if python3 -c "import venv, ensurepip" 2>/dev/null; then
  filtered=()
  for pkg in "${missing[@]}"; do [[ "$pkg" == python3-venv ]] || filtered+=("$pkg"); done
  missing=("${filtered[@]}")
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "deps: missing system packages. Install them with:" >&2
  echo "    sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
