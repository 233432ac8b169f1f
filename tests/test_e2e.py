"""End to end: `streamlit run app.py` on a free local port, driven by Playwright in Debian's Chromium.

Screenshots land in test-artifacts/e2e/. Outside CI these tests skip when /usr/bin/chromium is
missing; in CI (LSTM_VIZ_REQUIRE_BROWSER=1) a missing browser is a failure.
"""

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_process(log_name: str = "server.log"):
    """`streamlit run app.py` on a free port, its output in test-artifacts/e2e/<log_name>; yields the server's
    process and its URL, and stops it at the end if it still runs."""
    port = free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / log_name, "w")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true", f"--server.port={port}",
         "--server.address=127.0.0.1", "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail(f"streamlit did not start; see test-artifacts/e2e/{log_name}")
        yield proc, url
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=20)
        log.close()


@contextlib.contextmanager
def streamlit_server(log_name: str = "server.log"):
    """`streamlit run app.py` on a free port, its output in test-artifacts/e2e/<log_name>; yields its URL."""
    with streamlit_process(log_name) as (_, url):
        yield url


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as url:
        yield url


@pytest.fixture
def fresh_server():
    """A server of its own that no request has reached yet (the shared one has served other pages)."""
    with streamlit_server("fresh-server.log") as url:
        yield url


