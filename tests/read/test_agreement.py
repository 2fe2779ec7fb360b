"""The fast YAML path and the careful reader give one answer (issue #17, item 12): the same
data and positions, or the fast path steps aside. Differential, over generated files with
every kind of scalar and escape (surrogate pairs included); fixed seed, a few seconds."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.errors import ComitatusError, ScenarioError
from engine.read import FastDocument, load_file, parse_yaml
from engine.read.yaml_fast import MIN_BYTES, fast_path
from tests.perf.test_fast_yaml import agree

HEAD = "scenario: s\nas_of: 2025-01-22\nforces:\n  - {id: jtf, component: army}\n"
ESCAPES = ["\\ud83d\\ude00", "\\ud800", "\\udc00", "\\ud83d", "\\U0001F600", "\\U00110000", "\\x41", "\\x85",
           "\\u00e9", "\\uFFFE", "\\N", "\\_", "\\L", "\\P", "\\ ", "\\/", "\\t", "\\e", "\\0", '\\"', "\\\\",
           "\\a", "\\b", "\\v", "\\f", "\\r", "\\n", "\\q", "\\x4", "\\u12", "\\\n    ", "\n    ", "\n\n    "]
WORDS = ["yes", "no", "on", "Off", "y", "true", "False", "NULL", "~", "null", "012", "0o17", "0x1F", "0X1F",
         "1_000", "_1", "0b11", "12:30", "1e3", ".5", "-.inf", ".nan", "+7", "-0", "2025-01-22", "T1", "a b",
         "arrest", "é", "-", "--", "'", "#", "a #b", "a:b", "9007199254740992", "1" * 30]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6)


def _quoted_single(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


PLAIN = st.from_regex(r"[A-Za-z][A-Za-z0-9 _.:/-]{0,8}", fullmatch=True).map(str.strip)
SCALAR = st.one_of(        # plain text and quoted text (which the fast path reads) weigh the most
    PLAIN, PLAIN, PLAIN, TEXT.map(_quoted_single), TEXT.map(_quoted_single),
    st.from_regex(r"[0-9]{1,6}", fullmatch=True),
    st.sampled_from(WORDS),
    st.lists(st.one_of(st.sampled_from(ESCAPES), st.from_regex(r"[a-z ]{0,3}", fullmatch=True)),
             max_size=5).map(lambda parts: '"' + "".join(parts) + '"'),
    st.sampled_from(["|\n      line\n", ">-\n      folded\n      text\n", "[a, 1]", "{a: b}", "[]"]),
)
KEY = st.sampled_from(["id", "force", "activity", "description", "us_persons", "x-n"] * 3 + ["yes", "on", "1", "~"])


def _task(pairs: list, flow: bool) -> str:
    if flow:
        return "  - {" + ", ".join(f"{k}: {v}" for k, v in pairs if "\n" not in v) + "}\n"
    lines = [f"{k}: {v}" for k, v in pairs]
    return "  - " + "\n    ".join(lines) + "\n"


TASKS = st.lists(st.tuples(st.lists(st.tuples(KEY, SCALAR), min_size=1, max_size=4, unique_by=lambda p: p[0]),
                           st.booleans()), min_size=1, max_size=4)


def _careful(text: str):
    try:
        return parse_yaml(text, "f.yaml", ScenarioError, "sha256:x")
    except ComitatusError:
        return None


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(TASKS)
def test_the_fast_path_and_the_careful_reader_give_one_answer(tasks):
    text = HEAD + "tasks:\n" + "".join(_task(pairs, flow) for pairs, flow in tasks)
    fast = fast_path(text, "f.yaml", ScenarioError, "sha256:x")
    if fast is not None:
        agree(fast, _careful(text))


@pytest.mark.parametrize("value", ['"\\ud83d\\ude00"', '"\\ud800"', '"\\U0001F600"', '"a\\x41"', '"\\N"'])
def test_an_escape_gets_the_same_answer_in_a_small_and_a_large_file(value, tmp_path):
    task = f"  - {{id: T1, force: jtf, activity: arrest, description: {value}}}\n"
    plain = "".join(f"  - {{id: T{n}, force: jtf, activity: arrest}}\n" for n in range(2, MIN_BYTES // 30))
    answers = []
    for name, tasks in (("small.yaml", task), ("large.yaml", task + plain)):
        path = tmp_path / name
        path.write_text(HEAD + "tasks:\n" + tasks, encoding="utf-8")
        try:
            doc = load_file(str(path), ScenarioError)
            answers.append(("read", doc.data["tasks"][0]["description"]))
        except ComitatusError as exc:
            answers.append((exc.code, exc.where.line, exc.where.column))
    assert answers[0] == answers[1]
    assert (tmp_path / "large.yaml").stat().st_size >= MIN_BYTES


def test_a_large_plain_file_still_takes_the_fast_path(tmp_path):
    path = tmp_path / "large.yaml"
    path.write_text(HEAD + "tasks:\n" + "".join(f"  - {{id: T{n}, force: jtf, activity: arrest}}\n"
                                                 for n in range(MIN_BYTES // 30)), encoding="utf-8")
    assert isinstance(load_file(str(path), ScenarioError), FastDocument)
