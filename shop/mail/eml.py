"""The bytes of an outgoing message as Python's email package writes them (`bytes(EmailMessage)` with the default
policy), made directly when the headers are plain, as every order mail's are: ASCII addresses and subject, each
header on one line. The package parses each header into a tree and folds it back, about 2 ms a message; for plain
headers that gives back the header as it was, so it is written as it is. The body is encoded by the package's own
choice of 7bit, 8bit, quoted-printable or base64 (email.contentmanager). Anything else (long or non-ASCII
headers, quoted names) goes through the package. tests/unit/test_eml.py checks both ways give the same bytes."""
from __future__ import annotations

import re
from email.contentmanager import _encode_text  # what EmailMessage.set_content() encodes a text body with
from email.message import EmailMessage
from email.policy import default as DEFAULT_POLICY

MAX_LINE = 78  # email.policy.default.max_line_length
_ATOM = r"[A-Za-z0-9_%+-]+"
_ADDRESS = rf"{_ATOM}(?:\.{_ATOM})*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
_PLAIN_ADDRESS = re.compile(rf"(?:[A-Za-z0-9]+(?: [A-Za-z0-9]+)* <{_ADDRESS}>|{_ADDRESS})")
_PLAIN_TEXT = re.compile(r"[\x21-\x7e]+(?: [\x21-\x7e]+)*")
_MESSAGE_ID = re.compile(r"<[\x21-\x3d\x3f-\x7e]+>")
_NEWLINES = re.compile(r"\r\n|\r")  # the generator writes every line end as the policy's "\n"


def package_message(to: str, subject: str, body: str, sender: str, date: str, message_id: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = to
    email["Subject"] = subject
    email["Date"] = date
    email["Message-ID"] = message_id
    email.set_content(body)
    return email


def message_bytes(to: str, subject: str, body: str, sender: str, date: str, message_id: str) -> bytes:
    """`bytes(package_message(...))`; `date` as email.utils.formatdate() writes it, `message_id` as make_msgid()."""
    headers = [("From", sender), ("To", to), ("Subject", subject), ("Date", date), ("Message-ID", message_id)]
    if not (_PLAIN_ADDRESS.fullmatch(sender) and _PLAIN_ADDRESS.fullmatch(to) and _plain_subject(subject)
            and _PLAIN_TEXT.fullmatch(date) and _MESSAGE_ID.fullmatch(message_id)
            and all(len(name) + 2 + len(value) <= MAX_LINE for name, value in headers)):
        return bytes(package_message(to, subject, body, sender, date, message_id))
    encoding, text = _encode_text(body, "utf-8", None, DEFAULT_POLICY)
    head = "".join(f"{name}: {value}\n" for name, value in headers)
    return (f'{head}Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: {encoding}\n'
            f"MIME-Version: 1.0\n\n{_NEWLINES.sub(chr(10), text)}").encode("ascii", "surrogateescape")


def _plain_subject(subject: str) -> bool:
    """One line of printable ASCII words between single spaces, and nothing the parser would read as an encoded
    word ("=?…?=")."""
    return bool(_PLAIN_TEXT.fullmatch(subject)) and "=?" not in subject