@pytest.fixture(scope="module")
def chromium_browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("LSTM_VIZ_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing, and LSTM_VIZ_REQUIRE_BROWSER is set (CI must run these tests)")
        pytest.skip(f"no browser at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def tab(chromium_browser):
    pg = chromium_browser.new_page(viewport={"width": 1280, "height": 800})
    yield pg
    pg.close()


def settle(pg, timeout=90_000):
    pg.wait_for_selector(DONE, timeout=timeout)
    pg.wait_for_timeout(400)
    pg.wait_for_selector(DONE, timeout=timeout)


def open_page(pg, url):
    pg.goto(url)
    settle(pg)
    assert pg.locator('[data-testid="stException"]').count() == 0, pg.locator(
        '[data-testid="stException"]'
    ).first.inner_text()


PAGES = {
    "home": "",
    "step": "step?task=remember_first&seq=11&model=preset&t=3&unit=1",
    "heatmaps": "heatmaps?task=counting&seq=2&model=preset",
    "why": "why?task=remember_first&wtask=remember_first&len=20",
    "model": "model?task=counting&ex=sine_stacked&mlayer=1&mt=5",
}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_loads_and_draws_its_charts(server, tab, name):
    open_page(tab, f"{server}/{PAGES[name]}")
    tab.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    assert tab.locator(".js-plotly-plot").count() >= 1
    tab.screenshot(path=ARTIFACTS / f"{name}.png")
    tab.set_viewport_size({"width": 1280, "height": 2600})
    tab.wait_for_timeout(800)
    tab.screenshot(path=ARTIFACTS / f"{name}-full.png")


CELL_VIEWS = [
    ("gru", "step", "t=4&unit=1"),
    ("gru", "heatmaps", ""),
    ("rnn", "step", "t=4&unit=1&presenter=1"),
    ("rnn", "heatmaps", ""),
    ("lstm_ph", "step", "model=random&layers=2&layer=1&t=3"),
]


@pytest.mark.parametrize("cell,page,extra", CELL_VIEWS, ids=lambda v: str(v))
def test_every_cell_draws_its_own_pages(server, tab, cell, page, extra):
    """The chosen cell's equations and charts in a real browser: one LaTeX line per quantity and form on the
    step-through page, one map per quantity on the heat-map page, no exception."""
    import lstm_viz as lv

    spec = lv.cells.spec(cell)
    open_page(tab, f"{server}/{page}?task=counting&cell={cell}&seq=2&{extra}")
    tab.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    if page == "step":
        tab.wait_for_selector(".katex", timeout=30_000)
        assert tab.locator(".katex-display").count() >= len(spec.names)
        assert tab.get_by_text(re.compile(rf"· {re.escape(spec.title)} ·")).count() >= 1
    else:
        titles = tab.locator(".js-plotly-plot .annotation-text").evaluate_all("els => els.map(e => e.textContent)")
        assert sum(any(t.startswith(q.symbol + " —") for t in titles) for q in spec.quantities) == len(spec.names)
    tab.set_viewport_size({"width": 1280, "height": 2600})
    tab.wait_for_timeout(800)
    tab.screenshot(path=ARTIFACTS / f"{page}-{cell}.png")


STEPPER = 'iframe[title*="stepper"]'


def shows_step(pg, t: int, timeout: int = 30_000) -> None:
    """Wait until the stepper says t = <t> and the page has drawn that step's equations and words."""
    pg.frame_locator(STEPPER).get_by_text(f"t = {t}", exact=True).wait_for(timeout=timeout)
    pg.wait_for_function(f"() => document.body.innerText.includes('at t = {t}, in words')", timeout=timeout)


def test_next_changes_the_step(server, tab):
    """Prev and Next step in the browser (the stepper), then the page follows: the URL, the equations, the words."""
    open_page(tab, f"{server}/{PAGES['step']}")
    shows_step(tab, 3)
    stepper = tab.frame_locator(STEPPER)
    assert stepper.get_by_text(re.compile(r"^, reading ")).count() == 1
    stepper.get_by_role("button", name="Next").click()
    shows_step(tab, 4)
    settle(tab)
    assert "t=4" in tab.url
    stepper.get_by_role("button", name="Prev").click()
    shows_step(tab, 3)
    settle(tab)
    tab.locator("h1").first.click()  # away from any input: the arrow keys are Prev and Next
    tab.keyboard.press("ArrowRight")
    shows_step(tab, 4)
    settle(tab)
    stepper.get_by_role("listitem").nth(9).click()  # a token: that step
    shows_step(tab, 9)
    settle(tab)
    assert "t=9" in tab.url


def test_a_heatmap_click_opens_that_step_and_unit(server, tab):
    open_page(tab, f"{server}/{PAGES['heatmaps']}")
    tab.wait_for_selector(".js-plotly-plot .nsewdrag", timeout=30_000)
    f_map = tab.locator(".js-plotly-plot .nsewdrag").nth(1)  # the forget-gate map, below the page's notes
    f_map.scroll_into_view_if_needed()
    tab.wait_for_timeout(300)
    box = f_map.bounding_box()
    tab.mouse.move(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.3)
    tab.wait_for_timeout(300)
    tab.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.3)
    tab.wait_for_url(re.compile(r"/step\?.*t=\d+"), timeout=30_000)
    settle(tab)
    t = int(re.search(r"[?&]t=(\d+)", tab.url).group(1))
    unit = int(re.search(r"[?&]unit=(\d+)", tab.url).group(1))
    assert 3 <= t <= 9 and 0 <= unit < 16  # 45% across 15 steps; rows 30% down of 16 units
    assert "task=counting" in tab.url and "seq=2" in tab.url  # the view the click came from
    assert tab.get_by_text(re.compile(r"^Count the a's · LSTM · model: pre-trained preset")).count() == 1
    shows_step(tab, t)
    tab.screenshot(path=ARTIFACTS / "heatmap-click-to-step.png")


