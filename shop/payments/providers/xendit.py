"""QRIS and bank virtual accounts through Xendit's Payment Request API, with the maintained `xendit-python` SDK.

SHOP_XENDIT_SECRET_KEY switches it on (no key: enabled() is False and the registry offers none of these methods);
SHOP_XENDIT_CALLBACK_TOKEN is the dashboard's callback verification token, checked on every callback;
SHOP_XENDIT_API_BASE points the SDK at another base URL (the tests run a fake Xendit on 127.0.0.1).

Every attempt is one payment request whose reference_id is `pk-pay-<payment id>` (the callback names it) and
whose idempotency key is fixed per attempt, so a retry never opens a second QRIS code or virtual account.
`create_qris()` is usable on its own (the bazaar till: a dynamic QRIS per sale, with the till's own reference).
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import urllib3
import xendit
from flask import current_app
from xendit.apis import PaymentRequestApi, RefundApi, TransactionApi
from xendit.payment_request.model.payment_method_parameters import PaymentMethodParameters
from xendit.payment_request.model.payment_method_reusability import PaymentMethodReusability
from xendit.payment_request.model.payment_method_type import PaymentMethodType
from xendit.payment_request.model.payment_request_currency import PaymentRequestCurrency
from xendit.payment_request.model.payment_request_parameters import PaymentRequestParameters
from xendit.payment_request.model.qr_code_channel_code import QRCodeChannelCode
from xendit.payment_request.model.qr_code_channel_properties import QRCodeChannelProperties
from xendit.payment_request.model.qr_code_parameters import QRCodeParameters
from xendit.payment_request.model.virtual_account_channel_code import VirtualAccountChannelCode
from xendit.payment_request.model.virtual_account_channel_properties import VirtualAccountChannelProperties
from xendit.payment_request.model.virtual_account_parameters import VirtualAccountParameters
from xendit.refund.model.create_refund import CreateRefund

from shop.models_base import utcnow
from shop.payments.providers.base import Method, Provider, ProviderError, Status
from shop.urls import external_url

REFERENCE_PREFIX = "pk-pay-"
QRIS = "xendit_qris"
#: method code -> (Xendit channel code, the bank's name as buyers know it)
BANKS = {"xendit_va_bca": ("BCA", "BCA"), "xendit_va_bni": ("BNI", "BNI"), "xendit_va_bri": ("BRI", "BRI"),
         "xendit_va_mandiri": ("MANDIRI", "Mandiri"), "xendit_va_permata": ("PERMATA", "Permata")}
TIMEOUT = (3, 10)  # seconds to connect, to read: a slow gateway must not hold a buyer's request for long
STATES = {"SUCCEEDED": "paid", "EXPIRED": "expired", "CANCELED": "expired", "VOIDED": "expired",
          "FAILED": "failed"}  # anything else (PENDING, REQUIRES_ACTION, ...) is still open
ERRORS = (xendit.OpenApiException, urllib3.exceptions.HTTPError, OSError, ValueError)


@dataclass(frozen=True)
class Code:
    """An opened payment request: its id, what the buyer scans or types (QR string or VA number), its expiry
    (naive UTC) and the amount Xendit will accept."""

    request_id: str
    code: str
    expires_at: datetime | None
    amount: int


def enabled() -> bool:
    return bool(current_app.config.get("XENDIT_SECRET_KEY"))


def verify_token(header: str | None) -> bool:
    """The callback's X-CALLBACK-TOKEN against the configured token, in constant time (no token: refuse)."""
    expected = current_app.config.get("XENDIT_CALLBACK_TOKEN") or ""
    return bool(expected) and hmac.compare_digest((header or "").encode(), expected.encode())


def _client() -> xendit.ApiClient:
    cfg = current_app.config
    configuration = xendit.Configuration(host=cfg.get("XENDIT_API_BASE") or None, api_key=cfg["XENDIT_SECRET_KEY"])
    configuration.retries = 0
    return xendit.ApiClient(configuration)


def _as_dict(model) -> dict:
    return model.to_dict() if hasattr(model, "to_dict") else dict(model or {})


def _naive(moment) -> datetime | None:
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return None
    if not isinstance(moment, datetime):
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _create(reference: str, amount: int, description: str, method: PaymentMethodParameters, key: str,
            metadata: dict | None = None) -> dict:
    params = PaymentRequestParameters(currency=PaymentRequestCurrency("IDR"), amount=float(amount),
                                      reference_id=reference, description=description[:255],
                                      payment_method=method, metadata=metadata or {"reference": reference})
    try:
        with _client() as client:
            made = PaymentRequestApi(client).create_payment_request(
                idempotency_key=key, payment_request_parameters=params, _request_timeout=TIMEOUT)
    except ERRORS as err:
        raise ProviderError(str(err)[:500]) from err
    return _as_dict(made)


def _code(request: dict, kind: str, field: str) -> Code:
    props = ((request.get("payment_method") or {}).get(kind) or {}).get("channel_properties") or {}
    if not request.get("id") or not props.get(field):
        raise ProviderError(f"Xendit answered without a {field}")
    return Code(str(request["id"]), str(props[field]), _naive(props.get("expires_at")),
                round(float(request.get("amount") or 0)))


