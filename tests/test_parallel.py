"""Stages that work one document at a time give the same tables on several processes as on one.

The corpus is generated (测试样例 fixture sentences and paragraphs of the shipped S/PRST/2021/1, recombined;
see series_fixtures.py), not UN text.
"""

from __future__ import annotations

import pandas as pd
import pytest
from series_fixtures import generated_documents, write_corpus

import helpers
from helpers.parallel import PARALLEL_MIN_DOCUMENTS, document_chunks, worker_count


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parallel") / "corpus"
    write_corpus(folder, generated_documents(24))
    return folder


def test_parallel_stages_equal_the_serial_run(corpus_folder):
    serial = helpers.load_corpus(corpus_folder, workers=1)
    assert serial["symbol"].nunique() == 24
    pd.testing.assert_frame_equal(helpers.load_corpus(corpus_folder, workers=2), serial)
    tokens = helpers.token_table(serial, progress=False, workers=1)
    pd.testing.assert_frame_equal(helpers.token_table(serial, progress=False, workers=2), tokens)
    citations = helpers.extract_citations(serial, workers=1)
    assert len(citations) > 24
    pd.testing.assert_frame_equal(helpers.extract_citations(serial, workers=2), citations)


def test_a_bad_file_is_named_from_a_worker_too(corpus_folder, tmp_path):
    import shutil

    folder = tmp_path / "corpus"
    shutil.copytree(corpus_folder, folder)
    victim = sorted((folder / "raw").iterdir())[5]
    victim.write_bytes(victim.read_bytes() + "测试样例".encode())
    with pytest.raises(helpers.DataError, match=f"{victim.name}: checksum mismatch"):
        helpers.load_corpus(folder, workers=2)


def test_worker_count_and_chunks():
    assert worker_count(None, PARALLEL_MIN_DOCUMENTS - 1) == 1
    assert worker_count(None, PARALLEL_MIN_DOCUMENTS) >= 1
    assert worker_count(8, 3) == 3 and worker_count(1, 1000) == 1 and worker_count(0, 5) >= 1
    with pytest.raises(helpers.DataError, match="workers must be a whole number"):
        worker_count("2", 10)
    symbols = pd.Series(["a", "a", "b", "c", "c", "c", "d"])
    chunks = document_chunks(symbols, 3)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(symbols)
    assert all(a < b for a, b in chunks) and all(chunks[k][1] == chunks[k + 1][0] for k in range(len(chunks) - 1))
    for a, _ in chunks[1:]:
        assert symbols[a] != symbols[a - 1]  # a document never spans two chunks
