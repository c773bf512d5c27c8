"""Products in the workspace: create, edit, variants without JavaScript, publish rules, archive, duplicate."""
import pytest
from sqlalchemy import select

from shop.catalog import services
from shop.catalog.models import Product, Variant
from shop.errors import InvalidTransition
from shop.extensions import db
from tests.workspace.helpers import product_data


def _only_product(group):
    return db.session.scalars(select(Product).where(Product.group_id == group.id)).one()


def test_create_product_with_two_sizes_and_idr_prices(coordinator, make_member):
    client, group, _user = coordinator
    maker = make_member(group, name="Bu Sri")
    db.session.commit()
    response = client.post_form("/kelola/produk/baru", product_data(makers=[str(maker.id)]))
    assert response.status_code == 302
    product = _only_product(group)
    assert product.status == "draft"
    assert [(v.size, v.price, v.stock) for v in product.variants] == [("M", 750_000, 3), ("L", 800_000, 2)]
    assert all(v.sku for v in product.variants)
    assert [m.name for m in product.makers] == ["Bu Sri"]
    html = client.get(f"/kelola/produk/{product.id}").get_data(as_text=True)
    assert "Rp750.000" in html and "Stok awal" in html


def test_new_form_has_blank_rows_and_more_rows_button_adds_rows_without_saving(coordinator):
    client, group, _user = coordinator
    html = client.get("/kelola/produk/baru").get_data(as_text=True)
    assert 'id="variants-2-size"' in html and 'id="variants-3-size"' not in html
    response = client.post_form("/kelola/produk/baru", dict(product_data(), more_rows="1"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="variants-4-size"' in html
    assert 'value="Kemeja Batik Parang"' in html  # typed data kept
    assert db.session.scalar(select(Product.id).where(Product.group_id == group.id)) is None


@pytest.mark.parametrize("data, field_id, message", [
    (product_data(title=""), "title", "Isi nama produk."),
    (product_data(kind="made_to_order"), "lead_time_days", "Isi lama pengerjaan"),
    (product_data(kind="made_to_measure", lead_time_days="0"), "lead_time_days", "1 sampai 365"),
    (product_data(rows=(("M", "tujuh ratus", "1"),)), "variants-0-price", "Harga harus angka rupiah"),
    (product_data(rows=(("M", "100000", "-1"),)), "variants-0-stock", "Stok 0 sampai 100.000"),
    (product_data(rows=(("M", "100000", "dua"),)), "variants-0-stock", "angka bulat"),
    (product_data(rows=()), "variants-0-size", "Isi setidaknya satu pilihan"),
    (product_data(craft="plastik"), "craft", "Pilih salah satu dari daftar"),
    (product_data(kind="spaceship"), "kind", "Pilih salah satu dari daftar"),
])
def test_bad_product_input_shows_error_at_field_and_saves_nothing(coordinator, data, field_id, message):
    client, group, _user = coordinator
    response = client.post_form("/kelola/produk/baru", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert f'href="#{field_id}"' in html  # the summary links to the field
    assert db.session.scalar(select(Product.id).where(Product.group_id == group.id)) is None


def test_duplicate_sku_in_form_or_in_shop_refused(coordinator, make_product):
    client, group, _user = coordinator
    make_product(title="Lain", sizes=("S",))  # another group's product owns SKU of the form T<n>-0
    taken = db.session.scalars(select(Variant.sku)).first()
    db.session.commit()
    data = product_data()
    data["variants-0-sku"] = taken
    html = client.post_form("/kelola/produk/baru", data).get_data(as_text=True)
    assert f"Kode SKU {taken} sudah dipakai" in html and 'id="variants-0-sku-error"' in html
    data = product_data()
    data["variants-0-sku"] = data["variants-1-sku"] = "KMJ-01"
    html = client.post_form("/kelola/produk/baru", data).get_data(as_text=True)
    assert "Kode SKU KMJ-01 sudah dipakai" in html
    assert db.session.scalar(select(Product.id).where(Product.group_id == group.id)) is None


def test_makers_must_be_current_members_of_own_group(coordinator, make_member, make_group):
    client, group, _user = coordinator
    left = make_member(group, name="Sudah Keluar")
    from datetime import date
    left.left_on = date(2024, 1, 1)
    stranger = make_member(make_group(), name="Orang Lain")
    db.session.commit()
    for member in (left, stranger):
        html = client.post_form("/kelola/produk/baru", product_data(makers=[str(member.id)])).get_data(as_text=True)
        assert "anggota aktif kelompok Anda" in html
    assert "Sudah Keluar" not in client.get("/kelola/produk/baru").get_data(as_text=True)
    assert db.session.scalar(select(Product.id).where(Product.group_id == group.id)) is None


def test_edit_changes_removes_and_adds_variants(coordinator, make_product):
    client, group, _user = coordinator
    product = make_product(group=group, sizes=("S", "M"), status="draft")
    s, m = product.variants
    db.session.commit()
    html = client.get(f"/kelola/produk/{product.id}/ubah").get_data(as_text=True)
    assert 'value="250.000"' in html and "Stok sekarang: 5" in html
    data = product_data(rows=())
    data.update({"variants-0-id": str(s.id), "variants-0-size": "S", "variants-0-price": "260.000",
                 "variants-0-sku": s.sku,
                 "variants-1-id": str(m.id), "variants-1-size": "M", "variants-1-price": "250000",
                 "variants-1-sku": m.sku, "variants-1-remove": "y",
                 "variants-2-id": "", "variants-2-size": "XL", "variants-2-price": "300.000", "variants-2-stock": "1"})
    assert client.post_form(f"/kelola/produk/{product.id}/ubah", data).status_code == 302
    db.session.expire_all()
    product = db.session.get(Product, product.id)
    assert [(v.size, v.price, v.stock) for v in product.variants] == [("S", 260_000, 5), ("XL", 300_000, 1)]


def test_variant_id_of_another_product_is_404(coordinator, make_product):
    client, group, _user = coordinator
    mine = make_product(group=group)
    other = make_product(group=group)
    db.session.commit()
    data = product_data(rows=(("S", "1000", ""),))
    data["variants-0-id"] = str(other.variants[0].id)
    assert client.post_form(f"/kelola/produk/{mine.id}/ubah", data).status_code == 404
    data["variants-0-id"] = "abc"
    assert client.post_form(f"/kelola/produk/{mine.id}/ubah", data).status_code == 404


def test_publish_needs_a_priced_variant_then_appears_in_catalogue(coordinator, make_product):
    client, group, _user = coordinator
    product = make_product(group=group, title="Selendang Sutra", status="draft", price=0)
    db.session.commit()
    page = f"/kelola/produk/{product.id}"
    html = client.post_form(f"{page}/status", {"to": "publish"}, token_page=page,
                            follow_redirects=True).get_data(as_text=True)
    assert "Beri harga pada setiap pilihan" in html
    assert db.session.get(Product, product.id).status == "draft"
    product.variants[0].price = 120_000
    db.session.commit()
    html = client.post_form(f"{page}/status", {"to": "publish"}, token_page=page,
                            follow_redirects=True).get_data(as_text=True)
    assert "sekarang tayang" in html
    assert 'card-title">Selendang Sutra' in client.get("/katalog").get_data(as_text=True)
    client.post_form(f"{page}/status", {"to": "unpublish"}, token_page=page)
    assert 'card-title">Selendang Sutra' not in client.get("/katalog").get_data(as_text=True)
    assert client.post_form(f"{page}/status", {"to": "explode"}, token_page=page).status_code == 400


def test_transition_table(app, make_product):
    product = make_product(status="archived")
    with app.test_request_context():
        _transitions(product)


def _transitions(product):
    with pytest.raises(InvalidTransition):
        services.change_status(product, "published")
    services.change_status(product, "draft")
    with pytest.raises(InvalidTransition):
        services.change_status(product, "draft")
    with pytest.raises(InvalidTransition):
        services.change_status(product, "sold")
    assert services.PRODUCT_TRANSITIONS["published"] == {"draft", "archived"}


def test_archive_asks_for_confirmation(coordinator, make_product):
    client, group, _user = coordinator
    product = make_product(group=group, title="Tas Anyaman")
    db.session.commit()
    html = client.get(f"/kelola/produk/{product.id}/arsip").get_data(as_text=True)
    assert "Ya, arsipkan" in html
    assert db.session.get(Product, product.id).status == "published"
    assert client.post_form(f"/kelola/produk/{product.id}/arsip").status_code == 302
    db.session.expire_all()
    assert db.session.get(Product, product.id).status == "archived"
    assert 'card-title">Tas Anyaman' not in client.get("/katalog").get_data(as_text=True)


def test_duplicate_makes_a_draft_copy_with_new_skus(coordinator, make_product):
    client, group, _user = coordinator
    product = make_product(group=group, title="Kebaya Encim", sizes=("S", "M"))
    db.session.commit()
    page = f"/kelola/produk/{product.id}"
    response = client.post_form(f"{page}/salin", token_page=page)
    assert response.status_code == 302
    copy = db.session.scalars(select(Product).where(Product.title == "Kebaya Encim (salinan)")).one()
    assert copy.status == "draft" and copy.group_id == group.id
    assert [v.size for v in copy.variants] == ["S", "M"] and all(v.stock == 0 for v in copy.variants)
    assert not {v.sku for v in copy.variants} & {v.sku for v in product.variants}


def test_list_filters_by_status(coordinator, make_product):
    client, group, _user = coordinator
    make_product(group=group, title="Tayang Satu")
    make_product(group=group, title="Draf Dua", status="draft")
    make_product(title="Milik Kelompok Lain")
    db.session.commit()
    html = client.get("/kelola/produk").get_data(as_text=True)
    assert "Tayang Satu" in html and "Draf Dua" in html and "Milik Kelompok Lain" not in html
    html = client.get("/kelola/produk?status=draft").get_data(as_text=True)
    assert "Draf Dua" in html and "Tayang Satu" not in html
    assert client.get("/kelola/produk?status=nonsense").status_code == 200
    html = client.get("/kelola/produk?status=archived").get_data(as_text=True)
    assert "Tidak ada produk dengan status ini" in html


def test_published_product_cannot_lose_its_last_price(coordinator, make_product):
    client, group, _user = coordinator
    product = make_product(group=group, sizes=("M",))
    variant = product.variants[0]
    db.session.commit()
    data = product_data(rows=())
    data.update({"variants-0-id": str(variant.id), "variants-0-size": "M", "variants-0-price": "",
                 "variants-0-sku": variant.sku})
    html = client.post_form(f"/kelola/produk/{product.id}/ubah", data).get_data(as_text=True)
    assert "harus punya harga lebih dari Rp0" in html
    db.session.expire_all()
    assert db.session.get(Variant, variant.id).price == 250_000
