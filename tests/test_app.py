"""AppTest: every page runs without an exception and shows what it should."""

from streamlit.testing.v1 import AppTest


def test_home_page_shows_the_six_equations():
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value.startswith("Inside an LSTM")
    latex = [e.value.strip("$\n") for e in at.latex]
    assert len(latex) == 6
    assert latex[1].startswith("f_t = ") and latex[4].startswith("c_t = f_t")
