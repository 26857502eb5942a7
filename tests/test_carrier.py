"""The carrier's raw<->text map stays exact however repairs stack up."""
from hypothesis import given, settings, strategies as st

from parallax.carrier import Article, Change, EditableText, apply_edits


def test_single_replacements_map_back_to_raw():
    et = EditableText("Hello &amp; wÃ¼rld\n\nShare this\nThe Cbad is long.")
    et.apply([Change(6, 11, "&", "entity"), Change(13, 15, "ü", "mojibake")])
    i = et.text.index("Share")
    et.apply([Change(i, et.text.index("The"), "", "boilerplate")])
    j = et.text.index("Cbad")
    et.apply([Change(j, j + 4, "Canal", "profanity_filter")])
    assert et.text == "Hello & würld\n\nThe Canal is long."
    edits = et.edits()
    assert [e.kind for e in edits] == ["entity", "mojibake", "boilerplate", "profanity_filter"]
    for e in edits:
        assert et.raw[e.raw_start : e.raw_end] == e.before
        assert et.text[e.start : e.end] == e.after
    assert apply_edits(et.raw, edits) == et.text


def test_edit_on_top_of_edit_merges_into_one_raw_span():
    et = EditableText("xx &amp;amp; yy")
    et.apply([Change(3, 8, "&", "entity")])  # "&amp;amp;" -> "&amp;"
    et.apply([Change(3, 8, "&", "entity")])  # -> "&"
    assert et.text == "xx & yy"
    (edit,) = et.edits()
    assert (edit.before, edit.after) == ("&amp;amp;", "&")
    assert apply_edits(et.raw, et.edits()) == et.text


def test_overlapping_changes_from_one_rule_are_not_half_applied():
    et = EditableText("abcdef")
    applied = et.apply([Change(0, 3, "X", "k"), Change(2, 4, "Y", "k")])
    assert applied == 1 and et.text == "Xdef"


def test_article_span_to_raw():
    et = EditableText("Title: T\n\nThe Cbad opened.")
    et.apply([Change(0, 10, "", "header")])
    et.apply([Change(4, 8, "Canal", "profanity_filter")])
    a = Article.from_editable(et, id="a1", path="x.txt")
    start = a.text.index("opened")
    r0, r1 = a.to_raw(start, start + len("opened"))
    assert a.raw[r0:r1] == "opened"
    r0, r1 = a.to_raw(4, 9)  # "Canal" maps to the damaged raw token
    assert a.raw[r0:r1] == "Cbad"


@st.composite
def edit_rounds(draw):
    raw = draw(st.text(alphabet="abc &\n;x", min_size=0, max_size=60))
    rounds = []
    length = len(raw)
    for _ in range(draw(st.integers(1, 4))):
        cuts = sorted(draw(st.lists(st.integers(0, max(length, 0)), max_size=6)))
        changes, last = [], -1
        for a, b in zip(cuts[::2], cuts[1::2]):
            if a > last:
                rep = draw(st.text(alphabet="YZ", max_size=3))
                changes.append((a, b, rep))
                last = b
        rounds.append(changes)
        length += sum(len(r) - (b - a) for a, b, r in changes)
    return raw, rounds


@settings(max_examples=150, deadline=None)
@given(edit_rounds())
def test_any_stack_of_edits_rebuilds_the_text_exactly(case):
    raw, rounds = case
    et = EditableText(raw)
    for changes in rounds:
        n = len(et.text)
        et.apply([Change(min(a, n), min(b, n), r, "k") for a, b, r in changes])
    edits = et.edits()
    assert apply_edits(raw, edits) == et.text
    for e in edits:
        assert raw[e.raw_start : e.raw_end] == e.before
        assert et.text[e.start : e.end] == e.after
