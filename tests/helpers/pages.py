"""Who visits the pages, and how a page is read."""

PERSONAS = ["coordinator", "leader", "teacher", "viewer", "board_member", "outsider", "anonymous"]


def get(client, url, **extra):
    """GET a page; a file download is read to the end so that its file is closed."""
    response = client.get(url, **extra)
    if response.streaming:
        response.content_bytes = b"".join(response.streaming_content)
    return response
