"""The import-linter contracts in pyproject.toml catch what they promise: a domain import inside shop.ledger."""
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return {c["id"]: c for c in config["contracts"]}


def test_the_contracts_cover_layers_the_ledger_and_cycles():
    found = contracts()
    assert {"layers", "ledger-alone", "no-package-cycles"} <= set(found)
    assert found["ledger-alone"]["source_modules"] == ["shop.ledger"]
    assert {"shop.orders", "shop.payments", "shop.coop", "shop.catalog"} <= set(found["ledger-alone"]["forbidden_modules"])
    assert found["no-package-cycles"]["type"] == "acyclic_siblings"
    assert not any(c.get("ignore_imports") for c in found.values())


def test_an_orders_import_inside_the_ledger_breaks_the_ledger_contract(tmp_path):
    shutil.copytree(ROOT / "shop", tmp_path / "shop", ignore=shutil.ignore_patterns("__pycache__", "translations"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with (tmp_path / "shop" / "ledger" / "chart.py").open("a") as fh:
        fh.write("\nfrom shop.orders import services as _orders  # noqa: E402\n")
    run = subprocess.run([str(LINT_IMPORTS), "--contract", "ledger-alone", "--no-cache"], cwd=tmp_path,
                         capture_output=True, text=True, env={"PYTHONPATH": str(tmp_path)})
    assert run.returncode == 1, run.stdout + run.stderr
    assert "shop.ledger is not allowed to import shop.orders" in run.stdout
    assert "shop.ledger.chart -> shop.orders.services" in run.stdout
