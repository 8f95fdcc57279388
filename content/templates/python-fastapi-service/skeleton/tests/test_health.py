from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)


def test_health_reports_up() -> None:
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "UP", "service": "${{ values.name }}"}
