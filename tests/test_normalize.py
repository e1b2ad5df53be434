"""Title normalization: display titles, sort titles and keys, match keys and CJK n-grams."""

from hypothesis import given
from hypothesis import strategies as st

from catalog_app.core.normalize import (
    cjk_query,
    cjk_tokens,
    display_title,
    fold_accents,
    has_cjk,
    match_key,
    sort_key,
    sort_title,
)


def test_catalog_style_titles_read_naturally():
    assert display_title("Matrix, The") == "The Matrix"
    assert display_title("Good, the Bad and the Ugly, The") == "The Good, the Bad and the Ugly"
    assert display_title("Misérables, Les") == "Les Misérables"
    assert display_title("I, Robot") == "I, Robot"


def test_matrix_the_and_the_matrix_are_one_title():
    assert sort_title("The Matrix") == sort_title("Matrix, The") == "Matrix, The"
    assert sort_key("The Matrix") == sort_key("Matrix, The") == "matrix"
    assert match_key("The Matrix") == match_key("Matrix, The") == "matrix"


def test_articles_depend_on_the_language():
    assert sort_title("Die Hard") == "Die Hard"
    assert sort_title("Das Boot", "de") == "Boot, Das"
    assert sort_title("I Am Legend") == "I Am Legend"
    assert sort_title("Les Misérables", "fr") == "Misérables, Les"
    assert sort_title("L'Avventura", "it") == "Avventura, L'"


def test_sort_keys_fold_accents_case_and_order_numbers():
    assert sort_key("Amélie") == sort_key("amelie")
    assert sorted(["Part 10", "Part 2", "Part 1"], key=sort_key) == ["Part 1", "Part 2", "Part 10"]


def test_cjk_marks_that_carry_meaning_are_kept():
    assert fold_accents("がんばれ") == "がんばれ"  # dakuten are not accents
    assert fold_accents("이 별에 필요한") == "이 별에 필요한"  # Hangul stays composed
    assert match_key("君の名は。") == "君の名は"


def test_cjk_tokens_hold_pairs_in_order_and_every_character():
    tokens = cjk_tokens("이 별에 필요한 Lost")
    assert tokens.split("\n") == ["", "별에", "필요 요한", "이 별 에 필 요 한"]
    assert "Lost" not in tokens
    assert cjk_query("필요한") == "필요 요한" and cjk_query("별") == "별"
    assert cjk_tokens("\u1107\u1167\u11af") == cjk_tokens("별")  # decomposed Hangul is composed first
    assert has_cjk("すずめ") and not has_cjk("Suzume")


@given(st.text(max_size=200))
def test_normalizers_accept_any_text(text):
    assert isinstance(sort_key(text), str)
    assert isinstance(match_key(text), str)
    assert sort_key(display_title(text)) == sort_key(sort_title(text)) or "," in text
