"""Split the document text into sentences with their character offsets."""

from __future__ import annotations

import re

from thidua.understand.document import Document, Sentence
from thidua.understand.pipeline import step

_PARAGRAPH = re.compile(r"[^\n]+")


def _split_paragraph(paragraph: str) -> list[str]:
    # Imported here: underthesea costs ~0.4 s to import and only extraction needs it.
    from underthesea import sent_tokenize

    return [s for s in sent_tokenize(paragraph) if s.strip()]


@step(adds=("sentences",))
def split_sentences(doc: Document) -> None:
    """Paragraphs (lines) are split by underthesea; each sentence keeps its offsets into the text."""
    sentences: list[Sentence] = []
    for para in _PARAGRAPH.finditer(doc.text):
        cursor = 0
        text = para.group(0)
        for piece in _split_paragraph(text):
            found = text.find(piece, cursor)
            if found < 0:  # the tokenizer changed the text; fall back to the whole rest
                found, piece = cursor, text[cursor:]
            start = para.start() + found
            sentences.append(Sentence(index=len(sentences), text=piece, start=start, end=start + len(piece)))
            cursor = found + len(piece)
    doc.sentences = sentences
