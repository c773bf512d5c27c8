"""The shape every payment provider has (see shop.payments.providers for the registry and how to add one)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


class ProviderError(Exception):
    """The provider could not be reached or refused (start and refund raise it)."""


@dataclass(frozen=True)
class Method:
    """One way to pay, as stored in Order.payment_method and Payment.method.

    per_part: True when each group is paid on its own (one Payment per OrderPart: transfer to the group's bank,
    cash to the group); False when one payment covers the whole order and the platform holds it for the groups.
    hosted: the buyer is sent to the provider's page after the order commits (Provider.start returns its URL).
    confirmed_by_staff: a coordinator confirms the money arrived (slip checked, cash counted); otherwise only the
    provider's verified callback marks it paid.
    received_into: where the money lands in the group's books: "platform" (held by the platform for the group),
    "bank" (the group's own account) or "kas" (cash in hand).
    fee_from_provider: the provider reports its own fee for each payment (Xendit's transactions API); until it
    has, no fee is booked (the group's card rate is used only for methods without it).
    """

    code: str
    provider: str
    per_part: bool
    hosted: bool = False
    confirmed_by_staff: bool = False
    received_into: str = "kas"
    channels: frozenset[str] = field(default_factory=lambda: frozenset({"online"}))
    fee_from_provider: bool = False


@dataclass(frozen=True)
class Status:
    """What a provider says about one payment attempt now (a verified callback, or its API when asked).

    state: "open" (still payable), "paid", "expired" or "failed"; amount in whole rupiah and currency in lower
    case, as the provider reports them (checked against the order before anything is marked paid);
    payment_id: the provider's id of the money received; fee: its fee in rupiah when it says."""

    state: str
    amount: int | None = None
    currency: str = "idr"
    payment_id: str | None = None
    fee: int | None = None


@dataclass(frozen=True)
class Provider:
    """code: short name; methods: what it offers; enabled(): configured now (keys present);
    start(payment) -> URL of the provider's hosted page, called after the order committed (None: nothing to open);
    refund(payment, amount, key) -> the provider's refund id (None: money goes back by hand, e.g. a transfer);
    lookup(payment) -> Status of an opened attempt, asked from the provider's API (None: it cannot say), used by
    `flask shop reconcile-payments` so a lost callback loses nothing."""

    code: str
    methods: tuple[Method, ...]
    enabled: Callable[[], bool] = lambda: True
    start: Callable[[object], str | None] = lambda payment: None
    refund: Callable[[object, int, str], str | None] = lambda payment, amount, key: None
    lookup: Callable[[object], Status | None] = lambda payment: None
