"""The only things a report's renderer may fetch: the portal's own static files.

A report carries officers' and clerks' text. Django escapes it, so it cannot
become an element; this fetcher is the second wall: any URL that is not one of
the portal's static files (http, https, file:, data:, another host) is refused
and logged, so a PDF can never leak a request to the network or read a file.
"""

import logging
import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)
# The base URL the report's relative links resolve against: never a real host.
BASE_URL = "https://portal.invalid/"


class StaticOnlyFetcher(URLFetcher):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.refused = []

    def fetch(self, url, headers=None):
        path = self._static_path(url)
        if path is None:
            self.refused.append(url)
            logger.warning("Report renderer refused to fetch %s", url[:200])
            raise ValueError(f"Reports may only use the portal's static files, not {url[:80]}")
        mime_type, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": mime_type or "text/plain"}
        )

    @staticmethod
    def _static_path(url):
        parts = urlsplit(url)
        prefix = urlsplit(BASE_URL)
        if (parts.scheme, parts.netloc) != (prefix.scheme, prefix.netloc):
            return None
        if not parts.path.startswith(settings.STATIC_URL):
            return None
        name = PurePosixPath(unquote(parts.path[len(settings.STATIC_URL) :]))
        if name.is_absolute() or ".." in name.parts or not name.parts:
            return None
        collected = Path(settings.STATIC_ROOT) / name
        if collected.is_file():
            return collected
        found = finders.find(str(name))
        return Path(found) if found else None
