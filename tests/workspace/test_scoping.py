"""A coordinator reaches only their own group: other groups' ids give 404 for GET and POST; other roles are kept out."""
import pytest

from shop.extensions import db
from tests.workspace.helpers import product_data


@pytest.fixture
def foreign(coordinator, make_group, make_product, make_member):
    """The signed-in coordinator, plus a product (with variant and photo) and member of another group."""
    client, group, _user = coordinator
    other = make_group(name="Kelompok Tetangga")
    product = make_product(group=other, title="Milik Tetangga", image=True)
    member = make_member(other, name="Anggota Tetangga")
    own = make_product(group=group, title="Milik Sendiri", image=True)
    db.session.commit()
    return client, {"product_id": product.id, "variant_id": product.variants[0].id,
                    "image_id": product.images[0].id, "member_id": member.id,
                    "own_product_id": own.id, "own_variant_id": own.variants[0].id, "own_image_id": own.images[0].id}


def _urls(ids):
    p, v, i, m = ids["product_id"], ids["variant_id"], ids["image_id"], ids["member_id"]
    own_p = ids["own_product_id"]
    return {
        "workspace.member_edit": f"/kelola/anggota/{m}/ubah",
        "workspace.member_leave": f"/kelola/anggota/{m}/keluar",
        "workspace.product": f"/kelola/produk/{p}",
        "workspace.product_edit": f"/kelola/produk/{p}/ubah",
        "workspace.product_status": f"/kelola/produk/{p}/status",
        "workspace.product_archive": f"/kelola/produk/{p}/arsip",
        "workspace.product_duplicate": f"/kelola/produk/{p}/salin",
        "workspace.stock_adjust": f"/kelola/produk/{p}/varian/{v}/stok",
        "workspace.photos_page": f"/kelola/produk/{p}/foto",
        "workspace.photo_move": f"/kelola/produk/{p}/foto/{i}/geser",
        "workspace.photo_main": f"/kelola/produk/{p}/foto/{i}/utama",
        "workspace.photo_alt": f"/kelola/produk/{p}/foto/{i}/keterangan",
        "workspace.photo_delete": f"/kelola/produk/{p}/foto/{i}/hapus",
        # own product, but a variant / photo of the other group's product
        "own.stock_adjust": f"/kelola/produk/{own_p}/varian/{v}/stok",
        "own.photo_move": f"/kelola/produk/{own_p}/foto/{i}/geser",
        "own.photo_delete": f"/kelola/produk/{own_p}/foto/{i}/hapus",
    }


def test_every_route_with_an_id_is_covered(app, foreign):
    _client, ids = foreign
    with_ids = {rule.endpoint for rule in app.url_map.iter_rules()
                if rule.endpoint.startswith("workspace.") and rule.arguments}
    assert with_ids <= set(_urls(ids))


def test_foreign_ids_are_404_for_get_and_post(app, foreign):
    client, ids = foreign
    token = client.csrf_token("/kelola")
    payload = {"csrf_token": token, "to": "publish", "direction": "up", "name": "Dicuri", "left_on": "2024-01-01",
               **product_data()}
    for name, url in _urls(ids).items():
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == name.replace("own.", "workspace."))
        if "GET" in rule.methods:
            assert client.get(url).status_code == 404, url
        if "POST" in rule.methods:
            assert client.post(url, data=payload).status_code == 404, url
    from shop.catalog.models import Product, ProductImage
    from shop.groups.models import Member

    db.session.expire_all()
    assert db.session.get(Product, ids["product_id"]).status == "published"
    assert db.session.get(Member, ids["member_id"]).name == "Anggota Tetangga"
    assert db.session.get(ProductImage, ids["image_id"]) is not None


def test_variant_of_own_group_but_other_product_is_404(foreign, make_product):
    client, ids = foreign
    url = f"/kelola/produk/{ids['own_product_id']}/varian/{ids['variant_id']}/stok"
    assert client.post_form(url, {}, token_page="/kelola").status_code == 404


def test_lists_show_only_own_group(foreign):
    client, _ids = foreign
    for url in ("/kelola", "/kelola/produk", "/kelola/anggota", "/kelola/stok-menipis", "/kelola/aktivitas"):
        html = client.get(url).get_data(as_text=True)
        assert "Milik Tetangga" not in html and "Anggota Tetangga" not in html and "Kelompok Tetangga" not in html


def test_anonymous_redirected_and_other_roles_forbidden(app, client, make_user, login):
    rules = [rule for rule in app.url_map.iter_rules()
             if rule.endpoint.startswith("workspace.") and not rule.arguments]
    workspace_urls = [rule.rule for rule in rules if "GET" in rule.methods]
    assert "/kelola" in workspace_urls and "/kelola/impor" in workspace_urls
    for rule in rules:
        if "GET" in rule.methods:
            response = client.get(rule.rule)
        else:
            response = client.post_form(rule.rule, {}, token_page="/masuk")
        assert response.status_code == 302 and "/masuk" in response.headers["Location"], rule.rule
    login(make_user("admin"))
    for url in workspace_urls:
        assert client.get(url).status_code == 403, url
    assert client.post_form("/kelola/impor/simpan", {}, token_page="/dasbor").status_code == 403


def test_post_without_csrf_token_refused(foreign):
    client, ids = foreign
    url = f"/kelola/produk/{ids['own_product_id']}/status"
    assert client.post(url, data={"to": "unpublish"}).status_code == 400
    assert client.post("/kelola/profil", data={"story": "x"}).status_code == 400
