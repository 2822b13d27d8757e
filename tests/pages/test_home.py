def test_home_page_answers_and_says_answers_stay_on_the_device(client, db):
    response = client.get("/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Stem cell transplant for multiple sclerosis" in text
    assert "never saved on our server" in text
    # Said plainly on the home page too: signed is not secret, so on a shared computer clear it (issue 15).
    assert "signed, not encrypted" in text and "shared or clinic computer" in text
    assert "Start again" in text and 'href="/privacy/"' in text


def test_plain_http_is_redirected_to_https(db):
    from django.test import Client

    response = Client().get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
