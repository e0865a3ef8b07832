# One image per application, built from this repository:
#   docker build --build-arg APP=ingest-gateway -t orderflow/ingest-gateway .
#   docker build --build-arg APP=streams-app    -t orderflow/streams-app .
# docker-compose.yml builds both.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl ingest-gateway,streams-app -am package

FROM eclipse-temurin:17-jre
ARG APP
WORKDIR /app
COPY --from=build /src/${APP}/target/orderflow-${APP}.jar /app/app.jar
RUN useradd --system --home /app orderflow && mkdir -p /data && chown orderflow /data
USER orderflow
ENV ORDERFLOW_HOME=/data
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-jar", "/app/app.jar"]
