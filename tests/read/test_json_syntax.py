"""JSON syntax errors in our own words and at our own place, on every Python version
(issue #13): 3.13 changed json's messages and moved the trailing-comma error."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import ScenarioError
from engine.read import parse_json
from engine.read.json_syntax import syntax_error

CASES = [
    ('{"a": 1,}', 1, 8, "trailing comma before '}'"),
    ('{"a": [1, 2,\n]}', 1, 12, "trailing comma before ']'"),
    ('{"a": 1 "b": 2}', 1, 9, "expected ',' or '}', found '\"'"),
    ('[1 2]', 1, 4, "expected ',' or ']', found '2'"),
    ('{"a" 1}', 1, 6, "expected ':' after the key, found '1'"),
    ('{a: 1}', 1, 2, "expected a key in double quotes, found 'a'"),
    ("{'a': 1}", 1, 2, "text must be in double quotes, not single quotes"),
    ('{"a": tru}', 1, 7, "expected a value, found 'tru'"),
    ('{"a": 01}', 1, 7, "expected a value, found a number JSON does not allow"),
    ('{"a": "x\\qy"}', 1, 9, "invalid escape in text (JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"),
    ('{"a": "x\ny"}', 1, 9, "a control character (a line break, say) inside text: write it as an escape"),
    ('{"a": "xy}', 1, 7, "text is not closed: a '\"' is missing"),
    ('{"a": 1}\n{"b": 2}', 2, 1, "more text after the JSON value: a file holds one value"),
    ('{"a": [1,\n', 2, 1, "expected a value, found the end of the file"),
    ('{"a": 1 // note\n}', 1, 9, "comments are not allowed in JSON"),
    ('{"a": 1,,}', 1, 9, "expected a key in double quotes, found ','"),
]


@pytest.mark.parametrize("text, line, column, message", CASES)
def test_syntax_errors_are_ours_in_words_and_place(text, line, column, message):
    with pytest.raises(ScenarioError) as caught:
        parse_json(text, "f.json", ScenarioError)
    error = caught.value
    assert (error.code, error.where.line, error.where.column) == ("json-syntax", line, column)
    assert error.message == f"invalid JSON: {message}"


def test_deep_nesting_with_a_syntax_error_is_too_deep():
    with pytest.raises(ScenarioError) as caught:
        parse_json('{"a": ' + "[" * 500 + "1,]", "f.json", ScenarioError)
    assert caught.value.code == "too-deep"


VALUE = st.recursive(
    st.one_of(st.integers(-5, 5), st.booleans(), st.none(), st.text(max_size=3)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=2), inner, max_size=3)),
    max_leaves=8)
DAMAGE = ["", ",", ":", "]", "}", "[", "{", '"', "'", "\\", "\n", "tru", "01", "/", "1", " ", "\x01", "e"]


@settings(max_examples=600, deadline=None, derandomize=True)
@given(VALUE, st.integers(0, 200), st.sampled_from(DAMAGE), st.integers(0, 2))
def test_our_scan_refuses_exactly_what_json_refuses(value, where, damage, cut):
    """Damage valid JSON anywhere: json refuses it exactly when our scan finds an error, and the
    message is never the interpreter's."""
    text = json.dumps(value, indent=1 if where % 2 else None, ensure_ascii=where % 3 == 0)
    where %= len(text) + 1
    text = text[:where] + damage + text[where + cut:]
    try:
        json.loads(text)
    except json.JSONDecodeError:
        found = syntax_error(text)
        assert found is not None, text
        assert not any(word in found[2] for word in ("Expecting", "delimiter", "Illegal", "Extra data"))
        return
    except RecursionError:
        return
    assert syntax_error(text) is None, text
