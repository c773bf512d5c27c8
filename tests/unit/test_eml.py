"""shop.mail.eml writes the same bytes as the email package, on the plain path and on every other."""
from email import message_from_bytes
from email.utils import formatdate, make_msgid

from hypothesis import given, settings
from hypothesis import strategies as st

from shop.mail.eml import message_bytes, package_message

SENDER = "Pasar Karya <noreply@pasarkarya.id>"
DATE = formatdate(1_796_139_746, localtime=True)
MESSAGE_ID = make_msgid(domain="pasarkarya.id")
ORDER_MAIL = ("Terima kasih, Siti Rahma.\n\nPesanan PK-2612-ABCD sebesar Rp150.000 sudah kami terima.\n"
              "Lihat status dan cara pembayaran di:\nhttp://127.0.0.1:5000/pesanan/6JFLuQTzaxaL5-YicsF5WTWq\n\n"
              "Simpan tautan ini: siapa pun yang memilikinya bisa melihat pesanan Anda.")


def _same(to, subject, body, sender=SENDER, date=DATE, message_id=MESSAGE_ID):
    expected = bytes(package_message(to, subject, body, sender, date, message_id))
    assert message_bytes(to, subject, body, sender, date, message_id) == expected
    return expected


def test_order_mails_and_their_variants():
    _same("siti@contoh.id", "Pesanan PK-2612-ABCD diterima", ORDER_MAIL)
    _same("koordinator1@pasarkarya.id", "Pesanan baru PK-2612-ABCD", "Ada pesanan baru: 2\u00d7 Batik \u201cParang\u201d")
    _same("a.b-c+d@sub.contoh.co.id", "Pesanan PK-2612-ABCD: pembayaran Rp1.500.000 sudah diterima", "")
    _same("siti@contoh.id", "Subjek", "x" * 78 + "\n" + "y" * 79)  # a long line: quoted-printable
    _same("siti@contoh.id", "Subjek", "\n".join(["\u00e9" * 50] * 12))  # base64, more than 10 lines
    _same("siti@contoh.id", "Subjek", "\n".join(["a" * 90] * 12) + "\r\n\u00e9")  # quoted-printable, > 10 lines
    _same("siti@contoh.id", "Subjek", "\u00e9" * 40)  # 80 bytes on one line
    _same("siti@contoh.id", "Tautan =?utf-8?q?x?=", "x")
    _same("Siti Rahma <siti@contoh.id>", "S" * 69, "a\r\nb\rc\n\n")
    _same("siti@contoh.id", "S" * 70, "x")  # folded by the package
    _same('"Rahma, Siti" <siti@contoh.id>', "Pesanan \u00e9", "x")
    _same("siti@contoh.id", "Pesanan", "x", sender="noreply@pasarkarya.id", date=formatdate(0, localtime=True))
    parsed = message_from_bytes(message_bytes("siti@contoh.id", "Pesanan", ORDER_MAIL, SENDER, DATE, MESSAGE_ID))
    assert parsed["To"] == "siti@contoh.id" and "Rp150.000" in parsed.get_payload(decode=True).decode()


_ADDRESSES = st.sampled_from(["siti@contoh.id", "Siti Rahma <siti@contoh.id>", "a.b@c.d.id", "x@localhost",
                              '"Siti" <siti@contoh.id>', "siti..r@contoh.id", "Ni Luh <n@x.id>", "s@x.id (Siti)"])
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120)
_ASCII = st.text(st.characters(min_codepoint=9, max_codepoint=126), max_size=100)


@settings(max_examples=300, deadline=None)
@given(_ADDRESSES, st.one_of(_ASCII, _TEXT), st.one_of(_ASCII, _TEXT, st.lists(_ASCII).map("\n".join)))
def test_any_message_gives_the_package_bytes(to, subject, body):
    subject = " ".join(subject.split())  # as mail.services.subject_line leaves it: no newlines, single spaces
    _same(to, subject, body)


def test_order_mails_take_the_plain_path(monkeypatch):
    from shop.mail import eml

    long_line = "Ada pesanan baru PK-2612-ABCD untuk Kelompok Kenanga sebesar Rp150.000 (2\u00d7 Batik Tulis)."
    bodies = [ORDER_MAIL, ORDER_MAIL + "\n2\u00d7 Batik", long_line]
    expected = [bytes(package_message("siti@contoh.id", "Pesanan PK-2612-ABCD", body, SENDER, DATE, MESSAGE_ID))
                for body in bodies]
    monkeypatch.setattr(eml, "package_message", None)  # the package is not asked
    assert [message_bytes("siti@contoh.id", "Pesanan PK-2612-ABCD", body, SENDER, DATE, MESSAGE_ID)
            for body in bodies] == expected
