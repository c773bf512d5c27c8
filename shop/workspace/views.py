"""The coordinator's workspace (/kelola): every view is for coordinators and scoped to their own group."""
from shop.workspace import home, imports, members, photos, products, profile  # noqa: F401  (routes on bp)
from shop.workspace.base import bp  # noqa: F401
