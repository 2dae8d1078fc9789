# timock in a container: the same Debian packages as CI, built in Release.
FROM debian:bookworm AS build
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      build-essential cmake pkg-config libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev \
      libssl-dev zlib1g-dev libsqlite3-dev libgtest-dev libcli11-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DTIMOCK_BUILD_TESTS=OFF && cmake --build build -j"$(nproc)" --target timock

FROM debian:bookworm-slim
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      libboost-json1.81.0 libboost-url1.81.0 libssl3 zlib1g libsqlite3-0 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/timock /usr/local/bin/timock
VOLUME /data
EXPOSE 9000
# Inside a container the port must be reachable from outside it, so listen on all interfaces.
ENV TIMOCK_LISTEN=0.0.0.0:9000 TIMOCK_DB=/data/timock.db
ENTRYPOINT ["timock", "serve"]
