# Multi-stage build: compile on Debian with the -dev packages, run on a slim
# Debian with only the shared libraries and the data files, as a non-root user.
FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
        build-essential pkg-config git ca-certificates \
        libmicrohttpd-dev libjansson-dev libcurl4-openssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN make clean && make -j"$(nproc)" WERROR=1 build/enricher

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
        libmicrohttpd12 libjansson4 libcurl4 ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home enricher
COPY --from=build /src/build/enricher /usr/local/bin/enricher
COPY --from=build /src/config /etc/enricher
USER 10001
ENV ENRICHER_HOST=0.0.0.0 ENRICHER_CONFIG_DIR=/etc/enricher
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD ["enricher", "health", "http://127.0.0.1:8080/readyz"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["enricher", "serve", "--config", "/etc/enricher/enricher.conf"]
