from django.utils.cache import add_never_cache_headers


def never_cache_pages(get_response):
    """Pages can show a child's answers or a concern: no browser or proxy keeps a copy, so Back
    after a quick exit on a shared tablet shows nothing.

    Synchronous only on purpose: as the innermost middleware it also lets Django's ASGI handler
    run the whole middleware chain in one thread instead of hopping threads per middleware.
    """

    def middleware(request):
        response = get_response(request)
        add_never_cache_headers(response)
        return response

    return middleware
