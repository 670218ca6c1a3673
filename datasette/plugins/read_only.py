"""The site is read-only: every method but GET, HEAD and OPTIONS gets 405 before Datasette sees it.

Datasette 0.65.5 answers a POST to a table or canned-query page with a 500 (an internal
assertion); nothing can be written either way, but a client error is the honest answer.
"""

from datasette import hookimpl

READ_METHODS = ("GET", "HEAD", "OPTIONS")


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                await send({
                    "type": "http.response.start",
                    "status": 405,
                    "headers": [(b"allow", b"GET, HEAD, OPTIONS"), (b"content-type", b"text/plain; charset=utf-8")],
                })
                await send({"type": "http.response.body", "body": "This site is read-only. 本站只读。\n".encode("utf-8")})
                return
            await app(scope, receive, send)

        return read_only

    return wrap
