"""Every string the UI translates has Chinese text, the .qm matches the .ts, language choice."""

from __future__ import annotations

import ast
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator

from heatoffice import glossary, messages
from heatoffice.errors import UserError
from heatoffice.paths import resources_dir
from heatoffice.ui import i18n

PACKAGE = Path(__file__).resolve().parents[2] / "heatoffice"
# The UI's modules and the areas' manifests (their page titles), as pyside6-lupdate reads them.
SOURCES = sorted([*(PACKAGE / "ui").rglob("*.py"), *PACKAGE.glob("*/area.py")])
TS = resources_dir() / "i18n" / "heatoffice_zh_CN.ts"
QM = resources_dir() / "i18n" / "heatoffice_zh_CN.qm"


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def translated_strings() -> set[tuple[str, str]]:
    """(context, source) of every self.tr(...), translate(ctx, ...) and QT_TRANSLATE_NOOP."""
    found: set[tuple[str, str]] = set()

    class Visitor(ast.NodeVisitor):
        def __init__(self) -> None:
            self.classes: list[str] = []

        def visit_ClassDef(self, node: ast.ClassDef) -> None:
            self.classes.append(node.name)
            self.generic_visit(node)
            self.classes.pop()

        def visit_Call(self, node: ast.Call) -> None:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            args = [_literal(a) for a in node.args]
            if name == "tr" and args and args[0] is not None:
                assert self.classes, f"tr() outside a class at line {node.lineno}"
                found.add((self.classes[-1], args[0]))
            elif name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
                if args[0] is not None and args[1] is not None:
                    found.add((args[0], args[1]))
            self.generic_visit(node)

    for path in SOURCES:
        Visitor().visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def ts_translations() -> dict[tuple[str, str], str]:
    root = ET.parse(TS).getroot()
    out = {}
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation is not None and translation.get("type") is None
            out[(name, message.findtext("source"))] = (
                (translation.text or "") if finished else "")
    return out


def test_scanner_finds_the_ui_strings():
    strings = translated_strings()
    assert ("Pages", "Accounts") in strings
    assert ("LoginDialog", "Log in") in strings
    assert len(strings) > 80


def test_every_ui_string_has_a_chinese_translation():
    table = ts_translations()
    missing = sorted(s for s in translated_strings() if not table.get(s, "").strip())
    assert missing == []


def test_format_fields_survive_translation():
    table = ts_translations()
    for (context, source), text in table.items():
        fields = {p.split("}")[0] for p in source.split("{")[1:]}
        assert {p.split("}")[0] for p in text.split("{")[1:]} == fields, (context, source)


@pytest.mark.skipif(shutil.which("pyside6-lrelease") is None, reason="no pyside6-lrelease")
def test_qm_is_compiled_from_the_current_ts(tmp_path):
    out = tmp_path / "check.qm"
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on the .ts"


def test_qm_translates_the_ui_strings():
    translator = QTranslator()
    assert translator.load(str(QM))
    assert translator.translate("Pages", "Accounts") == "用户档案"
    assert translator.translate("Pages", "Organisation") == "组织机构"
    assert translator.translate("Pages", "Audit log") == "操作日志"
    assert translator.translate("AccountsPage", "New (Ctrl+N)") == "新建(Ctrl+N)"


def test_apply_language_switches_qt_messages_and_glossary():
    i18n.apply_language("en")
    assert QCoreApplication.translate("Pages", "Accounts") == "Accounts"
    assert messages.language() == glossary.current_language() == "en"
    assert UserError("auth.bad_login").message() == "wrong user name or password"
    assert glossary.label("payment_method", "wechat") == "WeChat"
    i18n.apply_language("zh")
    assert QCoreApplication.translate("Pages", "Accounts") == "用户档案"
    assert UserError("auth.bad_login").message() == "用户名或密码错误"
    assert glossary.label("payment_method", "wechat") == "微信"


def test_one_language_setting_for_messages_labels_and_the_ui():
    """Whoever sets the language (the CLI through messages, the glossary, the UI), all of
    them read the same one."""
    for lang, setter in (("en", glossary.set_language), ("zh", messages.set_language),
                         ("en", messages.set_language), ("zh", glossary.set_language)):
        setter(lang)
        assert i18n.language() == messages.language() == glossary.current_language() == lang
        assert UserError("auth.bad_login").message() == (
            "用户名或密码错误" if lang == "zh" else "wrong user name or password")
        assert glossary.label("role", "cashier") == ("收费员" if lang == "zh" else "cashier")


def test_language_choice_env_then_settings_then_chinese(monkeypatch):
    assert i18n.chosen_language() == "zh"
    i18n.store_language("en")
    assert QSettings().value(i18n.SETTINGS_KEY) == "en"
    assert i18n.chosen_language() == "en"
    monkeypatch.setenv("HEATOFFICE_LANG", "zh")
    assert i18n.chosen_language() == "zh"
    monkeypatch.setenv("HEATOFFICE_LANG", "en")
    i18n.store_language("zh")
    assert i18n.chosen_language() == "en"
    with pytest.raises(ValueError):
        i18n.store_language("fr")
