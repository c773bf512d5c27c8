"""Which groups a page is about: filters by province, region, craft and group, read from the query string
(unknown values are ignored, never an error), and the one statement that selects those groups' ids."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import Select, literal, select

from shop.crafts import CRAFTS
from shop.groups.models import Group, Region
from shop.text import parse_int


@dataclass(frozen=True)
class Scope:
    province: str = ""
    region_id: int | None = None
    craft: str = ""
    group_id: int | None = None

    def args(self) -> dict:
        """The query-string form (for links and exports), empty filters left out."""
        names = {"province": "provinsi", "region_id": "wilayah", "craft": "kerajinan", "group_id": "kelompok"}
        return {names[k]: v for k, v in asdict(self).items() if v not in ("", None)}


def from_args(args, provinces: list[str]) -> Scope:
    province = args.get("provinsi", "")
    craft = args.get("kerajinan", "")
    region = parse_int(args.get("wilayah"), 0, 0, 10**9) or None
    group = parse_int(args.get("kelompok"), 0, 0, 10**9) or None
    return Scope(province if province in provinces else "", region, craft if craft in CRAFTS else "", group)


def group_ids(scope: Scope) -> Select:
    """The active groups in the scope (one chosen group whatever its status), as a SELECT of ids to use in
    IN (...): one statement whatever their number."""
    stmt = select(Group.id) if scope.group_id else select(Group.id).where(Group.status == "active")
    if scope.province:
        stmt = stmt.join(Region, Region.id == Group.region_id).where(Region.province == scope.province)
    if scope.region_id:
        stmt = stmt.where(Group.region_id == scope.region_id)
    if scope.craft:
        stmt = stmt.where((literal(",") + Group.crafts + literal(",")).like(f"%,{scope.craft},%"))
    if scope.group_id:
        stmt = stmt.where(Group.id == scope.group_id)
    return stmt
