# syntax=docker/dockerfile:1
# The decision aid under gunicorn. Built by docker-compose.yml; see docker/entrypoint.sh for start-up.

# --- Front-end packages (Bootstrap) from package-lock.json; Node stays out of the final image. ---
FROM python:3.11-slim-bookworm AS frontend
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# --- The application. ---
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Shared libraries WeasyPrint needs for the PDF summary, and a font for it; gettext compiles the message
# catalogues below (the .mo files are not in the repository).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home --shell /usr/sbin/nologin app

WORKDIR /app
# Runtime dependencies only (requirements-dev.txt is not installed), exactly the locked set: every file hashed.
COPY requirements.txt ./
RUN pip install --no-cache-dir --require-hashes -r requirements.txt

COPY --from=frontend /build/node_modules ./node_modules
COPY . .

# Static files are collected and message catalogues compiled at build time. Settings refuse to load without a real-looking key when debug
# is off, so this step gets a throwaway random key (hex: it cannot contain a placeholder marker) that
# exists only for this RUN and is not stored in the image. The code stays owned by root: read-only to the app.
RUN chmod 0755 docker/entrypoint.sh \
    && DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_hex(32))')" \
       DJANGO_ALLOWED_HOSTS=build.invalid \
       sh -c 'python manage.py collectstatic --noinput \
              && python manage.py compilemessages --ignore node_modules --ignore staticfiles'

USER 10001:10001
EXPOSE 8000

# Healthy when gunicorn answers the home page below 400. Uses the first allowed host so that a production
# DJANGO_ALLOWED_HOSTS does not turn every check into a DisallowedHost error, and says "https" so that the
# HTTPS redirect (when on) is not taken for an answer.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import http.client, os, sys; host = os.environ.get('DJANGO_ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.*') or 'localhost'; c = http.client.HTTPConnection('127.0.0.1', 8000, timeout=4); c.request('GET', '/', headers={'Host': host, 'X-Forwarded-Proto': 'https'}); sys.exit(0 if c.getresponse().status < 400 else 1)"

# migrate, load_evidence --keep-existing, then gunicorn. A CMD (not ENTRYPOINT), so that
# `docker compose run web python manage.py createsuperuser` runs just that command.
CMD ["/app/docker/entrypoint.sh"]
