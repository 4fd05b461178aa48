"""caches.clear reaches every memo in the package."""

from __future__ import annotations

import importlib
import pkgutil

import followup_cli
from followup_cli import caches
from followup_cli.normalize import fold


def _memos_in_package() -> dict[int, str]:
    found: dict[int, str] = {}
    for module_info in pkgutil.walk_packages(followup_cli.__path__, "followup_cli."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            memo = hasattr(value, "cache_clear") and not isinstance(value, type)
            if memo and getattr(value, "__module__", None) == module.__name__:
                found[id(value)] = f"{module.__name__}.{name}"
    return found


def test_every_memo_in_the_package_is_cleared() -> None:
    in_package = _memos_in_package()
    assert "followup_cli.normalize.fold" in in_package.values()
    assert sorted(in_package.values()) == sorted(in_package[id(memo)] for memo in caches.memos())


def test_clear_empties_them() -> None:
    fold("（予定）")
    assert fold.cache_info().currsize > 0
    caches.clear()
    assert fold.cache_info().currsize == 0
