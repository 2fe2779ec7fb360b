"""Reading YAML safely: positions kept, nothing constructed, nothing silently dropped."""
import pytest

from engine.errors import ScenarioError
from engine.read import load_file, parse_json, parse_yaml


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


# ---- numbers, keys and text: the YAML 1.2 core schema ------------------------------------

# ---- one dialect: the YAML 1.2 core schema -------------------------------------------------

@pytest.mark.parametrize("written, value", [("012", 12), ("-012", -12), ("0x10", 16), ("0o10", 8), ("+7", 7),
                                            ("12:30", "12:30"), ("1_000", "1_000"), ("0b11", "0b11"),
                                            ("0X10", "0X10"), ("-0x10", "-0x10"), ("0O10", "0O10"),
                                            ("yes", "yes"), ("No", "No"), ("on", "on"), ("OFF", "OFF"),
                                            ("y", "y"), ("TRUE", True), ("False", False), ("NULL", None),
                                            ("1e3", 1000.0), (".5", 0.5), ("2025-01-22", "2025-01-22")])
def test_plain_scalars_are_read_by_the_yaml_1_2_core_schema(written, value):
    data = parse(f"a:\n  n: {written}\n").data["a"]["n"]
    assert data == value and type(data) is type(value)


@pytest.mark.parametrize("written", [".nan", ".NaN", ".inf", "-.inf", "1.0e+999", "9007199254740992",
                                     "9" * 5000])
def test_numbers_out_of_range_are_refused(written):
    with pytest.raises(ScenarioError) as caught:
        parse(f"n: {written}\n")
    assert caught.value.code == "bad-number" and caught.value.where.line == 1


def test_plain_numbers_booleans_and_nulls_are_read_and_remember_how_they_were_written():
    doc = parse("a: 0\nb: -12\nc: 9007199254740991\nd: FALSE\ne: ~\nf: 1.5\ng: '012'\nh: no\n")
    assert doc.data == {"a": 0, "b": -12, "c": 9007199254740991, "d": False, "e": None, "f": 1.5, "g": "012",
                        "h": "no"}
    assert doc.text_of(("d",)) == "FALSE" and doc.text_of(("e",)) == "~" and doc.text_of(("g",)) is None


@pytest.mark.parametrize("key, reading", [("1", "a number"), ("true", "a boolean"), ("null", "null"),
                                          ("1.5", "a number")])
def test_keys_that_are_not_text_are_refused(key, reading):
    with pytest.raises(ScenarioError) as caught:
        parse(f"a: 1\n{key}: x\n")
    assert caught.value.code == "bad-key" and caught.value.where.line == 2
    assert reading in caught.value.message


def test_quoted_keys_are_text_and_so_are_yes_no_on_off():
    assert parse("'1': x\n\"on\": y\n").data == {"1": "x", "on": "y"}
    assert parse("on: 1\nno: 2\nyes: 3\n").data == {"on": 1, "no": 2, "yes": 3}


@pytest.mark.parametrize("text, char", [('a: "x\\x07"\n', "U+0007"), ('a: "x\\0"\n', "U+0000"),
                                        ("a: \"\\e[31m\"\n", "U+001B"), ('a: "\\x85\\x9f"\n', "U+009F")])
def test_control_characters_from_escapes_are_refused(text, char):
    with pytest.raises(ScenarioError) as caught:
        parse(text)
    assert caught.value.code == "bad-text" and char in caught.value.message


def test_raw_control_characters_are_located():
    with pytest.raises(ScenarioError) as caught:
        parse("a: caf\u00e9\nb: x\x07y\n")
    assert (caught.value.code, caught.value.where.line, caught.value.where.column) == ("bad-text", 2, 5)


