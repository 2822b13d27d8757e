#!/bin/sh
# Container start-up: bring the schema up to date, add any evidence rows that are missing (rows edited in
# admin are kept as they are), then hand the process over to gunicorn so that it receives the signals.
# Any failing step stops the container instead of serving a half-migrated site.
set -eu
cd "$(dirname "$0")/.."

python manage.py migrate --noinput
python manage.py load_evidence --keep-existing

# Workers and logging come from gunicorn.conf.py, which the load benchmark uses too.
exec gunicorn decisionaid.wsgi:application --config gunicorn.conf.py --bind 0.0.0.0:8000