def clamped_accuracy(pg) -> str:
    metric = pg.locator('[data-testid="stMetric"]').filter(has_text="accuracy clamped")
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def test_why_gates_clamp_changes_the_accuracy_and_a_gradient_click_opens_that_step(server, tab):
    """Why gates in Chromium: forcing the trained LSTM's forget gate to 0 takes its accuracy on fresh samples to
    about chance, releasing it gives it back; a click on the gradient chart opens that cell and t."""
    open_page(tab, f"{server}/why?task=remember_first&wtask=remember_first&len=20&clamp=off&gate=f")
    tab.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    free = clamped_accuracy(tab)
    assert int(free.rstrip("%")) >= 90
    group = tab.locator('[data-testid="stButtonGroup"]').filter(has_text="not clamped")
    group.get_by_text("0", exact=True).click()
    settle(tab)
    assert int(clamped_accuracy(tab).rstrip("%")) <= 40  # the memory wiped at every step
    assert "clamp=0" in tab.url
    tab.set_viewport_size({"width": 1280, "height": 2600})
    tab.wait_for_timeout(800)
    tab.screenshot(path=ARTIFACTS / "why-clamped.png")
    group.get_by_text("not clamped", exact=True).click()
    settle(tab)
    assert clamped_accuracy(tab) == free
    grad = tab.locator(".js-plotly-plot").nth(1)  # the memory chart, then the gradient chart
    grad.scroll_into_view_if_needed()
    point = grad.locator(".scatterlayer .trace").first.locator(".point").nth(5)  # the first line's t = 5
    box = point.bounding_box()
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.wait_for_timeout(300)
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.wait_for_url(re.compile(r"/step\?.*[?&]t=5(&|$)"), timeout=30_000)
    settle(tab)
    assert "text=" in tab.url and "task=remember_first" in tab.url
    shows_step(tab, 5)
    tab.screenshot(path=ARTIFACTS / "why-gradient-click-to-step.png")


def test_presenter_mode_enlarges_text(server, tab):
    open_page(tab, f"{server}/{PAGES['step']}")
    size = tab.locator("h1").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    text = tab.locator('[data-testid="stMarkdownContainer"] p').first
    text_size = text.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    tab.get_by_text("Presenter mode").click()
    settle(tab)
    tab.wait_for_timeout(500)
    bigger = tab.locator("h1").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert bigger > size * 1.1 and text.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") > text_size * 1.2
    tab.screenshot(path=ARTIFACTS / "step-presenter.png")


def test_train_remember_first_live_then_step_through_the_trained_model(server, tab):
    open_page(tab, f"{server}/train?task=remember_first")
    t0 = time.monotonic()
    tab.get_by_role("button", name="Start training").click()
    tab.wait_for_selector("text=/^Learned: accuracy/", timeout=240_000)  # speed: benchmarks/bench_browser.py
    (ARTIFACTS / "train-seconds.txt").write_text(f"{time.monotonic() - t0:.1f}\n")
    settle(tab)
    tab.set_viewport_size({"width": 1280, "height": 3000})
    tab.wait_for_timeout(800)
    tab.screenshot(path=ARTIFACTS / "train-full.png")
    tab.get_by_role("button", name="Inspect it on the other pages").click()
    settle(tab)
    tab.get_by_role("link", name="Step through").click()
    tab.wait_for_url(re.compile(r"/step\?.*model=session"), timeout=30_000)
    settle(tab)
    caption = re.compile(r"^Remember the first symbol · LSTM · model: trained in this session")
    assert tab.get_by_text(caption).count() == 1
    tab.wait_for_selector(".katex", timeout=30_000)
    tab.screenshot(path=ARTIFACTS / "step-trained-model.png")


def test_a_deep_link_as_a_fresh_servers_first_request_opens_that_page(fresh_server, tab):
    """The first request a server ever gets is a link to a page other than home: app.py still draws the
    sidebar and runs that page (a legacy pages/ folder would make Streamlit run the page file alone)."""
    open_page(tab, f"{fresh_server}/step?task=counting&t=3")
    assert tab.locator('[data-testid="stException"]').count() == 0
    assert tab.locator("h1").first.inner_text() == "Step through"
    assert tab.get_by_text(re.compile(r"^Count the a's · LSTM · model: pre-trained preset")).count() == 1
    shows_step(tab, 3)
    assert "t=3" in tab.url and "task=counting" in tab.url


def start_a_long_run(pg, url):
    """Train live on remember_first with H = 1 and 20,000 steps: a run that keeps a trainer busy for minutes."""
    open_page(pg, f"{url}/train?task=remember_first")
    pg.get_by_label("Hidden size H").fill("1")
    pg.get_by_label("Steps").fill("20000")
    pg.get_by_role("button", name="Start training").click()
    pg.wait_for_selector("text=/^(training: step|waiting:)/", timeout=60_000)


