# syntax=docker/dockerfile:1
# Fawkes Portal: multi-stage build, non-root runtime, listens on 8080 (the app) and 9090 (metrics).
# Liveness: GET /healthz   Readiness: GET /readyz   Metrics: GET :9090/metrics (404 on 8080; never publish 9090)
# Migrations (PostgreSQL): run the same image with the argument "migrate" (e.g. a Kubernetes Job) before rolling out.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Fawkes.Portal.csproj ./
RUN dotnet restore Fawkes.Portal.csproj
COPY src/ src/
COPY migrations/ migrations/
COPY wwwroot/ wwwroot/
COPY content/ content/
COPY appsettings.json ./
# No --no-restore: a Release publish is ReadyToRun for the build platform, which restores its runtime pack here.
RUN dotnet publish Fawkes.Portal.csproj -c Release -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Portal__Metrics__Port=9090 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true \
    Database__DataDirectory=/var/lib/fawkes-portal
COPY --from=build --chown=root:root /app ./
# The embedded SQLite default writes here; with PostgreSQL nothing is written, so a read-only root FS works.
RUN mkdir -p /var/lib/fawkes-portal && chown 1654:1654 /var/lib/fawkes-portal
VOLUME ["/var/lib/fawkes-portal"]
# 1654 is the non-root "app" user of the official .NET images.
USER 1654
EXPOSE 8080 9090
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["dotnet", "Fawkes.Portal.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "Fawkes.Portal.dll"]
