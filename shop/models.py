"""Imports every domain's models so that SQLAlchemy and Alembic see all tables. Add new domains here."""
from shop.accounts.models import AccountToken, User  # noqa: F401
from shop.activity.models import ActivityLog  # noqa: F401
from shop.books.models import StatementNote  # noqa: F401
from shop.catalog.models import (  # noqa: F401
    Product,
    ProductImage,
    StockAdjustment,
    Variant,
    product_maker,
)
from shop.coop.models import CoopSettings, MemberContribution, ShuAllocation  # noqa: F401
from shop.custom_orders.models import (  # noqa: F401
    CustomOrder,
    Message,
    ReferencePhoto,
    StageChange,
    TailoringSettings,
    TemplateAdjustment,
    Wearer,
)
from shop.events.models import (  # noqa: F401
    Event,
    EventCashier,
    EventItem,
    EventOrganiser,
    EventParticipation,
    Settlement,
    Till,
    TillSale,
)
from shop.groups.models import Group, Member, Region  # noqa: F401
from shop.impact.models import ImpactNote  # noqa: F401
from shop.ledger.models import Account, BookSettings, ClosedYear, JournalEntry, Posting, SalesCredit  # noqa: F401
from shop.mail.models import OutboxMessage  # noqa: F401
from shop.orders.models import Order, OrderLine, OrderPart  # noqa: F401
from shop.payments.models import Payment, ProcessedEvent, Refund  # noqa: F401
from shop.pos.models import DrawerMovement, DrawerSession  # noqa: F401
