"""README.zh-CN.md says what README.md says: linked from each other; its tables' rows, its commands and its code
are README.md's (so the numbers there are the ones tests/test_readme.py and the claims' tests hold to the code);
its ten-minute lesson has the same steps with the same numbers and links."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EN = (ROOT / "README.md").read_text(encoding="utf-8")
ZH = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:[.,]\d+)*(?:e-?\d+)?")


def lesson(readme: str, heading: str) -> list[str]:
    text = readme.split(heading, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\d\. (.*?)(?=^\d\. |^\S|\Z)", text, re.S | re.M)


def test_each_readme_links_the_other():
    assert "[简体中文](README.zh-CN.md)" in EN
    assert "[English](README.md)" in ZH


def test_the_chinese_tables_rows_commands_and_code_are_the_english_ones():
    for table in re.findall(r"(?:^\|.*\|\n)+", ZH, re.M):
        for row in table.splitlines()[2:]:
            if re.search(r"[\u4e00-\u9fff]", row):  # a label row of the screenshots' table
                continue
            assert row in EN, f"a table row of README.zh-CN.md is not README.md's: {row}"
    for block in re.findall(r"(?:^    \S.*\n)+", ZH, re.M):
        assert block in EN, f"a command of README.zh-CN.md is not README.md's: {block}"
    for code in re.findall(r"```python\n.*?```", ZH, re.S):
        assert code in EN
    assert len(re.findall(r"```python", ZH)) == len(re.findall(r"```python", EN))


def test_the_lesson_has_the_same_steps_numbers_and_links():
    en = lesson(EN, "## Teaching with it: a ten-minute lesson")
    zh = lesson(ZH, "## 用它上课：十分钟的一节课")
    assert len(en) == len(zh) == 5
    for k, (a, b) in enumerate(zip(en, zh), 1):
        links_en = {re.sub(r"&lang=zh", "", u) for u in re.findall(r"`(/step\?[^`]*)`", a)}
        links_zh = {re.sub(r"&lang=zh", "", u) for u in re.findall(r"`(/step\?[^`]*)`", b)}
        assert links_en == links_zh, f"step {k}: {links_en ^ links_zh}"
        numbers_en = sorted(n.replace("−", "-") for n in NUMBER.findall(re.sub(r"`[^`]*`", "", a)))
        numbers_zh = sorted(n.replace("−", "-") for n in NUMBER.findall(re.sub(r"`[^`]*`", "", b)))
        assert numbers_en == numbers_zh, f"step {k}: {numbers_en} vs {numbers_zh}"
