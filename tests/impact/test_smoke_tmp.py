from datetime import date

from shop.extensions import db
from shop.impact import flags
from shop.impact.figures import overview
from shop.impact.period import Period
from shop.impact.scope import Scope


def test_smoke(app, client, make_group, make_member, make_product, sell, make_user, login):
    g = make_group()
    m = make_member(g)
    p = make_product(group=g, makers=[m], stock=50)
    sell(p.variants[0], date(2026, 8, 3))
    sell(p.variants[0], date(2026, 9, 3), email="b@x.id")
    db.session.commit()
    ov = overview(Scope(), Period(date(2026, 11, 30)))
    flags.attach(ov.groups)
    print(ov.groups[0].months, ov.groups[0].flags, ov.buyers)
    login(make_user("admin"))
    r = client.get("/admin/dampak/")
    assert r.status_code == 200, r.get_data(as_text=True)[-3000:]
    r = client.get(f"/admin/dampak/kelompok/{g.id}")
    assert r.status_code == 200, r.get_data(as_text=True)[-3000:]
    for url in ["/admin/dampak/ekspor.xlsx", "/admin/dampak/ekspor.csv", f"/admin/dampak/kelompok/{g.id}/ekspor.csv?tabel=anggota",
                "/admin/dampak/laporan.pdf", f"/admin/dampak/kelompok/{g.id}/laporan.pdf"]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.get_data(as_text=True)[-3000:])