def create_qris(amount: int, reference: str, description: str = "Pasar Karya", expires_at: datetime | None = None,
                idempotency_key: str | None = None) -> Code:
    """A dynamic QRIS for exactly `amount` rupiah under `reference` (the callback names it). Raises ProviderError."""
    expires_at = expires_at or utcnow() + timedelta(minutes=int(current_app.config["XENDIT_QRIS_MINUTES"]))
    method = PaymentMethodParameters(
        type=PaymentMethodType("QR_CODE"), reusability=PaymentMethodReusability("ONE_TIME_USE"),
        reference_id=reference, qr_code=QRCodeParameters(
            channel_code=QRCodeChannelCode("QRIS"),
            channel_properties=QRCodeChannelProperties(expires_at=expires_at.replace(tzinfo=UTC))))
    return _code(_create(reference, amount, description, method, idempotency_key or f"pasar-karya-{reference}"),
                 "qr_code", "qr_string")


def create_virtual_account(bank: str, amount: int, reference: str, customer_name: str, description: str,
                           expires_at: datetime, idempotency_key: str) -> Code:
    """A one-time virtual account at `bank` (a Xendit channel code: BCA, BNI, ...) for exactly `amount`."""
    method = PaymentMethodParameters(
        type=PaymentMethodType("VIRTUAL_ACCOUNT"), reusability=PaymentMethodReusability("ONE_TIME_USE"),
        reference_id=reference, virtual_account=VirtualAccountParameters(
            channel_code=VirtualAccountChannelCode(bank), amount=float(amount),
            channel_properties=VirtualAccountChannelProperties(customer_name=customer_name[:60] or "Pembeli",
                                                               expires_at=expires_at.replace(tzinfo=UTC))))
    return _code(_create(reference, amount, description, method, idempotency_key), "virtual_account",
                 "virtual_account_number")


def bank_of(method_code: str) -> str:
    """The bank's name for a virtual-account method ("" for QRIS)."""
    return BANKS.get(method_code, ("", ""))[1]


def start(payment) -> str:
    """Open (or get back, by idempotency key) the QRIS code or virtual account of this attempt, keep it on the
    payment and return the order page, which shows it. Raises ProviderError when Xendit cannot be reached."""
    order = payment.order
    if not payment.provider_session_id:
        reference, key = f"{REFERENCE_PREFIX}{payment.id}", f"pasar-karya-xendit-{payment.id}"
        description = f"Pasar Karya {order.number}"
        if payment.method == QRIS:
            code = create_qris(payment.amount, reference, description, idempotency_key=key)
        else:
            hours = int(current_app.config["XENDIT_VA_HOURS"])
            code = create_virtual_account(BANKS[payment.method][0], payment.amount, reference, order.buyer_name,
                                          description, utcnow() + timedelta(hours=hours), key)
        if code.amount != payment.amount:
            raise ProviderError("Xendit opened a request for another amount")
        payment.provider_session_id = code.request_id
        payment.payment_code = code.code
        payment.expires_at = code.expires_at
    return external_url("orders.show", token=order.token) + "#bayar"


def fetch_fee(reference: str) -> int | None:
    """Xendit's fee (its fee plus the VAT on it) for the money received under `reference`, from the
    transactions API; None when it does not list the payment yet. Raises ProviderError."""
    try:
        with _client() as client:
            found = TransactionApi(client).get_all_transactions(reference_id=reference, types=["PAYMENT"],
                                                                _request_timeout=TIMEOUT)
    except ERRORS as err:
        raise ProviderError(str(err)[:500]) from err
    rows = [_as_dict(t) for t in _as_dict(found).get("data") or []]
    fees = [row.get("fee") or {} for row in rows if str(row.get("currency", "")).upper() == "IDR"]
    if not fees:
        return None
    return sum(round(float(f.get("xendit_fee") or 0) + float(f.get("value_added_tax") or 0)) for f in fees)


def request_status(request_id: str, reference: str | None = None) -> Status:
    """What Xendit says now about one payment request (the fee too, once paid). Raises ProviderError."""
    try:
        with _client() as client:
            found = _as_dict(PaymentRequestApi(client).get_payment_request_by_id(request_id,
                                                                                 _request_timeout=TIMEOUT))
    except ERRORS as err:
        raise ProviderError(str(err)[:500]) from err
    state = STATES.get(str(found.get("status", "")).upper(), "open")
    fee = fetch_fee(reference or str(found.get("reference_id") or "")) if state == "paid" else None
    amount = found.get("amount")
    return Status(state, round(float(amount)) if amount is not None else None,
                  str(found.get("currency", "")).lower(), str(found.get("id") or request_id), fee)


def lookup(payment) -> Status | None:
    if not payment.provider_session_id:
        return None
    return request_status(payment.provider_session_id, f"{REFERENCE_PREFIX}{payment.id}")


def refund_payment(payment, amount: int, key: str) -> str | None:
    """QRIS money goes back through Xendit's refund API; a virtual account cannot be refunded by API (the
    platform transfers it back by hand: None)."""
    if payment.method != QRIS:
        return None
    body = CreateRefund(payment_request_id=payment.provider_session_id, reference_id=key, amount=float(amount),
                        currency="IDR", reason="REQUESTED_BY_CUSTOMER")
    try:
        with _client() as client:
            made = _as_dict(RefundApi(client).create_refund(idempotency_key=key, create_refund=body,
                                                            _request_timeout=TIMEOUT))
    except ERRORS as err:
        raise ProviderError(str(err)[:500]) from err
    if not made.get("id"):
        raise ProviderError("Xendit answered without a refund id")
    return str(made["id"])


def _method(code: str) -> Method:
    return Method(code=code, provider="xendit", per_part=False, hosted=True, received_into="platform",
                  fee_from_provider=True)


PROVIDER = Provider(code="xendit", enabled=enabled, start=start, refund=refund_payment, lookup=lookup,
                    methods=(_method(QRIS), *(_method(code) for code in BANKS)))
