"""The jobs that tie the layers together (import, extract, index, search, evaluate).

Each long job takes ``progress`` (a callback receiving ``core.jobs.Progress``) and ``cancel``
(a ``core.jobs.CancelToken``) and returns its result; the CLI and the GUI workers call these.
"""

from heritage_explorer.descriptors.local.matching import use_hamming_knn
from heritage_explorer.index.hamming import hamming_knn
from heritage_explorer.pipeline.extract import ExtractSummary, extract_methods
from heritage_explorer.pipeline.importing import ImportSummary, import_source
from heritage_explorer.pipeline.methods import evaluate_all, extract_any, rank, rank_many, search_any
from heritage_explorer.pipeline.project import Project, open_project, spec_slug
from heritage_explorer.pipeline.search import (
    SearchHit,
    build_index,
    current_vectors,
    describe_external,
    search,
)

use_hamming_knn(hamming_knn)  # binary verification on FAISS's Hamming kernel (descriptors imports no FAISS)

__all__ = [
    "ExtractSummary", "ImportSummary", "Project", "SearchHit", "build_index", "current_vectors",
    "describe_external", "evaluate_all", "extract_any", "extract_methods", "import_source",
    "open_project", "rank", "rank_many", "search", "search_any", "spec_slug",
]
