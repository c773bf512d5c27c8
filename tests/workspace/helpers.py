"""Form data builders shared by the workspace tests."""
from __future__ import annotations


def product_data(rows=(("M", "750.000", "3"), ("L", "800000", "2")), **fields) -> dict:
    data = {"title": "Kemeja Batik Parang", "description": "Katun, motif parang.", "craft": "batik_tulis",
            "kind": "ready_made", "lead_time_days": ""}
    data.update(fields)
    for i, (size, price, stock) in enumerate(rows):
        data.update({f"variants-{i}-size": size, f"variants-{i}-price": price, f"variants-{i}-stock": stock,
                     f"variants-{i}-colour": "", f"variants-{i}-sku": "", f"variants-{i}-id": ""})
    return data
