"""bench/extraction.py: its ASR-like variants change the text as they say, the same way every
run, and the bench runs end to end on a tiny corpus written here."""
import json
from pathlib import Path

import pytest

from from_file import module_from_file

BENCH = Path(__file__).resolve().parents[1] / "bench" / "extraction.py"


@pytest.fixture(scope="module")
def bench():
    return module_from_file(BENCH, "bench_extraction")


def variant(bench, name, text, key="s/step"):
    return bench.VARIANTS[name](text, key, bench.THIN_SHARE, bench.SEED)


def test_lowercase_and_question_marks(bench):
    text = "Est-ce que Lou a vu ? Tu l'appelles Lundi? Oui."
    assert variant(bench, "lowercase", text) == "est-ce que lou a vu ? tu l'appelles lundi? oui."
    assert variant(bench, "no '?'", text) == "Est-ce que Lou a vu Tu l'appelles Lundi Oui."
    assert variant(bench, "written", text) == text


def test_thinning_removes_only_commas_and_final_periods_the_same_way_every_run(bench):
    text = " ".join(f"Phrase {n}, avec une virgule, puis 2,5 points..." if n % 2 else f"Phrase {n}, fin."
                    for n in range(40))
    thinned = variant(bench, "thinned", text)
    assert thinned == variant(bench, "thinned", text)                  # deterministic
    assert thinned != variant(bench, "thinned", text, key="other/step")  # drawn per document
    assert thinned.replace(",", "").replace(".", "") == text.replace(",", "").replace(".", "")
    assert thinned.count("2,5") == text.count("2,5") and thinned.count("...") == text.count("...")
    removable = len(bench.THINNABLE.findall(text))
    assert 0.3 * removable < removable - len(bench.THINNABLE.findall(thinned)) < 0.7 * removable
    together = variant(bench, "all three", text + " Et toi ?")
    assert together == bench.lowercase(bench.drop_question_marks(bench.thin(text + " Et toi ?", "s/step")))


def test_bench_scores_a_small_corpus_with_the_held_out_split(bench, tmp_path, capsys):
    docs = [
        {"id": "fr-test/clarification", "lang": "fr", "date": "2026-03-02", "step": "clarification",
         "text": "Est-ce que tu as déjà parlé de ce retard à ta directrice ? Oui, la semaine dernière.",
         "items": [{"kind": "question", "text": "Est-ce que tu as déjà parlé de ce retard à ta directrice ?",
                    "disguised_suggestion": False}]},
        {"id": f"{bench.HELD_OUT[1]}/synthesis", "lang": "en", "date": "2026-03-02", "step": "synthesis",
         "text": "So, I will call the supplier tomorrow morning.",
         "items": [{"kind": "commitment", "text": "I will call the supplier tomorrow morning.", "due": "2026-03-03"}]},
    ]
    corpus = tmp_path / "tiny.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")

    assert bench.main(["--corpus", str(corpus), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)["corpora"][0]
    assert list(result["variants"]) == list(bench.VARIANTS)
    assert result["held_out"] == [bench.HELD_OUT[1]]
    written = result["variants"]["written"]
    assert written["all"]["kinds"]["question"]["tp"] == 1
    assert written["held out"]["kinds"]["commitment"]["tp"] == 1
    assert {"session fr-test", "lang en", "rule development", "held out"} <= set(written)

    assert bench.main(["--corpus", str(corpus)]) == 0
    printed = capsys.readouterr().out
    assert "HELD-OUT sessions" in printed and "all three" in printed
    assert printed.rstrip().splitlines()[-1].startswith("elapsed")


def test_a_missing_corpus_is_one_line(bench, tmp_path, capsys):
    assert bench.main(["--corpus", str(tmp_path / "none.jsonl")]) == 1
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_the_corpora_written_apart_are_labelled_steps_the_scorer_reads(bench):
    """bench/corpora/: each corpus is in the format of ../shared/eval, every item's words are in its step."""
    corpora = sorted(bench.WRITTEN_APART.glob("*.jsonl"))
    assert corpora
    for path in corpora:
        docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for doc in docs:
            assert all(field in doc for field in bench.REQUIRED), (path.name, doc.get("id"))
            for item in doc["items"]:
                assert item["kind"] in ("question", "suggestion", "commitment", "learning", "demand")
                assert item["text"] in doc["text"], (path.name, doc["id"], item["text"])
