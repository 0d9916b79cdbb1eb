"""Entity pages for people: the facts as sentences in Indonesian and English, each with the quote and the article
behind it, schema.org JSON-LD, no JavaScript — checked on the rendered HTML and in a real headless Chromium at a
phone's width (the screenshot is kept in tests/artifacts/).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

import pytest
from anugerah.graph.namespaces import Base
from anugerah.graph.publish.documents import DocumentService
from anugerah.graph.publish.site import Site
from anugerah.graph.store import Store

from .browser import ARTIFACTS, open_page
from .server import SPARQL_APP, run_server, seed_dataset
from .test_export import BASE, seed_publication

JATIM = BASE + "id/org/pemprov-jatim"
VIVA = "https://jatim.viva.co.id/kabar/8854-pemprov-jatim-borong-4-penghargaan-pelayanan-publik-dari-kemenpan-rb-ri"
VIVA_QUOTE = ("Pemerintah Provinsi Jatim berhasil memborong empat penghargaan dalam ajang Penghargaan Pelayanan "
              "Publik 2023")

_RECOGNITIONS_OF = """
PREFIX agr: <https://w3id.org/anugerah/def/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <https://schema.org/>
SELECT ?entity ?recognition ?quote ?url WHERE {
  ?recognition agr:recipient ?entity ;
    agr:supportedBy ?evidence .
  ?evidence oa:hasSource ?source ;
    oa:hasSelector ?selector .
  ?selector oa:exact ?quote .
  OPTIONAL { ?source schema:url ?url }
}
"""


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.from_file(seed_dataset())


@pytest.fixture(scope="module")
def page_html(store: Store) -> str:
    return DocumentService(store, Site(Base(BASE))).document("org/pemprov-jatim", "html").body.decode("utf-8")


def _expected(store: Store, entity: str) -> dict[str, list[tuple[str, str | None]]]:
    """Recognitions the entity received, from the data: recognition → [(quote, article URL)]."""
    from rdflib import URIRef

    out: dict[str, list[tuple[str, str | None]]] = {}
    for row in store.select(_RECOGNITIONS_OF, {"entity": URIRef(entity)}):
        out.setdefault(str(row["recognition"]), []).append(
            (str(row["quote"]), str(row["url"]) if "url" in row else None))
    return out


def test_every_recognition_is_shown_with_its_quote_and_article(store: Store, page_html: str) -> None:
    expected = _expected(store, JATIM)
    assert expected, "the data holds recognitions of Pemprov Jatim"
    text = html.unescape(page_html)
    for recognition, evidence in expected.items():
        card = f'id="{recognition[len(BASE + "id/"):].replace("/", "-")}"'
        assert card in page_html, recognition
        start = page_html.index(card)
        body = html.unescape(page_html[start : page_html.index("</article>", start)])
        # The quotes a card shows are the longest ones: each of the fact's own quotes is shown or inside one shown.
        for quote, url in evidence:
            assert any(quote in shown for shown in re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", body, re.S)), (
                recognition, quote)
            if url:
                assert f'href="{url}"' in body
    assert page_html.count('<article class="fact"') >= len(expected)
    assert VIVA_QUOTE in text and VIVA in text


def test_the_seed_conferral_reads_as_a_sentence_in_both_languages(page_html: str) -> None:
    sentences = {lang: [html.unescape(re.sub(r"<[^>]+>", "", s)) for s in found]
                 for lang in ("id", "en")
                 for found in [re.findall(rf'<p class="sentence" lang="{lang}">(.*?)</p>', page_html, re.S)]}
    seed_id = next(s for s in sentences["id"] if "Penghargaan Pelayanan Publik 2023" in s and "Bidakara" in s)
    assert seed_id.startswith("Menteri PAN-RB Abdullah Azwar Anas menyerahkan 4 penghargaan")
    assert "kepada Gubernur Jawa Timur Khofifah Indar Parawansa untuk Pemerintah Provinsi Jawa Timur" in seed_id
    assert seed_id.endswith("Hotel Bidakara, 21 November 2023.")
    seed_en = next(s for s in sentences["en"] if "Public Service Awards 2023" in s and "Bidakara" in s)
    assert "Abdullah Azwar Anas presented 4 awards" in seed_en and seed_en.endswith("21 November 2023.")
    assert len(sentences["id"]) == len(sentences["en"])


def test_page_parts_names_links_and_schema_org(store: Store, page_html: str) -> None:
    assert "<h1>Pemerintah Provinsi Jawa Timur</h1>" in page_html
    assert 'lang="en">East Java Provincial Government<' in page_html
    assert f"<code>{JATIM}</code>" in page_html
    assert 'href="/graph?focus=org/pemprov-jatim"' in page_html
    for ext, media in (("ttl", "text/turtle"), ("jsonld", "application/ld+json"), ("nt", "application/n-triples"),
                       ("rdf", "application/rdf+xml")):
        assert f'<link rel="alternate" type="{media}" href="/doc/org/pemprov-jatim.{ext}">' in page_html
    assert '<meta name="viewport"' in page_html
    scripts = re.findall(r"<script([^>]*)>", page_html)
    assert scripts == [' type="application/ld+json"']  # nothing to run: the page reads without JavaScript
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S).group(1))
    thing = next(node for node in data["@graph"] if node["@id"] == JATIM)
    assert thing["@type"] == "GovernmentOrganization" and thing["name"] == "Pemerintah Provinsi Jawa Timur"
    assert len(thing["award"]) == len(_expected(store, JATIM))
    assert any("Penghargaan Pelayanan Publik 2023" in award for award in thing["award"])
    webpage = next(node for node in data["@graph"] if node["@type"] == "WebPage")
    assert webpage["license"] == "https://creativecommons.org/licenses/by/4.0/"
    # Incoming relations: the agency that is a unit of the provincial government is listed.
    assert 'href="/doc/org/dishub-jatim"' in page_html


def test_pages_are_deterministic_and_fast_to_serve_again(store: Store) -> None:
    import time

    one = DocumentService(store, Site(Base(BASE)))
    two = DocumentService(store, Site(Base(BASE)))
    for path in ("org/pemprov-jatim", "person/abdullah-azwar-anas", "place/hotel-bidakara"):
        assert one.document(path, "html").body == two.document(path, "html").body
    started = time.perf_counter()
    one.document("org/pemprov-jatim", "html")
    assert time.perf_counter() - started < 0.01  # cached per service (one per engine)


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    env = {"ANUGERAH_DATASET": str(seed_dataset()), "ANUGERAH_PUBLICATION": str(seed_publication()),
           "ANUGERAH_BASE": BASE}
    with run_server(SPARQL_APP, env) as base_url:
        yield base_url


def test_pemprov_jatim_page_in_chromium_on_a_phone(url: str, store: Store) -> None:
    expected = _expected(store, JATIM)
    with open_page(url, width=390, height=844) as (page, problems):
        page.goto(url + "/id/org/pemprov-jatim")  # the IRI: 303 to its page
        assert page.url == url + "/doc/org/pemprov-jatim"
        assert page.title().startswith("Pemerintah Provinsi Jawa Timur")
        cards = page.locator("section.received article.fact")
        assert cards.count() == len(expected)
        body = page.inner_text("body")
        assert VIVA_QUOTE in body and "Hotel Bidakara, 21 November 2023." in body
        assert "Sumber" in body and "Source" in body
        article = page.locator(f'a[href="{VIVA}"]').first
        assert article.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone
        font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.sentence')).fontSize)")
        assert font >= 15
        page.screenshot(path=str(ARTIFACTS / "entity-page-pemprov-jatim.png"), full_page=True)
        # The same page with JavaScript switched off reads the same.
        context = page.context.browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
        try:
            bare = context.new_page()
            bare.goto(url + "/doc/org/pemprov-jatim")
            assert VIVA_QUOTE in bare.inner_text("body")
            assert bare.locator("section.received article.fact").count() == len(expected)
        finally:
            context.close()
    assert problems.errors == [] and problems.external == []