def test_an_alias_is_located_where_it_is_used_and_merge_keys_are_refused():
    with pytest.raises(ScenarioError) as caught:
        parse("base: &b {x: 1}\nother:\n  y: 2\n  z: *b\n")
    assert (caught.value.where.line, caught.value.where.column) == (4, 6)
    with pytest.raises(ScenarioError) as caught:
        parse("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert caught.value.code == "yaml-alias" and caught.value.where.line == 3


def test_an_alias_bomb_is_refused_at_once():
    lines = ["l0: &l0 [x]"] + [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]
    with pytest.raises(ScenarioError) as caught:
        parse("\n".join(lines) + "\n")
    assert caught.value.code == "yaml-alias" and caught.value.where.line == 2


@pytest.mark.parametrize("text", ["---\n", "--- \n...\n", "\n\n  \n", "# a\n  # b\n"])
def test_files_without_data_are_empty(text):
    with pytest.raises(ScenarioError) as caught:
        parse(text)
    assert caught.value.code == "empty-file" and str(caught.value.where) == "f.yaml:1:1"


def test_deep_nesting_without_libyaml_is_still_an_error(monkeypatch):
    """Without libyaml the pure-Python parser sets no depth limit of its own: ours still applies."""
    import yaml
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    with pytest.raises(ScenarioError) as caught:
        parse("a: " + "[" * 3000 + "]" * 3000 + "\n")
    assert caught.value.code == "too-deep"


def test_syntax_errors_say_what_the_parser_was_inside():
    with pytest.raises(ScenarioError) as caught:
        parse("a: 1\nb: [1, 2\nc: 3\n")
    assert caught.value.code == "yaml-syntax" and "started on line 2" in caught.value.message


def test_utf8_byte_order_mark_is_skipped_and_utf16_refused(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load_file(str(path), ScenarioError).data == {"a": 1}
    path.write_bytes("a: 1\n".encode("utf-16"))
    with pytest.raises(ScenarioError, match="UTF-16"):
        load_file(str(path), ScenarioError)


def test_devices_are_not_files():
    with pytest.raises(ScenarioError) as caught:
        load_file("/dev/zero", ScenarioError)
    assert caught.value.code == "not-a-file"


# ---- JSON ---------------------------------------------------------------------------------

def jparse(text):
    return parse_json(text, "f.json", ScenarioError)


def test_json_positions_count_characters_and_survive_tabs():
    doc = jparse('{\n\t"é": "x",\n\t"b": [1, {"c": true}]\n}')
    assert str(doc.where(("b", 1, "c"))) == "f.json:3:17"
    assert str(doc.where(("b", 1, "c"), key=True)) == "f.json:3:12"
    assert str(doc.where(("é",))) == "f.json:2:7"


@pytest.mark.parametrize("text, code, line, column", [
    ('{"a": 1,\n "b": {"c": 1, "c": 2}}', "duplicate-key", 2, 16),
    ('{"a": [1,\n NaN]}', "bad-number", 2, 2),
    ('{"a":\n -Infinity}', "bad-number", 2, 2),
    ('{"a": 1e999}', "bad-number", 1, 7),
    ('{"a": 123456789012345678901234567890}', "bad-number", 1, 7),
    ('{"a": "\\u0000"}', "bad-text", 1, 7),
    ('{"\\ud800": 1}', "bad-text", 1, 2),
    ('{"a": [1,]}', "json-syntax", 1, 9),
    ('{"a": ' + "[" * 70 + "]" * 70 + "}", "too-deep", 1, 70),
    ("", "empty-file", 1, 1),
])
def test_json_refusals_are_located(text, code, line, column):
    with pytest.raises(ScenarioError) as caught:
        jparse(text)
    assert (caught.value.code, caught.value.where.line, caught.value.where.column) == (code, line, column)


def test_json_nesting_past_the_interpreter_limit_is_too_deep_at_its_place():
    with pytest.raises(ScenarioError) as caught:
        jparse("[" * 100_000 + "]" * 100_000)
    assert (caught.value.code, caught.value.where.line, caught.value.where.column) == ("too-deep", 1, 65)


# ---- error lines --------------------------------------------------------------------------

def test_an_error_is_always_one_line_whatever_it_quotes():
    from engine.errors import SourceLocation, shown
    error = ScenarioError("c", f"word {shown('a' * 500 + chr(10) + chr(0x202e))}",
                          where=SourceLocation("odd\nname.yaml", 1, 2))
    assert "\n" not in error.line() and "\u202e" not in error.line()
    assert len(error.line()) < 200


def test_problems_are_sorted_deduplicated_and_capped():
    from engine.errors import Problems, SourceLocation
    errors = [ScenarioError("x", f"e{i}", where=SourceLocation("f", 100 - i, 1)) for i in range(80)]
    errors.append(ScenarioError("x", "e0", where=SourceLocation("f", 100, 1)))
    lines = Problems(errors).lines()
    assert lines[0] == "f:21:1: error[x]: e79" and lines[-1] == "... and 30 more errors" and len(lines) == 51
