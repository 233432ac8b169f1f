"""ui.state: the sequence reference and the URL's query string, the one place that knows their formats."""

import pytest

from lstm_viz.ui.state import SeqRef, link_query
from lstm_viz.ui.view import View


@pytest.mark.parametrize("ref", [SeqRef.seed(3), SeqRef.text("a:b c"), SeqRef.text("")])
def test_a_sequence_reference_survives_its_key(ref):
    assert SeqRef.parse(str(ref)) == ref


def test_a_sequence_key_has_the_old_format_and_a_bad_one_is_named():
    assert str(SeqRef.seed(3)) == "seed:3" and str(SeqRef.text("ab:ba")) == "text:ab:ba"
    with pytest.raises(ValueError, match="sequence key"):
        SeqRef.parse("nope:1")


def test_link_query_names_the_whole_view():
    view = View("counting", str(SeqRef.seed(4)), "random", 7, presenter=False, cell="gru", num_layers=2, layer=1)
    assert link_query(view, t=3, unit=1) == {
        "task": "counting",
        "cell": "gru",
        "model": "random",
        "seq": "4",
        "mseed": "7",
        "layers": "2",
        "layer": "1",
        "t": "3",
        "unit": "1",
    }
    own = View("brackets", str(SeqRef.text("(())")), "preset", 0, presenter=True)
    assert link_query(own) == {"task": "brackets", "cell": "lstm", "model": "preset", "text": "(())"}
