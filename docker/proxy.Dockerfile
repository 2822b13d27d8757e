# syntax=docker/dockerfile:1
# The reverse proxy of docker-compose.yml: nginx from Debian with deploy/nginx.conf, the same file and the same
# nginx the load benchmark runs. As an ordinary user, on port 8080, with its temporary files in its own folder.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 proxy-user \
    && useradd --system --uid 10001 --gid proxy-user --no-create-home --shell /usr/sbin/nologin proxy-user \
    && install -d -o 10001 -g 10001 /var/lib/decisionaid-proxy
COPY deploy/nginx.conf /etc/nginx/decisionaid.conf
USER 10001:10001
EXPOSE 8080
CMD ["nginx", "-p", "/var/lib/decisionaid-proxy/", "-c", "/etc/nginx/decisionaid.conf", "-e", "stderr", "-g", "daemon off;"]
