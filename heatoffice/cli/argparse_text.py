"""argparse's own texts (usage, section titles, its error messages) in the command's language.

argparse asks gettext for each of its texts (``_("usage: ")``); while :func:`translated` is
active those calls are answered from the table below through ``glossary.pick``, so a wrong
command line is explained in the language of the rest of the program. A text missing here
(a newer Python's) stays English.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from heatoffice import glossary

# argparse's message id (its English text) -> the Chinese text; the %-fields stay as they are.
CHINESE: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "subcommands": "子命令",
    "show this help message and exit": "显示此帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "没有命令 %(parser_name)r（可选：%(choices)s）",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多接受一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "此选项不接受值：%r",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项不明确：%(option)s 可指 %(matches)s",
    "unexpected option string: %s": "多余的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}


def gettext(message: str) -> str:
    """argparse's ``_()``: the text in the glossary's current language."""
    chinese = CHINESE.get(message)
    return message if chinese is None else glossary.pick(chinese, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


@contextmanager
def translated() -> Iterator[None]:
    """While active, argparse (building a parser, parsing, printing usage and help) speaks
    the glossary's language. argparse took ``_`` and ``ngettext`` from gettext when it was
    imported and looks them up at each call, so they are swapped for the block only."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    setattr(argparse, "_", gettext)  # noqa: B010 - the name is private to argparse
    setattr(argparse, "ngettext", ngettext)  # noqa: B010
    try:
        yield
    finally:
        setattr(argparse, "_", saved[0])  # noqa: B010
        setattr(argparse, "ngettext", saved[1])  # noqa: B010
