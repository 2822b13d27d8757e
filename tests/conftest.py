import pytest
from django.test import Client


class HttpsClient(Client):
    """Production settings redirect plain HTTP to HTTPS; this client speaks HTTPS, as a real browser would."""

    def request(self, **request):
        request.update({"wsgi.url_scheme": "https", "SERVER_PORT": "443"})
        return super().request(**request)


@pytest.fixture
def client():
    return HttpsClient()


@pytest.fixture
def admin_client(admin_user):
    client = HttpsClient()
    client.force_login(admin_user)
    return client
