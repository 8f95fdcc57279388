# ${{ values.name }}: the FastAPI application. Run locally with `uvicorn app.main:app --reload`.
from fastapi import FastAPI

app = FastAPI(title="${{ values.name }}", version="0.1.0")


@app.get("/health")
def health() -> dict[str, str]:
    """Liveness and readiness: the process is up and serving requests."""
    return {"status": "UP", "service": "${{ values.name }}"}
