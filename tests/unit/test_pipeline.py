"""The step pipeline: ordering checks, evidence offsets, the assembled default pipeline."""

from __future__ import annotations

import pytest

from thidua.understand.document import Document
from thidua.understand.extract import default_pipeline, understand
from thidua.understand.pipeline import Pipeline, PipelineError, step
from thidua.understand.sentences import split_sentences


@step(needs=("sentences",), adds=("units",))
def _needs_sentences(doc: Document) -> None:
    doc.done.add("probe")


def test_pipeline_rejects_a_step_whose_needs_are_not_met() -> None:
    with pytest.raises(PipelineError, match="needs \\['sentences'\\]"):
        Pipeline([_needs_sentences])


def test_pipeline_runs_steps_in_order_and_records_them() -> None:
    pipeline = Pipeline([split_sentences, _needs_sentences])
    doc = pipeline(Document(text="Câu một. Câu hai."))
    assert pipeline.names == ["split_sentences", "_needs_sentences"]
    assert {"split_sentences", "_needs_sentences", "probe"} <= doc.done


def test_sentence_offsets_point_back_into_the_text() -> None:
    text = "Sáng nay, Khối thi đua số 3 họp tổng kết.\nÔng Lê Văn Minh phát biểu. Hội nghị kết thúc."
    doc = Pipeline([split_sentences])(Document(text=text))
    assert len(doc.sentences) == 3
    for sentence in doc.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    assert doc.sentence_at(text.index("Hội nghị")) is doc.sentences[2]


def test_default_pipeline_is_consistent_and_every_fact_has_evidence_in_the_text() -> None:
    text = (
        "Ngày 12/3/2024, Khối thi đua số 5 tổ chức hội nghị ký kết giao ước thi đua năm 2024. "
        "Ông Trần Văn Bình, Giám đốc Sở Xây dựng, Khối trưởng, chủ trì hội nghị."
    )
    doc = understand(text)
    assert default_pipeline().names[0] == "split_sentences"
    facts = [*doc.units, *doc.leaders, *doc.blocs, *doc.awards, *doc.references, *doc.event_types]
    for fact in facts:
        assert doc.text[fact.evidence.start : fact.evidence.end]
        assert fact.evidence.sentence in doc.text
