import json

from serving.parsing import clean_text, parse_candidates


def as_json(*items) -> str:
    return json.dumps({"candidates": list(items)})


def test_reads_the_documented_json_shape():
    parsed = parse_candidates(as_json({"text": "Take a ten-minute walk.", "kind": "advice", "category": "movement"}))
    assert [(p.text, p.kind, p.category) for p in parsed] == [("Take a ten-minute walk.", "advice", "movement")]


def test_reads_json_inside_a_code_fence_with_prose_around():
    document = as_json({"text": "Drink water.", "kind": "advice", "category": "break"})
    content = "Sure! Here are tips:\n```json\n" + document + "\n```\nEnjoy."
    assert [p.text for p in parse_candidates(content)] == ["Drink water."]


def test_reads_json_embedded_in_prose_without_fence():
    content = 'Here you go: [{"tip": "Stretch for two minutes.", "type": "tip", "category": "exercise"}] hope it helps'
    parsed = parse_candidates(content)
    assert [(p.text, p.kind, p.category) for p in parsed] == [("Stretch for two minutes.", "advice", "movement")]


def test_reads_a_plain_list_of_strings_and_infers_categories():
    parsed = parse_candidates(json.dumps(["Put the phone away an hour before bed.", "Close your oldest overdue task."]))
    assert [(p.category, p.kind) for p in parsed] == [("wind-down", "advice"), ("overdue-task", "todo")]


def test_reads_bulleted_lines_when_there_is_no_json():
    parsed = parse_candidates("1. Take a short walk outside.\n2. Write in your journal tonight about what went well.")
    assert len(parsed) == 2


def test_garbage_gives_nothing():
    assert parse_candidates("I'm sorry, I cannot help with that.") == []
    assert parse_candidates("") == []
    assert parse_candidates('{"candidates": "nope"}') == []


def test_maps_category_synonyms_and_case():
    parsed = parse_candidates(as_json({"text": "Rest your eyes.", "kind": "Advice", "category": "Self Care"}))
    assert (parsed[0].kind, parsed[0].category) == ("advice", "mood-lift")


def test_drops_a_candidate_whose_category_cannot_be_mapped_or_inferred():
    assert parse_candidates(as_json({"text": "Buy a lottery ticket.", "kind": "advice", "category": "finance"})) == []


def test_unknown_kind_falls_back_to_the_category_default():
    parsed = parse_candidates(as_json({"text": "Plan the three big things.", "kind": "??", "category": "plan-day"}))
    assert parsed[0].kind == "todo"


def test_drops_empty_and_non_text_items():
    content = as_json({"text": "  ", "category": "break"}, {"text": 42, "category": "break"}, 7, None)
    assert parse_candidates(content) == []


def test_removes_exact_duplicates_ignoring_case_and_punctuation():
    content = as_json(
        {"text": "Take a walk.", "category": "movement"},
        {"text": "take a walk", "category": "movement"},
    )
    assert [p.text for p in parse_candidates(content)] == ["Take a walk."]


def test_long_text_is_cut_to_whole_sentences_within_140_characters():
    long_text = "Take a ten-minute walk around the block. " + "It clears the head and rests the eyes. " * 4
    cut = clean_text(long_text)
    assert cut is not None and len(cut) <= 140 and cut.endswith(".")
    assert cut.startswith("Take a ten-minute walk around the block.")


def test_long_text_without_a_short_enough_sentence_is_dropped():
    assert clean_text("word " * 60) is None


def test_strips_quotes_and_bullets():
    assert clean_text('- "Drink a glass of water."') == "Drink a glass of water."
