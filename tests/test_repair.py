"""The repair stage: each rule on its own (damage repaired, look-alikes left alone), the full
run on our fixtures, and the edit log's round trip to raw text."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.carrier import EditableText, apply_edits
from parallax.errors import UsageError
from parallax.repair import (
    RepairContext,
    build_context,
    context_for,
    find_foreign_spans,
    guess_title,
    repair,
    repair_title,
)
from parallax.repair.registry import RULES

FIXTURES = Path(__file__).parent / "fixtures" / "repair"
BENCH = Path(__file__).parent.parent / "benchmarks" / "bench_repair.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_repair", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_rule(name: str, text: str, ctx: RepairContext | None = None) -> str:
    et = EditableText(text)
    et.apply(RULES[name].fn(text, ctx or RepairContext()))
    assert apply_edits(text, et.edits()) == et.text
    return et.text


def full_repair(text: str, title: str | None = None, outlet: str = "Test Outlet") -> EditableText:
    stats = build_context([(outlet, text, title)])
    return repair(EditableText(text), context_for(stats, outlet, title))


# --- encoding -----------------------------------------------------------------------------------


def test_mojibake_fixed_and_clean_unicode_kept():
    assert run_rule("mojibake", "itâ€™s MÃ¼ller at 5Â°C â€“ â€žyesâ€œ\n") == "it’s Müller at 5°C – „yes“\n"
    clean = "It’s Müller, Østby and Badía — “fine”, 5 °C.\n"
    assert run_rule("mojibake", clean) == clean


def test_mojibake_closing_quote_that_lost_its_last_byte():
    assert run_rule("mojibake", "â€œWe stay,â€ he said.") == "“We stay,” he said."


def test_html_entities_decoded_including_double_escapes():
    text = "Fishers&#39; Cooperative &amp; &quot;friends&quot; &amp;#39;x"
    assert run_rule("html_entities", text) == "Fishers' Cooperative & \"friends\" 'x"
    assert run_rule("html_entities", "R&D and AT&T; a & b") == "R&D and AT&T; a & b"


def test_entity_residue_restores_apostrophes_but_keeps_real_39():
    text = "The council39s plan. We39re sure. They don#39;t know. The mayor8217s aide."
    assert run_rule("entity_residue", text) == "The council's plan. We're sure. They don't know. The mayor's aide."
    real = "Mara Selwyn, aged 39, said 39 boats and 39 People sailed in the B39s at 1939s prices."
    assert run_rule("entity_residue", real) == real


def test_entity_residue_stray_quote_before_a_name():
    text = "They landed at the airport. 39 Selwyn Harbour Field was closed."
    assert run_rule("entity_residue", text) == "They landed at the airport. Selwyn Harbour Field was closed."
    assert run_rule("entity_residue", "It ended. 39 Fishermen were rescued.") == "It ended. 39 Fishermen were rescued."


# --- profanity filter ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damaged, restored",
    [
        ("badistance", "assistance"),
        ("badured", "assured"),
        ("ambbadador", "ambassador"),
        ("Cbad", "Canal"),
        ("pbadage", "passage"),
        ("badysts", "analysts"),
        ("Badociation", "Association"),
        ("BADYSTS", "ANALYSTS"),
        ("clbad", "class"),
    ],
)
def test_profanity_filter_restores(damaged, restored):
    assert run_rule("profanity_filter", f"The {damaged} was noted.") == f"The {restored} was noted."


REAL_WORDS = (
    "badly badge badges badminton Baghdad Abadi Badía Badalova Abadzhiev Bad Sellin Sinbad Islamabad "
    "class embassy assistance canal analysis banal passage title document shell Essex"
)


def test_profanity_filter_leaves_real_words_and_names():
    text = f"{REAL_WORDS}."
    assert run_rule("profanity_filter", text) == text


def test_more_filter_targets_need_evidence_of_the_filter_and_the_corpus():
    ctx = RepairContext(corpus_words={"shell": 3, "hello": 1})
    assert run_rule("profanity_filter", "Bado met the sbad crew.", ctx) == "Bado met the sbad crew."
    assert run_rule("profanity_filter", "The badistance of the sbad crew.", ctx) == "The assistance of the shell crew."
    assert run_rule("profanity_filter", "The badistance of the sbad crew.") == "The assistance of the sbad crew."


def test_profanity_filter_uses_the_corpus_spelling():
    # "Orrinbad" restores to no English word; the corpus spells "Orrinass" elsewhere
    ctx = RepairContext(corpus_words={"orrinass": 2})
    assert run_rule("profanity_filter", "Orrinbad harbour", ctx) == "Orrinass harbour"
    assert run_rule("profanity_filter", "Orrinbad harbour") == "Orrinbad harbour"


# --- boilerplate --------------------------------------------------------------------------------


def test_widget_blocks_removed_with_their_prompt():
    text = "Readers like you keep us going.\n$5\n$20\nDonate\n\nNews starts here.\n\n0 $\n2,500 $\n\nShare this article\n"
    assert run_rule("widgets", text) == "News starts here.\n"


def test_widget_call_inside_a_paragraph_keeps_the_paragraph():
    text = "The mayor resigned on Friday after a long and bitter dispute with the council over the harbour.\nShare this article\n"
    assert run_rule("widgets", text) == "The mayor resigned on Friday after a long and bitter dispute with the council over the harbour.\n"
    short = "The mayor resigned on Friday.\nShare this article\n"
    assert run_rule("widgets", short) == "The mayor resigned on Friday.\n"
    real = "Sign up for the ferry lottery closed on Monday, when 4,000 families had applied, officials said.\n"
    assert run_rule("widgets", real) == real


def test_more_widget_lines():
    text = "Advertisement\nRead more: Storm closes the harbour\nSubscribe to our newsletter\n10 EUR\n\nThe tide rose.\n"
    assert run_rule("widgets", text) == "The tide rose.\n"


def test_image_prompts_and_credits():
    text = (
        "The quay at dawn. Click to see full-size image\nClick to see full-size image\nPhoto: Gazette / Ines Varro\n"
        "Boats in the bay. Source: AP – Credit: Tom Reed\nThe photo: a story in itself.\n"
        "Nets on the quay (Photo: Ines Varro)\nAP Photo/Tom Reed\nThe pier. Photo: Gazette\n"
    )
    assert run_rule("image_prompts", text) == "The quay at dawn.\nBoats in the bay.\nThe photo: a story in itself.\nNets on the quay\nThe pier.\n"


def test_template_lines_need_several_articles_of_the_outlet():
    text = "Read more from the Gazette\nThe tide rose.\n"
    many = RepairContext(outlet_lines={"Read more from the Gazette": 3}, outlet_articles=5)
    assert run_rule("template_lines", text, many) == "The tide rose.\n"
    few = RepairContext(outlet_lines={"Read more from the Gazette": 2}, outlet_articles=5)
    assert run_rule("template_lines", text, few) == text
    rare = RepairContext(outlet_lines={"Read more from the Gazette": 3}, outlet_articles=50)
    assert run_rule("template_lines", text, rare) == text


# --- duplicates ---------------------------------------------------------------------------------


def test_headline_repeats_removed_when_title_known():
    text = "Storm closes the harbour\n\nStorm closes the harbour\n\nThe harbour closed.\n"
    assert run_rule("duplicate_headline", text, RepairContext(title="Storm closes the harbour")) == "The harbour closed.\n"


def test_headline_without_title_keeps_the_first_line():
    text = "Storm closes the harbour\n\nThe harbour closed.\n\nStorm closes the harbour\n"
    assert run_rule("duplicate_headline", text) == "Storm closes the harbour\n\nThe harbour closed.\n"


def test_headline_matched_after_title_repair():
    ctx = RepairContext(title="Mayorâ€™s team &amp; the pbadage")
    assert repair_title(ctx.title, ctx) == "Mayor’s team & the passage"
    assert run_rule("duplicate_headline", "Mayor’s team & the passage\nText.\n", ctx) == "Text.\n"


def test_repeated_caption_and_paragraph_removed_first_kept():
    para = "The council met on Tuesday and voted to sell the lighthouse to a boatbuilder."
    text = f"Boats at dawn.\nBoats at dawn.\n\n{para}\n\nOther news.\n\n{para}\n"
    assert run_rule("duplicate_lines", text) == f"Boats at dawn.\n\n{para}\n\nOther news.\n"


def test_short_lines_far_apart_are_not_duplicates():
    text = "Background\n\nA.\n\nB.\n\nC.\n\nD.\n\nBackground\n"
    assert run_rule("duplicate_lines", text) == text
    assert run_rule("duplicate_lines", "Yes\nYes\n") == "Yes\nYes\n"


def test_wrapped_lines_recurring_in_different_paragraphs_are_kept():
    wrapped = "notice, this list of conditions and the following disclaimer."
    text = f"1. Keep the copyright\n{wrapped}\n\n2. Reproduce the copyright\n{wrapped}\n"
    assert run_rule("duplicate_lines", text) == text


def test_sentence_said_twice_in_a_row_removed():
    text = "The ferry sailed at noon with 212 people. The ferry sailed at noon with 212 people. Then it rained.\n"
    assert run_rule("duplicate_sentences", text) == "The ferry sailed at noon with 212 people. Then it rained.\n"
    short = "Yes. Yes. The vote was close, the chair said.\n"
    assert run_rule("duplicate_sentences", short) == short


# --- layout -------------------------------------------------------------------------------------


def test_broken_names_joined():
    text = "led by the president\n\nHalvard Strand\n\n, who spoke. The arrival of\n\nTamsin Rook\n\nin power changed it.\n"
    assert run_rule("broken_names", text) == "led by the president Halvard Strand, who spoke. The arrival of Tamsin Rook in power changed it.\n"


def test_headings_and_paragraphs_are_not_joined():
    text = "The vote ended.\n\nHalvard Strand\n\nHe spoke first.\n\nthe union chief\n\nlater said, no more\n"
    assert run_rule("broken_names", text) == text
    underlined = "see reporter.java\n\nHarbour Software License\n\n-----------\n"
    assert run_rule("broken_names", underlined) == underlined


def test_whitespace_keeps_one_blank_line_between_paragraphs():
    assert run_rule("whitespace", "\n\nA.\n\n\n\nB.\n \n\n\nC.\n\n\n") == "A.\n\nB.\n\nC.\n"
    assert run_rule("whitespace", "A.\n\nB.\n") == "A.\n\nB.\n"


# --- helpers for other stages --------------------------------------------------------------------


def test_guess_title():
    assert guess_title("0 $\n2,500 $\n\nStorm closes the harbour\n\nThe harbour closed.\n") == "Storm closes the harbour"
    assert guess_title("the harbour closed because\n\nHalvard Strand\n\n, said so.\n") is None
    assert guess_title("The harbour closed on Monday.\n\nMore text.\n") is None


def test_foreign_spans_marked_not_removed():
    text = 'a plane ready to take off [hacia Cuba]. "[The crew] has arrived" (on Monday)'
    spans = find_foreign_spans(text)
    assert [(text[s.start : s.end], s.language) for s in spans] == [("[hacia Cuba]", "es")]
    assert full_repair(text).text == text


def test_unknown_rule_name_is_a_usage_error():
    with pytest.raises(UsageError):
        repair(EditableText("x"), RepairContext(), {"no_such_rule"})


def test_disabled_rule_leaves_its_damage():
    text = "The badysts agreed.\n"
    assert repair(EditableText(text), RepairContext(), {"profanity_filter"}).text == text
    assert repair(EditableText(text), RepairContext()).text == "The analysts agreed.\n"


def test_build_context_counts_lines_per_article_and_outlet():
    stats = build_context([("A", "Tag line\nTag line\nX\n", None), ("A", "Tag line\n", None), ("B", "Tag line\n", None)])
    ctx = context_for(stats, "A", None)
    assert ctx.outlet_lines["Tag line"] == 2 and ctx.outlet_articles == 2
    assert ctx.corpus_words["tag"] == 4


# --- whole runs on our fixtures ------------------------------------------------------------------


def test_fixtures_repaired_to_their_clean_text_with_the_expected_edits():
    bench = load_bench()
    cases = bench.load_cases(FIXTURES)
    stats = build_context([(c["outlet"], c["raw"], c["title"]) for c in cases])
    for c in cases:
        et, made = bench.run_case(c, stats)
        assert et.text == c["clean"], c["name"]
        expected = [(e["kind"], e["before"].strip(), e["after"].strip()) for e in c["edits"]]
        assert sorted(k for k in made.elements() if k[0] != "whitespace") == sorted(expected), c["name"]
        edits = et.edits()
        assert apply_edits(c["raw"], edits) == et.text
        assert apply_edits(c["raw"], [e.to_dict() for e in edits]) == et.text
        assert all(c["raw"][e.raw_start : e.raw_end] == e.before for e in edits)


def test_round_trip_after_a_header_removal_change():
    from parallax.carrier import Change

    raw = "Title: Storm\nOutlet: Gazette\n\nStorm\n\nThe pbadage closed&#39;s\n\n\n\nShare this article\n"
    et = EditableText(raw)
    et.apply([Change(0, raw.index("Storm\n\nThe"), "", "header", "header_block")])
    repair(et, RepairContext(title="Storm"))
    assert et.text == "The passage closed's\n"
    assert apply_edits(raw, et.edits()) == et.text


def test_no_false_edits_on_clean_text():
    clean = (FIXTURES / "courier_orchard.clean.txt").read_text(encoding="utf-8")
    text = clean + f"\n{REAL_WORDS}, the analysts' class at the embassy, aged 39, had 39 votes.\n"
    et = full_repair(text, title="Frost damages a third of Tarrow apple blossom")
    assert et.edits() == []


# --- properties over random damage ---------------------------------------------------------------

PIECES = [
    "The ferry sailed at noon.", "badistance", "Cbad", "badly", "regime39s", "aged 39", "&amp;", "&#39;", "â€™",
    "Ã¼", "Share this article", "$20", "Click to see full-size image", "Photo: Gazette / Ines Varro",
    "Halvard Strand", ", who spoke", "the union led by", "Storm closes the harbour", "\n", "\n\n", "\n\n\n", " ",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_any_damage_mix_round_trips_and_repair_is_idempotent(pieces):
    raw = "".join(pieces)
    et = full_repair(raw, title="Storm closes the harbour")
    assert apply_edits(raw, et.edits()) == et.text
    assert all(raw[e.raw_start : e.raw_end] == e.before for e in et.edits())
    again = full_repair(et.text, title="Storm closes the harbour")
    assert again.text == et.text
