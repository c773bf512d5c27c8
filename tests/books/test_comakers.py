"""Co-makers (E3): a line is credited to every maker of its product by the product's shares, split exactly."""
from sqlalchemy import func, select

from shop.catalog.models import Product
from shop.catalog.queries import maker_shares
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.models import SalesCredit
from shop.ledger.services import member_balances
from shop.orders import services as orders
from tests.workspace.helpers import product_data


def credited(group_id):
    return dict(db.session.execute(select(SalesCredit.member_id, func.sum(SalesCredit.amount))
                                   .where(SalesCredit.group_id == group_id).group_by(SalesCredit.member_id)).all())


def test_e3_a_sale_is_credited_to_every_maker_equally_by_default(app, make_books, make_member, make_product,
                                                                 make_order):
    group = make_books(maker_share_percent=60)
    ujang, agus, asep = (make_member(group, name=n) for n in ("Ujang", "Agus", "Asep"))
    product = make_product(group=group, price=100_000, makers=[ujang, agus, asep])
    order = make_order([(product.variants[0], 1)])
    orders.mark_part_paid(order.parts[0])
    assert credited(group.id) == {ujang.id: 33_334, agus.id: 33_333, asep.id: 33_333}
    owed = member_balances(group.id, c.UTANG_ANGGOTA)  # 60 % of each maker's part, not all to the first
    assert owed == {ujang.id: -20_000, agus.id: -20_000, asep.id: -20_000}  # largest remainder
    assert sum(owed.values()) == -60_000


def test_e3_shares_edited_in_the_product_form_split_the_sale(coordinator, make_member, make_order):
    client, group, _user = coordinator
    rina, dede = make_member(group, name="Rina"), make_member(group, name="Dede")
    db.session.commit()
    data = product_data(makers=[str(rina.id), str(dede.id)], **{f"share_{rina.id}": "3", f"share_{dede.id}": "1"})
    assert client.post_form("/kelola/produk/baru", data).status_code == 302
    product = db.session.scalars(select(Product).where(Product.group_id == group.id)).one()
    assert maker_shares([product.id]) == {product.id: sorted([(rina.id, 3), (dede.id, 1)])}
    page = client.get(f"/kelola/produk/{product.id}/ubah").get_data(as_text=True)
    assert f'name="share_{rina.id}" value="3"' in page
    bad = dict(data, **{f"share_{dede.id}": "0"})
    assert client.post_form(f"/kelola/produk/{product.id}/ubah", bad).status_code == 200  # refused, shown
    assert maker_shares([product.id])[product.id] == sorted([(rina.id, 3), (dede.id, 1)])
    product.status = "published"
    order = make_order([(product.variants[0], 1)])  # Rp750.000
    orders.mark_part_paid(order.parts[0])
    assert credited(group.id) == {rina.id: 562_500, dede.id: 187_500}
