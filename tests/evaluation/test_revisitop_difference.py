"""Difference test: the revisited E/M/H mAP and mP@k equal revisitop's ``compute_map`` on random cases.

``_revisitop_compute_ap`` and ``_revisitop_compute_map`` are literal transcriptions of
``revisitop/python/evaluate.py`` (Radenović et al., CVPR 2018), kept as written there (loops,
0-based positions shifted past junk, then 1-based for precision@k).
"""

from __future__ import annotations

import numpy as np
import pytest

from heritage_explorer.evaluation.metrics import PRECISION_KS, revisited_evaluation, revisitop_precision_at_k


def _revisitop_compute_ap(ranks, nres):
    nimgranks = len(ranks)
    ap = 0
    recall_step = 1.0 / nres
    for j in np.arange(nimgranks):
        rank = ranks[j]
        if rank == 0:
            precision_0 = 1.0
        else:
            precision_0 = float(j) / rank
        precision_1 = float(j + 1) / (rank + 1)
        ap += (precision_0 + precision_1) * recall_step / 2.0
    return ap


def _revisitop_compute_map(ranks, gnd, kappas):
    map_ = 0.0
    nq = len(gnd)
    aps = np.zeros(nq)
    pr = np.zeros(len(kappas))
    prs = np.zeros((nq, len(kappas)))
    nempty = 0
    for i in np.arange(nq):
        qgnd = np.array(gnd[i]["ok"])
        if qgnd.shape[0] == 0:
            aps[i] = float("nan")
            prs[i, :] = float("nan")
            nempty += 1
            continue
        qgndj = np.array(gnd[i]["junk"])
        pos = np.arange(ranks.shape[0])[np.isin(ranks[:, i], qgnd)]
        junk = np.arange(ranks.shape[0])[np.isin(ranks[:, i], qgndj)]
        k = 0
        ij = 0
        if len(junk):
            ip = 0
            while ip < len(pos):
                while ij < len(junk) and pos[ip] > junk[ij]:
                    k += 1
                    ij += 1
                pos[ip] = pos[ip] - k
                ip += 1
        ap = _revisitop_compute_ap(pos, len(qgnd))
        map_ = map_ + ap
        aps[i] = ap
        pos += 1
        for j in np.arange(len(kappas)):
            kq = min(max(pos), kappas[j])
            prs[i, j] = (pos <= kq).sum() / kq
        pr = pr + prs[i, :]
    map_ = map_ / (nq - nempty)
    pr = pr / (nq - nempty)
    return map_, aps, pr, prs


# setup -> (positive labels, junk labels), as revisitop builds gnd['ok'] / gnd['junk'] per setup
_GND_SETUPS = {
    "easy": ({"easy"}, {"hard", "junk"}),
    "medium": ({"easy", "hard"}, {"junk"}),
    "hard": ({"hard"}, {"easy", "junk"}),
}


def _random_case(rng: np.random.Generator):
    n_db, n_q = int(rng.integers(15, 60)), int(rng.integers(2, 8))
    labels = np.array(["easy", "hard", "junk", "wrong"])
    judgments = {}
    rankings = {}
    for q in range(n_q):
        query = 1000 + q  # queries are outside the database, as in revisitop
        judged = rng.random(n_db) < rng.uniform(0.05, 0.6)
        judgments[query] = {int(i): str(rng.choice(labels)) for i in np.flatnonzero(judged)}
        rankings[query] = rng.permutation(n_db)
    return n_db, judgments, rankings


@pytest.mark.parametrize("seed", range(40))
def test_revisited_evaluation_equals_revisitop_compute_map(seed):
    rng = np.random.default_rng(seed)
    n_db, judgments, rankings = _random_case(rng)
    queries = sorted(judgments)
    ranks = np.stack([rankings[q] for q in queries], axis=1)  # revisitop: (n_db, n_queries)
    ours = revisited_evaluation(rankings, judgments)
    for setup, (ok_labels, junk_labels) in _GND_SETUPS.items():
        gnd = [
            {
                "ok": [i for i, label in judgments[q].items() if label in ok_labels],
                "junk": [i for i, label in judgments[q].items() if label in junk_labels],
            }
            for q in queries
        ]
        if all(len(g["ok"]) == 0 for g in gnd):
            assert np.isnan(ours.map[setup])
            continue
        reference_map, _, reference_pr, _ = _revisitop_compute_map(ranks, gnd, list(PRECISION_KS))
        assert ours.map[setup] == pytest.approx(reference_map, abs=1e-12)
        assert [ours.precision_at[setup][k] for k in PRECISION_KS] == pytest.approx(list(reference_pr), abs=1e-12)


def test_revisitop_precision_divides_by_the_rank_of_the_last_positive():
    # two positives at ranks 1 and 3: P@10 = 2 / min(10, 3); P@1 = 1 / 1; plain P@10 would be 0.2
    assert revisitop_precision_at_k([True, False, True, False, False], 10) == pytest.approx(2 / 3)
    assert revisitop_precision_at_k([True, False, True], 1) == 1.0
    assert revisitop_precision_at_k([False, False], 5) == 0.0
    with pytest.raises(ValueError, match="k must be"):
        revisitop_precision_at_k([True], 0)
