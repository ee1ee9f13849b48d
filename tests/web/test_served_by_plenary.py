"""Every script, style, font and icon of every page is served by Plenary itself: no CDN, so that
the site works offline and tells no third party who reads what. A favicon."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

PAGES = {
    "anonymous": [
        "/",
        "/ar/",
        "/zh-hans/meetings/BWC/MSP/2017/",
        "/meetings/",
        "/documents/BWC/MSP/2017/6",
        "/programme/",
        "/status/",
        "/search/?q=conference",
        "/api/docs",
        "/no/such/page",
    ],
    "staff": ["/office/", "/office/plan/", "/office/meetings/BWC/MSP/2017/documents/", "/office/people/"],
    "fra_fp": ["/portal/", "/portal/papers/"],
}
# Text that names an outside host from which a browser would fetch something.
EXTERNAL = re.compile(r"(?:https?:)?//(?!www\.w3\.org/)[a-z0-9.-]+\.[a-z]{2,}", re.I)
CDN_WORDS = re.compile(r"cdn\.|unpkg\.com|jsdelivr|googleapis|gstatic|cdnjs|fontawesome|bootstrapcdn", re.I)


class Assets(HTMLParser):
    """The addresses a page makes the browser fetch: scripts, styles, icons, fonts, images,
    frames; and inline styles' url()s and @imports."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.inline: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("alternate", "canonical"):
            self.urls.append(attrs["href"])
        if attrs.get("style"):
            self.inline.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.inline.append(data)

    def handle_endtag(self, tag):
        self._in_style = False


def assets_of(html: str) -> Assets:
    parser = Assets()
    parser.feed(html)
    return parser


def static_text(url: str) -> str:
    path = finders.find(url.removeprefix("/static/"))
    assert path, f"{url} is not among Plenary's static files"
    with open(path, encoding="utf-8", errors="replace") as fh:
        return fh.read()


@pytest.mark.parametrize("persona", sorted(PAGES))
def test_no_page_fetches_anything_from_another_host(client, people, persona):
    if people[persona] is not None:
        client.force_login(people[persona])
    for url in PAGES[persona]:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        found = assets_of(response.content.decode())
        assert found.urls, url  # the style sheet at least
        for asset in found.urls:
            assert asset.startswith("/") and not asset.startswith("//"), (url, asset)
        for css in found.inline:
            assert not EXTERNAL.search(css) and "@import" not in css, (url, css)
        for asset in found.urls:
            if asset.startswith("/static/") and asset.endswith((".css", ".js")):
                text = static_text(asset)
                assert not CDN_WORDS.search(text), asset
                if asset.endswith(".css"):
                    for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(
                        r"@import\s+['\"]([^'\"]+)", text
                    ):
                        assert not EXTERNAL.match(ref), (asset, ref)


def test_the_api_docs_are_swagger_ui_from_plenary(client, db):
    html = client.get("/api/docs").content.decode()
    assert assets_of(html).urls == [
        "/static/ninja/swagger-ui.css",
        "/favicon.ico",
        "/static/web/favicon.svg",
        "/static/ninja/swagger-ui-bundle.js",
        "/static/ninja/swagger-ui-init.js",
    ]
    # Swagger UI's validator badge would call validator.swagger.io: off.
    assert '"validatorUrl": null' in html


def test_htmx_is_a_local_file(client, db):
    html = client.get("/").content.decode()
    assert '<script src="/static/web/htmx.min.js" defer></script>' in html
    assert static_text("/static/web/htmx.min.js").startswith("var htmx=function()")


def test_the_favicon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    data = b"".join(response.streaming_content)
    assert data[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert data[4] == 3  # three sizes: 16, 32 and 48 pixels
    html = client.get("/ar/meetings/").content.decode()
    assert (
        '<link rel="icon" href="/favicon.ico" sizes="any">'
        '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">'
    ) in html
    assert static_text("/static/web/favicon.svg").startswith('<svg xmlns="http://www.w3.org/2000/svg"')
