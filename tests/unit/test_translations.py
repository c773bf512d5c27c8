"""Every string the code and templates mark for translation has an English translation that keeps its
placeholders. (Run `make translations-update` after adding strings, then translate the new msgids.)"""
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")


def _extracted() -> set[str]:
    method_map = [("shop/**.py", "python"), ("templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, keywords=keywords):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_marked_string_is_translated_to_english():
    with open(ROOT / "shop/translations/en/LC_MESSAGES/messages.po", "rb") as fh:
        catalog = read_po(fh, locale="en")
    translated = {}
    for message in catalog:
        if message.id:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            translated[key] = message.string
    missing = sorted(m for m in _extracted() if not translated.get(m)
                     or (isinstance(translated[m], tuple) and not all(translated[m])))
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"
    for msgid, text in translated.items():
        texts = text if isinstance(text, tuple) else (text,)
        for t in texts:
            if t:
                assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(t)), (msgid, t)