def test_a_closed_tab_frees_its_training_slot_within_a_minute(server, chromium_browser):
    """Two sessions take both trainers, a third waits; closing the first tab frees its trainer for the third.
    A reloaded tab shows its run again."""
    a, b, c = (chromium_browser.new_page(viewport={"width": 1280, "height": 800}) for _ in range(3))
    try:
        start_a_long_run(a, server)
        a.wait_for_selector("text=/^training: step/", timeout=60_000)
        start_a_long_run(b, server)
        b.wait_for_selector("text=/^training: step/", timeout=60_000)
        b.reload()  # a new browser session: it finds its run again through the link's run id
        settle(b)
        b.wait_for_selector("text=/^training: step/", timeout=30_000)
        start_a_long_run(c, server)
        c.wait_for_selector("text=/^waiting:/", timeout=10_000)
        a.close()
        t0 = time.monotonic()
        c.wait_for_selector("text=/^training: step/", timeout=60_000)
        (ARTIFACTS / "orphan-freed-seconds.txt").write_text(f"{time.monotonic() - t0:.1f}\n")
        assert c.get_by_role("button", name="Stop").count() == 1  # the page's one Stop control
        c.screenshot(path=ARTIFACTS / "train-running.png")
    finally:
        for pg in (b, c):
            with contextlib.suppress(Exception):
                pg.get_by_role("button", name="Stop").click()
                pg.wait_for_selector("text=/^done:/", timeout=30_000)
            pg.close()


# --- presenter mode at 1280 x 800 (issue 9, item 7) ---

LONG_TEXT = "".join("ab"[(k * 7) % 3 % 2] for k in range(200))  # a 200-step sequence of the counting task
PRESENTER_PAGES = {
    "home": "?task=counting&seq=2&presenter=1",
    "step": "step?task=counting&seq=2&t=4&unit=1&presenter=1",
    "step-200": f"step?task=counting&text={LONG_TEXT}&t=117&unit=1&presenter=1",
    "heatmaps": "heatmaps?task=counting&seq=2&unit=1&presenter=1",
    "train": "train?task=counting&presenter=1",
    "why": "why?task=remember_first&presenter=1",
    "model": "model?task=counting&ex=negation_embedding_lstm&mt=4&munit=2&presenter=1",
}
CUT_LABELS = """() => [...document.querySelectorAll('button [data-testid="stMarkdownContainer"]')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 || e.innerText.trim().endsWith('…'))
    .map(e => e.innerText.trim())"""
# In every chart: a text whose middle lies in a box (the smallest such shape) lies wholly in it, and no two texts
# (titles, labels) overlap. Lines have an empty box and hold nothing.
CROWDED_TEXT = """() => {
    const problems = [];
    const within = (r, b) => r.left >= b.left - 1 && r.right <= b.right + 1 && r.top >= b.top - 1
        && r.bottom <= b.bottom + 1;
    const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    for (const plot of document.querySelectorAll('.js-plotly-plot')) {
        const boxes = [...plot.querySelectorAll('.shapelayer path')].map(p => p.getBoundingClientRect())
            .filter(r => r.width > 4 && r.height > 4);
        const notes = [...plot.querySelectorAll('.annotation-text')]
            .map(e => [e.textContent, e.getBoundingClientRect()]);
        for (const [text, r] of notes) {
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            const around = boxes.filter(b => b.left <= x && x <= b.right && b.top <= y && y <= b.bottom);
            if (!around.length) continue;
            const box = around.reduce((a, b) => (a.width * a.height <= b.width * b.height ? a : b));
            if (!within(r, box)) problems.push(`${text}: outside its box`);
        }
        notes.forEach(([a, ra], i) => notes.slice(i + 1).forEach(([b, rb]) => {
            if (meet(ra, rb)) problems.push(`${a} / ${b}: collide`);
        }));
    }
    return problems;
}"""


