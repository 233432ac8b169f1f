"""简体中文: lstm_viz/words/en/errors.py 的译文 (the same codes and parameters)."""

ERRORS: dict[str, str] = {
    "core.unknown_cell": "未知的循环单元 {name!r}；可选的有 {names}",
    "core.not_an_option": "{option}：不是循环单元 {cell} 的选项；{its}",
    "core.options_are": "它的选项有 {options}",
    "core.no_options": "它没有选项",
    "core.activation": "{argument}：这里无法计算 {name!r}；可选的有 {allowed}",
}
