"""One slug rule for products, groups and regions: the name, then the lowest free -2, -3, …"""
from shop.extensions import db
from shop.groups.models import Group
from shop.slugs import unique_slug


def test_free_name_is_used_as_is(app):
    assert unique_slug("Batik Mekar Sari", Group.slug) == "batik-mekar-sari"


def test_taken_name_gets_the_lowest_free_number(app, make_group):
    make_group(slug="batik-mekar")
    make_group(slug="batik-mekar-2")
    make_group(slug="batik-mekar-4")
    make_group(slug="batik-mekarsari")  # shares the prefix, not the name
    db.session.flush()
    assert unique_slug("Batik Mekar", Group.slug) == "batik-mekar-3"
    assert unique_slug("Batik_Mekar%", Group.slug) == "batik-mekar-3"  # LIKE wildcards in the name are plain text