@pytest.mark.parametrize("name", PRESENTER_PAGES)
def test_presenter_mode_cuts_no_button_label_and_keeps_text_in_its_boxes(server, tab, name):
    """At 1280 x 800 in presenter mode (from the link): no button's label ends in an ellipsis, no text in a chart
    leaves its box or runs into another."""
    open_page(tab, f"{server}/{PRESENTER_PAGES[name]}")
    if name != "train":
        tab.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    tab.wait_for_timeout(800)
    assert tab.locator("h1").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") > 50  # presenter mode
    assert tab.locator("button").count() > 0
    assert tab.evaluate(CUT_LABELS) == []
    assert tab.evaluate(CROWDED_TEXT) == []
    if name == "step-200":
        strip = tab.frame_locator(STEPPER).locator("#strip")  # the stepper's tokens, scrolled to t = 117
        now = strip.locator(".tok.now")
        assert now.count() == 1 and now.locator(".k").inner_text() == "117"
        box, view = now.bounding_box(), strip.bounding_box()
        assert view["x"] <= box["x"] and box["x"] + box["width"] <= view["x"] + view["width"]  # in view
        assert box["height"] >= 30 and box["width"] >= 20  # a readable box, its token and its step written in it
    tab.screenshot(path=ARTIFACTS / f"presenter-{name}.png", full_page=True)


def test_your_model_opens_an_uploaded_keras_file_and_draws_its_gates(server, tab):
    """The Your model page: a .keras file (a shipped example) chosen in the browser's file dialog opens, and the
    page draws the heat maps of its LSTM's gates on an input that fits it, with no exception."""
    open_page(tab, f"{server}/model?task=counting")
    tab.get_by_text("a file of my own").click()
    settle(tab)
    data = (ROOT / "lstm_viz" / "data" / "examples" / "negation_embedding_lstm.keras").read_bytes()
    files = {"name": "my_model.keras", "mimeType": "application/octet-stream", "buffer": data}
    tab.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(files)
    tab.get_by_text("my_model.keras stays in this browser session").wait_for(timeout=30_000)
    settle(tab)
    assert tab.locator('[data-testid="stException"]').count() == 0
    assert tab.locator('[data-testid="stAlert"]').count() == 0  # no error: the file opened
    maps = tab.locator(".js-plotly-plot").first
    maps.locator(".main-svg").first.wait_for(timeout=30_000)
    titles = maps.locator(".annotation-text").all_text_contents()
    assert any("forget gate" in t for t in titles) and any("cell state" in t for t in titles), titles
    assert maps.locator("g.hm").count() == 6  # i, f, C̃, o, C, h
    tab.screenshot(path=ARTIFACTS / "model-upload.png", full_page=True)


# --- hardening (issue 14) ---

EVIL_LINKS = [  # (page, query, what a message says): a link's value in a warning, a typed sequence in its error
    ("", {"task": "www.evil.example"}, "unknown task www.evil.example."),
    ("heatmaps", {"task": "[click](http://evil.example)"}, "unknown task [click](http://evil.example)."),
    ("", {"task": "sine", "text": "0.1 http://evil.example/x 0.3"}, "'http://evil.example/' is not a number"),
    ("", {"task": "negation_sentiment", "text": "they do not hate www.evil.example"}, "'www', 'evil', 'example'"),
]
EVIL_NAME = "www.evil.example [x](http://evil.example).safetensors"
ALERT = '[data-testid="stAlert"]'
USER_LINKS = 'a[href*="evil.example"], a[href^="mailto:"]'


def no_link_from_user_text(pg) -> None:
    """No alert holds a link, and nothing on the page links to the user's host or an e-mail address."""
    assert pg.locator(ALERT).count() >= 1
    assert pg.locator(f"{ALERT} a[href]").count() == 0, pg.locator(ALERT).first.inner_html()
    assert pg.locator(USER_LINKS).count() == 0


