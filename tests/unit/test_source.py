"""Reading YAML safely: positions kept, nothing constructed, nothing silently dropped."""
import pytest

from engine.errors import ScenarioError
from engine.source import load_file, parse_yaml


def parse(text):
    return parse_yaml(text, "f.yaml", ScenarioError)


def test_positions_point_at_keys_and_values():
    doc = parse("a: 1\nb:\n  - x: yes-word\n")
    assert doc.data == {"a": 1, "b": [{"x": "yes-word"}]}
    assert str(doc.where(("b", 0, "x"))) == "f.yaml:3:8"
    assert str(doc.where(("b", 0, "x"), key=True)) == "f.yaml:3:5"


def test_dates_stay_text():
    assert parse("as_of: 2025-01-22\n").data == {"as_of": "2025-01-22"}


@pytest.mark.parametrize("text, code, line", [
    ("a: 1\na: 2\n", "duplicate-key", 2),
    ("a:\n  b: 1\n  b: 2\n", "duplicate-key", 3),
    ("a: &x [1]\nb: *x\n", "yaml-alias", 2),
    ("a: !!python/object/apply:os.system ['echo hacked']\n", "yaml-tag", 1),
    ("a: [1, 2\n", "yaml-syntax", 2),
    ("a: 1\n---\nb: 2\n", "multiple-documents", 2),
    ("", "empty-file", 1),
    ("# only a comment\n", "empty-file", 1),
])
def test_refusals_name_the_problem_and_place(text, code, line):
    with pytest.raises(ScenarioError) as caught:
        parse(text)
    assert caught.value.code == code
    assert caught.value.where.line == line


def test_python_tag_has_no_effect(tmp_path):
    marker = tmp_path / "pwned"
    text = f"a: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(ScenarioError):
        parse(text)
    assert not marker.exists()


def test_deep_nesting_is_an_error_not_a_crash():
    with pytest.raises(ScenarioError) as caught:
        parse("a: " + "[" * 200 + "]" * 200 + "\n")
    assert caught.value.code == "too-deep"


def test_binary_and_bad_utf8_files(tmp_path):
    (tmp_path / "bin.yaml").write_bytes(b"a: 1\x00\x01")
    (tmp_path / "latin.yaml").write_bytes(b"a: caf\xe9\n")
    with pytest.raises(ScenarioError, match="NUL"):
        load_file(str(tmp_path / "bin.yaml"), ScenarioError)
    with pytest.raises(ScenarioError) as caught:
        load_file(str(tmp_path / "latin.yaml"), ScenarioError)
    assert (caught.value.code, caught.value.where.line, caught.value.where.column) == ("not-utf8", 1, 7)


def test_size_cap_and_missing_paths(tmp_path):
    (tmp_path / "big.yaml").write_text("a: " + "x" * 100 + "\n")
    with pytest.raises(ScenarioError, match="limit"):
        load_file(str(tmp_path / "big.yaml"), ScenarioError, max_bytes=50)
    with pytest.raises(ScenarioError, match="directory"):
        load_file(str(tmp_path), ScenarioError)
    with pytest.raises(ScenarioError, match="no such file"):
        load_file(str(tmp_path / "nope.yaml"), ScenarioError)
