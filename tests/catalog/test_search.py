"""Full-text search on both databases: ranked, accent- and case-insensitive, prefix on the last word, no
stemming that would make a table (meja) out of a shirt (kemeja), and an index kept in step with every change."""
import re

import flask_migrate
import sqlalchemy as sa

from shop import create_app
from shop.catalog.models import Product, Variant
from shop.catalog.queries import CatalogFilters, search_catalog
from shop.extensions import db
from shop.groups.models import Group, Region
from tests.test_migrations import fresh_database_url as _fresh_database_url  # noqa: F401  (the fixture)


def _titles(client, q, **args):
    html = client.get("/katalog", query_string={"q": q, **args}).get_data(as_text=True)
    return re.findall(r'class="card-title">([^<]+)<', html)


def test_meja_is_not_kemeja(client, make_product):
    make_product(title="Kemeja Batik Pria")
    make_product(title="Meja Ukir Jepara", craft="lukis")
    db.session.commit()
    assert _titles(client, "meja") == ["Meja Ukir Jepara"]
    assert _titles(client, "kemeja") == ["Kemeja Batik Pria"]
    assert _titles(client, "KEMEJA batik") == ["Kemeja Batik Pria"]


def test_accents_case_and_prefix_of_the_last_word(client, make_product):
    make_product(title="Tas Anyaman Pandan", description="Anyaman halus buatan Tasikmalaya")
    make_product(title="Café Batik Kopi", description="Taplak untuk kafe")
    db.session.commit()
    assert _titles(client, "cafe") == ["Café Batik Kopi"]
    assert _titles(client, "CAFÉ") == ["Café Batik Kopi"]
    assert _titles(client, "anya") == ["Tas Anyaman Pandan"]       # still typing
    assert _titles(client, "anya pandan") == []                    # only the last word is a prefix
    assert _titles(client, "pandan anya") == ["Tas Anyaman Pandan"]
    assert _titles(client, "tasikmalaya") == ["Tas Anyaman Pandan"]


def test_ranked_title_before_description(client, make_product):
    make_product(title="Sarung Tenun", description="Cocok dipadukan dengan selendang")
    make_product(title="Selendang Sutra", description="Sutra halus")
    db.session.commit()
    assert _titles(client, "selendang") == ["Selendang Sutra", "Sarung Tenun"]
    assert _titles(client, "selendang", sort="title") == ["Sarung Tenun", "Selendang Sutra"]


def test_index_follows_edits_deletes_and_group_renames(client, make_product, make_group):
    group = make_group(name="Sanggar Lama")
    product = make_product(title="Kebaya Encim", group=group)
    gone = make_product(title="Kebaya Hilang")
    db.session.commit()
    assert set(_titles(client, "kebaya")) == {"Kebaya Encim", "Kebaya Hilang"}
    product.title = "Blus Encim"
    db.session.delete(gone)
    db.session.commit()
    assert _titles(client, "kebaya") == []
    assert _titles(client, "blus") == ["Blus Encim"]
    assert _titles(client, "sanggar") == ["Blus Encim"]
    group.name = "Sanggar Baru Mekar"
    db.session.commit()
    assert _titles(client, "mekar") == ["Blus Encim"]
    assert _titles(client, "lama") == []


def test_core_inserts_are_indexed(app, make_group):
    """The demo's bulk loader inserts rows without the ORM: the triggers index them too."""
    group = make_group(name="Kelompok Massal")
    db.session.commit()
    ids = db.session.scalars(sa.insert(Product).returning(Product.id), [
        dict(group_id=group.id, title=f"Sajadah Rajut {n}", slug=f"sajadah-{n}", craft="jahit", kind="ready_made",
             status="published", description="") for n in range(3)]).all()
    db.session.execute(sa.insert(Variant), [dict(product_id=i, sku=f"S{i}", price=10_000, stock=1) for i in ids])
    db.session.commit()
    page = search_catalog(CatalogFilters.from_args({"q": "sajadah"}), per_page=10)
    assert sorted(row.id for row in page.items) == sorted(ids)


def test_migrated_database_searches(_fresh_database_url, tmp_path):  # noqa: F811  (the fixture)
    """The migration builds the same index the tests install beside create_all."""
    app = create_app({"TESTING": True, "DATABASE_URL": _fresh_database_url, "UPLOAD_DIR": str(tmp_path / "u"),
                      "MAIL_DIR": str(tmp_path / "m")})
    with app.app_context():
        try:
            flask_migrate.upgrade()
            region = Region(province="Jawa Timur", name="Tuban", slug="tuban")
            group = Group(name="Kelompok Pesisir", slug="pesisir", region=region, status="active")
            db.session.add_all([Product(title="Kemeja Tenun Gedog", slug="gedog", craft="tenun", group=group,
                                        status="published"),
                                Product(title="Meja Batik", slug="meja", craft="batik_tulis", group=group,
                                        status="published")])
            db.session.commit()
            found = search_catalog(CatalogFilters.from_args({"q": "kemeja"}), per_page=10)
            assert [db.session.get(Product, row.id).slug for row in found.items] == ["gedog"]
            assert search_catalog(CatalogFilters.from_args({"q": "pesisir ged"}), per_page=10).total == 1
        finally:
            db.session.remove()
            db.engine.dispose()