def test_user_text_in_a_message_is_never_a_link(server, tab):
    """Links, typed sequences and uploads whose text Streamlit's markdown would turn into links (www., http://,
    an e-mail): every message shows the text as typed, and no <a href> comes of it."""
    import urllib.parse

    from lstm_viz.io import weights
    from tests.test_weights import small_model

    for page, query, said in EVIL_LINKS:
        open_page(tab, f"{server}/{page}?{urllib.parse.urlencode(query)}")
        assert said in " ".join(tab.locator(ALERT).all_inner_texts())  # as typed
        no_link_from_user_text(tab)
    open_page(tab, f"{server}/train?task=counting")
    evil_task = weights.to_bytes(small_model(), None, {"task": "<b>x</b>[y](http://evil.example)"})
    for data, shown in [(b"not weights", EVIL_NAME), (evil_task, "<b>x</b>[y](http://evil.example)")]:
        files = {"name": EVIL_NAME, "mimeType": "application/octet-stream", "buffer": data}
        tab.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(files)
        tab.get_by_text(re.compile(rf"^Not opened: .*{re.escape(shown)}")).wait_for(timeout=30_000)
        settle(tab)
        no_link_from_user_text(tab)
    files = {"name": EVIL_NAME, "mimeType": "application/octet-stream", "buffer": weights.to_bytes(small_model())}
    tab.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(files)  # opened: a run
    tab.get_by_text("Its answers on five held-out sequences").wait_for(timeout=30_000)
    settle(tab)
    assert tab.locator(USER_LINKS).count() == 0  # the run's label, in the Run selectbox
    tab.screenshot(path=ARTIFACTS / "evil-upload.png")


def test_six_sessions_opening_a_fresh_server_at_once_see_no_exception(fresh_server, chromium_browser):
    """Six browser sessions open a server that has served nothing yet in the same second (a class told to open
    the link): no session sees an exception (a half-imported pandas was one), and the log holds no traceback."""
    links = [f"{fresh_server}/step?task={task}&seq=2&t=3" for task in ("counting", "brackets", "remember_first")]
    links += [f"{fresh_server}/heatmaps?task=counting&seq=1", f"{fresh_server}/step?task=adding", fresh_server]
    pages = [chromium_browser.new_page(viewport={"width": 1280, "height": 800}) for _ in links]
    try:
        for pg, link in zip(pages, links):
            pg.goto(link, wait_until="commit")  # back at the first byte: the six sessions start together
        for pg in pages:
            settle(pg, timeout=180_000)
            exception = pg.locator('[data-testid="stException"]')
            assert exception.count() == 0, exception.first.inner_text()
            assert pg.locator("h1").count() >= 1
    finally:
        for pg in pages:
            pg.close()
    log = (ARTIFACTS / "fresh-server.log").read_text()
    assert "Traceback" not in log and "Exception" not in log, log[-3000:]


def descendants(pid: int) -> set[int]:
    """The processes below `pid` (children, their children, ...), from /proc."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie, dead and not yet reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_server_stopped_while_training_exits_cleanly(chromium_browser):
    """SIGTERM to a server whose trainer is busy: it exits within a few seconds, says nothing of a terminate
    or a traceback, and leaves no process behind (the resource tracker, the fork server, the worker)."""
    import signal

    log_name = "stopped-server.log"
    with streamlit_process(log_name) as (proc, url):
        pg = chromium_browser.new_page(viewport={"width": 1280, "height": 800})
        try:
            start_a_long_run(pg, url)
            pg.wait_for_selector("text=/^training: step [1-9]/", timeout=120_000)  # the worker trains
            family = descendants(proc.pid)
            assert family, "no worker process under the server"
            t0 = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
            seconds = time.monotonic() - t0
        finally:
            pg.close()
    (ARTIFACTS / "stop-seconds.txt").write_text(f"{seconds:.1f}\n")
    deadline = time.monotonic() + 3
    while any(alive(p) for p in family) and time.monotonic() < deadline:
        time.sleep(0.1)
    log = (ARTIFACTS / log_name).read_text()
    assert seconds < 5, f"the server took {seconds:.1f} s to stop"
    assert "terminate called" not in log and "Traceback" not in log, log[-3000:]
    assert not [p for p in family if alive(p)], "processes left behind"
    assert proc.returncode in (0, -signal.SIGTERM), proc.returncode
