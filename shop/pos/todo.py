"""The cashier's to-do list on the dashboard: the running bazaars it is assigned to (open the till), the cash
drawers open at their tills (count and close), and the till sales in conflict there. Three queries."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from shop.accounts.dashboard import Todo
from shop.events.models import Event, EventCashier, Till, TillSale
from shop.extensions import db
from shop.pos.models import DrawerSession


def cashier_items(user) -> list[Todo]:
    mine = select(EventCashier.event_id).where(EventCashier.user_id == user.id)
    running = list(db.session.scalars(select(Event).where(Event.id.in_(mine), Event.status == "running")
                                      .order_by(Event.starts_on, Event.id)))
    todo = [Todo(1, _("Buka kasir %(event)s (sedang berlangsung)", event=e.name), "pos.till", {"event_id": e.id})
            for e in running]
    drawers = db.session.scalars(select(DrawerSession).join(Till, Till.id == DrawerSession.till_id)
                                 .where(DrawerSession.open_till_id.is_not(None), Till.event_id.in_(mine))
                                 .options(selectinload(DrawerSession.till).selectinload(Till.event))
                                 .order_by(DrawerSession.id))
    todo += [Todo(1, _("Laci kas %(till)s di %(event)s masih terbuka: hitung uang lalu tutup setelah berjualan",
                       till=s.till.name, event=s.till.event.name), "pos.drawer_page",
                  {"event_id": s.till.event_id, "till_id": s.till_id}) for s in drawers]
    conflicts = db.session.execute(select(Event.id, Event.name, func.count(TillSale.id))
                                   .join(TillSale, TillSale.event_id == Event.id)
                                   .where(Event.id.in_(mine), TillSale.status == "conflict")
                                   .group_by(Event.id, Event.name).order_by(Event.id)).all()
    todo += [Todo(n, ngettext("%(num)d penjualan bermasalah di %(event)s perlu diselesaikan",
                              "%(num)d penjualan bermasalah di %(event)s perlu diselesaikan", n, event=name),
                  "pos.conflicts", {"event_id": event_id}) for event_id, name, n in conflicts]
    return todo


__all__ = ["cashier_items"]
