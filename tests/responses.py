"""Reading a test client's response."""


def read_streaming(response):
    """A streaming response's body (a document's file), read to the end.

    Reading it to the end closes it the way the test client means it to: with Django's
    close_old_connections disconnected. Calling response.close() directly sends
    request_finished with it connected, which on PostgreSQL closes the test's own connection in
    the middle of its transaction ("the connection is closed")."""
    return b"".join(response.streaming_content)
