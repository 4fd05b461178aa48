"""The fast NFKC is exactly NFKC."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from followup_cli.normalize import nfkc

# Japanese text with the characters that NFKC changes: full-width ASCII, the
# ideographic space, circled numbers, half-width katakana, combining marks.
japanese = st.text(
    alphabet=st.sampled_from(
        [
            *"市民（予定）ＡＢＣａｂｃ０１２\u3000①②㈱…ｶﾞﾊﾟ・「」、。テレワーク令和元年度",
            "\u0301",
            "\u3099",
            "A",
            " ",
        ]
    ),
    max_size=60,
)


@settings(max_examples=500)
@given(st.one_of(japanese, st.text(max_size=40)))
def test_fast_nfkc_equals_unicodedata(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_fold_drops_layout_spaces_beside_japanese_only() -> None:
    from followup_cli.corpus.select import fold as selection_fold  # noqa: PLC0415
    from followup_cli.normalize import fold  # noqa: PLC0415

    assert fold("（予定）　Web 会議") == fold("(予定) Web会議") == "(予定) Web会議"
    assert fold(" VPN  connection ") == "VPN connection"
    assert selection_fold("ＷＥＢ 会議") == selection_fold("web会議") == "web会議"
