"""The dashboard's table of groups: sorted by a column the admin picks (name, sales, members active, flags) and
paginated with the shared helper. Figures are computed for every group in the scope (totals and flags need
them all, in a fixed number of queries); only the rows of one page are drawn."""
from __future__ import annotations

from shop.impact.figures import GroupFigures, share
from shop.pagination import Page, paginate_list

GROUPS_PER_PAGE = 25
SORTS = ("nama", "penjualan", "aktif", "tanda")  # the query-string values (?urut=…)


def sort_of(value: str | None) -> str:
    """An unknown sort is ignored (the default: by name), never an error."""
    return value if value in SORTS else "nama"


def _key(sort: str):
    def name(g: GroupFigures):
        return (g.group.name.casefold(), g.group.id)

    if sort == "penjualan":
        return lambda g: (-g.sales, *name(g))
    if sort == "aktif":
        return lambda g: (-(share(len(g.active_ids), len(g.members)) or 0), *name(g))
    if sort == "tanda":
        return lambda g: (-sum(1 for f in g.flags if not f.growth), *name(g))
    return name


def group_page(groups: list[GroupFigures], sort: str, page: int) -> Page:
    return paginate_list(sorted(groups, key=_key(sort)), page, GROUPS_PER_PAGE)
