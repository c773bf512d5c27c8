"""What the dashboard lists per role: each domain that has work for a role (the bazaar for organisers and
cashiers) registers a function here from the wiring (shop/web.py), so accounts never imports those domains.
A function takes the signed-in user and returns its to-do items, only those with something waiting."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Todo:
    count: int
    text: str
    endpoint: str
    args: dict = field(default_factory=dict)
    anchor: str = ""


Section = Callable[[object], list[Todo]]
_SECTIONS: dict[str, list[Section]] = {}


def register(role: str, section: Section) -> None:
    """Add a role's to-do source (once: an app made twice in one process does not list things twice)."""
    sections = _SECTIONS.setdefault(role, [])
    if section not in sections:
        sections.append(section)


def has_sections(role: str) -> bool:
    return bool(_SECTIONS.get(role))


def items_for(user) -> list[Todo]:
    return [todo for section in _SECTIONS.get(user.role, []) for todo in section(user) if todo.count]
