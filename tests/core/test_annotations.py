"""Variation annotations on a real SQLite catalog: validation, derivation from flags, CSV round trip."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from heritage_explorer.core.annotations import (
    ABBREVIATIONS,
    VARIATIONS,
    AnnotationError,
    AnnotationStore,
    canonical_variation,
    derive_predominance,
)
from heritage_explorer.core.catalog import Catalog
from heritage_explorer.core.judgments import judgments_from_column
from heritage_explorer.core.records import SourceImage, SourceListing
from tests.conftest import shared_collection

REPO = Path(__file__).resolve().parents[2]


def make_catalog(path: Path, images: list[SourceImage]) -> Catalog:
    catalog = Catalog(path / "catalog.sqlite")
    catalog.add_listing(SourceListing(kind="csv", source=str(path / "groups.csv"), root=path, images=images))
    return catalog


@pytest.fixture
def store(tmp_path: Path) -> AnnotationStore:
    images = [
        SourceImage(f"images/a{i}.jpg", "tower", metadata={"difficulty": d})
        for i, d in enumerate(["", "easy", "hard", "junk", "hard", "", "", "", "", ""])
    ]
    images += [SourceImage(f"images/b{i}.jpg", "arch") for i in range(3)]
    images += [SourceImage("images/x.jpg", "distractor", is_query=False)]
    return AnnotationStore(make_catalog(tmp_path, images))


def ids(store: AnnotationStore, prefix: str) -> list[int]:
    return [r.id for r in store.catalog.images() if Path(r.path).name.startswith(prefix)]


def test_variation_names_abbreviations_and_aliases():
    assert len(VARIATIONS) == 11 and VARIATIONS[0] == "Scale" and VARIATIONS[-1] == "Time changes"
    assert canonical_variation("Sc.") == "Scale"
    assert canonical_variation("do") == "Domain representation"
    assert canonical_variation("Representation domain") == "Domain representation"  # Table 1's spelling
    assert canonical_variation("  time_changes ") == "Time changes"
    assert [canonical_variation(ABBREVIATIONS[v]) for v in VARIATIONS] == list(VARIATIONS)
    with pytest.raises(AnnotationError, match="unknown variation type 'Blur'"):
        canonical_variation("Blur")


@pytest.mark.parametrize(
    ("flagged", "size", "expected"),
    [(0, 10, 0), (1, 10, 1), (1, 2, 1), (2, 10, 2), (3, 10, 2), (4, 10, 3), (3, 9, 2), (4, 9, 3), (2, 3, 3)],
)
def test_predominance_thresholds(flagged, size, expected):
    # §2.2: 1 = one image or fewer, 3 = more than a third of the class (a third exactly is 2).
    assert derive_predominance(flagged, size) == expected


def test_predominance_rejects_impossible_counts():
    with pytest.raises(ValueError):
        derive_predominance(5, 4)


def test_scores_overall_and_validation(store: AnnotationStore):
    assert store.classes() == {"arch": 3, "tower": 10}  # distractors are not a class
    store.set_scores("tower", {"Scale": 3, "Il.": 2, "Color": 1})
    ann = store.get("tower")
    assert ann.explicit == {"Scale": 3, "Illumination": 2, "Color": 1}
    assert ann.overall == 6 and ann.scores["Clutter"] == 0
    store.set_scores("tower", {"Color": None})
    assert "Color" not in store.get("tower").explicit
    with pytest.raises(AnnotationError, match="between 0 and 3, got 4"):
        store.set_scores("tower", {"Scale": 4})
    with pytest.raises(AnnotationError, match="between 0 and 3, got -1"):
        store.set_scores("tower", {"Scale": -1})
    with pytest.raises(AnnotationError, match="unknown variation type"):
        store.set_scores("tower", {"Weather": 1})
    with pytest.raises(AnnotationError, match="unknown class 'bridge'"):
        store.set_scores("bridge", {"Scale": 1})
    assert store.get("tower").explicit == {"Scale": 3, "Illumination": 2}  # failed calls changed nothing


def test_reference_must_belong_to_the_class(store: AnnotationStore):
    tower, arch = ids(store, "a"), ids(store, "b")
    store.set_reference("tower", tower[0])
    assert store.get("tower").reference_path == "images/a0.jpg"
    with pytest.raises(AnnotationError, match="belongs to class 'arch', not 'tower'"):
        store.set_reference("tower", arch[0])
    with pytest.raises(AnnotationError, match="no image with id"):
        store.set_reference("tower", 10_000)


def test_scores_derived_from_flags_and_disagreements(store: AnnotationStore):
    tower = ids(store, "a")  # 10 images
    store.set_reference("tower", tower[0])
    assert store.get("tower").derived is None  # no flag yet: nothing derived
    for image in tower[1:5]:
        store.set_image_flags(image, ["Scale"])  # 4 of 10 > a third -> 3
    store.set_image_flags(tower[5], ["Color", "Sc."])  # Scale: 5 images; Color: 1 -> 1
    store.set_image_flags(tower[6], ["Occlusion"])
    store.set_image_flags(tower[7], ["Occlusion"])  # 2 images -> 2
    ann = store.get("tower")
    assert ann.flag_counts["Scale"] == 5
    assert ann.derived["Scale"] == 3 and ann.derived["Color"] == 1 and ann.derived["Occlusion"] == 2
    assert ann.derived["Clutter"] == 0
    store.set_scores("tower", {"Scale": 2, "Color": 1})
    ann = store.get("tower")
    assert ann.disagreements == {"Scale": (2, 3)}
    assert ann.scores["Scale"] == 2 and ann.scores["Occlusion"] == 2  # explicit wins, derived fills in
    assert ann.overall == 2 + 1 + 2
    with pytest.raises(AnnotationError, match="reference"):
        store.set_image_flags(tower[0], ["Scale"])
    with pytest.raises(AnnotationError, match="no class"):
        store.set_image_flags(ids(store, "x")[0], ["Scale"])


def test_csv_round_trip_between_two_catalogs(store: AnnotationStore, tmp_path: Path):
    store.set_reference("tower", ids(store, "a")[2])
    store.set_scores("tower", dict(zip(VARIATIONS, [3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1], strict=True)))
    store.set_scores("arch", {"Clutter": 2})
    out = tmp_path / "exported.csv"
    assert store.export_csv(out) == 2
    rows = list(csv.reader(out.open()))
    assert rows[0] == ["class", "reference", *VARIATIONS]
    assert rows[1] == ["arch", "", "", "", "", "", "", "", "", "2", "", "", ""]
    assert rows[2] == ["tower", "images/a2.jpg", "3", "2", "1", "0", "3", "2", "1", "0", "3", "2", "1"]

    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = AnnotationStore(
        make_catalog(other_dir, [SourceImage(r.path, r.group) for r in store.catalog.images()])
    )
    assert other.import_csv(out) == ["arch", "tower"]
    assert other.export_text() == out.read_text()
    assert other.get("tower").overall == 18


def test_csv_import_accepts_abbreviations_and_partial_columns(store: AnnotationStore, tmp_path: Path):
    store.set_scores("tower", {"Scale": 1, "Clutter": 3})
    path = tmp_path / "partial.csv"
    path.write_text("class,Sc.,Il.\ntower,2,\n")
    store.import_csv(path)
    # Scale replaced, Illumination cleared (empty cell), Clutter untouched (no column).
    assert store.get("tower").explicit == {"Scale": 2, "Clutter": 3}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("class,reference,Scale\ntower,,7\n", "line 2: score for Scale must be between 0 and 3, got 7"),
        ("class,reference,Scale\ntower,,x\n", "must be an integer"),
        ("class,reference,Blur\ntower,,1\n", "header: unknown variation type 'Blur'"),
        ("class,reference,Scale\nbridge,,1\n", "line 2: unknown class 'bridge'"),
        ("class,reference,Scale\ntower,images/b0.jpg,1\n", "belongs to class 'arch', not 'tower'"),
        ("class,reference,Scale\ntower,images/zz.jpg,1\n", "'images/zz.jpg' is not in the catalog"),
        ("class,Scale,Sc.\ntower,1,1\n", "columns given twice: Scale"),
        ("reference,Scale\n", "must start with 'class'"),
        ("class,Scale\ntower,1\ntower,2\n", "line 3: class 'tower' appears twice"),
    ],
)
def test_csv_import_errors_are_clear_and_import_nothing(
    store: AnnotationStore, tmp_path: Path, content, message
):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(AnnotationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        store.import_csv(path)
    assert store.get("tower").explicit == {} and store.get("arch").explicit == {}


def test_a_bad_row_leaves_the_good_rows_unwritten(store: AnnotationStore, tmp_path: Path):
    path = tmp_path / "mixed.csv"
    path.write_text("class,Scale\narch,3\ntower,9\n")
    with pytest.raises(AnnotationError, match="nothing imported; line 3"):
        store.import_csv(path)
    assert store.get("arch").explicit == {}


def test_judgments_table_and_metadata_column(store: AnnotationStore):
    tower, arch = ids(store, "a"), ids(store, "b")
    store.save_judgments({tower[0]: {tower[1]: "easy", tower[2]: "hard", arch[0]: "wrong"}})
    assert store.judgments() == {tower[0]: {tower[1]: "easy", tower[2]: "hard", arch[0]: "wrong"}}
    with pytest.raises(AnnotationError, match="expected one of"):
        store.save_judgments({tower[0]: {tower[1]: "maybe"}})
    with pytest.raises(AnnotationError, match="against itself"):
        store.save_judgments({tower[0]: {tower[0]: "easy"}})
    store.save_judgments({arch[0]: {arch[1]: "easy"}}, replace=True)
    assert store.judgments() == {arch[0]: {arch[1]: "easy"}}

    from_column = judgments_from_column(store.catalog.images(), "difficulty")
    assert from_column[tower[0]][tower[2]] == "hard" and from_column[tower[0]][tower[3]] == "junk"
    assert from_column[tower[0]][tower[5]] == "easy"  # empty value: an ordinary positive
    assert tower[0] not in from_column[tower[0]] and arch[0] not in from_column[tower[0]]
    assert from_column[arch[0]] == {arch[1]: "easy", arch[2]: "easy"}
    assert ids(store, "x")[0] not in from_column  # distractors are not queries
    with pytest.raises(AnnotationError, match="no image has a 'level' column"):
        judgments_from_column(store.catalog.images(), "level")


def test_delete_one_judgment_and_unknown_ids(store: AnnotationStore):
    tower = ids(store, "a")
    store.save_judgments({tower[0]: {tower[1]: "easy", tower[2]: "junk"}})
    assert store.delete_judgment(tower[0], tower[1]) is True
    assert store.judgments() == {tower[0]: {tower[2]: "junk"}}
    assert store.delete_judgment(tower[0], tower[1]) is False  # nothing left to delete
    with pytest.raises(AnnotationError, match="no image with id 99999"):
        store.save_judgments({tower[0]: {99_999: "easy"}})


def test_judgments_of_one_query(store: AnnotationStore):
    """What the judging keys read on every key press: one query's judgments, not the whole table."""
    tower, arch = ids(store, "a"), ids(store, "b")
    store.save_judgments({tower[0]: {tower[1]: "easy", arch[0]: "wrong"}, arch[0]: {arch[1]: "hard"}})
    assert store.judgments(query_id=tower[0]) == {tower[0]: {tower[1]: "easy", arch[0]: "wrong"}}
    assert store.judgments(query_id=arch[0]) == {arch[0]: {arch[1]: "hard"}}
    assert store.judgments(query_id=tower[5]) == {}
    assert store.judgments() == {**store.judgments(query_id=tower[0]), **store.judgments(query_id=arch[0])}


def test_export_of_effective_scores_keeps_scores_derived_from_flags(store: AnnotationStore, tmp_path: Path):
    tower = ids(store, "a")
    store.set_reference("tower", tower[0])
    for image in tower[1:3]:
        store.set_image_flags(image, ["Scale"])  # 2 of 10 images -> 2
    store.set_scores("tower", {"Color": 3})
    rows = {r["class"]: r for r in csv.DictReader(store.export_text().splitlines())}
    assert rows["tower"]["Scale"] == "" and rows["tower"]["Color"] == "3"  # explicit only
    out = tmp_path / "effective.csv"
    store.export_csv(out, effective=True)
    rows = {r["class"]: r for r in csv.DictReader(out.read_text().splitlines())}
    assert rows["tower"]["Scale"] == "2" and rows["tower"]["Color"] == "3" and rows["tower"]["Clutter"] == "0"
    assert rows["arch"]["Scale"] == ""  # a class nobody annotated stays empty


@pytest.mark.shared_data
def test_example_rparis_annotations_import(tmp_path: Path):
    with shared_collection("rparis6k_subset_5x50").open() as fh:
        images = [SourceImage(r["path"], r["group"], r["query"] == "1") for r in csv.DictReader(fh)]
    store = AnnotationStore(make_catalog(tmp_path, images))
    example = REPO / "resources" / "examples" / "rparis6k_variations.csv"
    assert sorted(store.import_csv(example)) == sorted(store.classes())
    for name, ann in store.all().items():
        reference = store.catalog.image(ann.reference_image_id)
        assert reference.group == name and reference.path == ann.reference_path
        assert set(ann.explicit) == set(VARIATIONS)


def test_panel_example_scores_follow_from_its_per_image_decisions():
    """resources/examples/rparis6k_panel_annotations.csv holds the scores the paper's thresholds give
    for the per-image decisions entered in the panel (rparis6k_panel_decisions.txt)."""
    examples = REPO / "resources" / "examples"
    classes: dict[str, list[str]] = {}
    for raw in (examples / "rparis6k_panel_decisions.txt").read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("["):
            current = classes.setdefault(line.strip("[]"), [])
        elif line:
            current.append(line)
    with (examples / "rparis6k_panel_annotations.csv").open() as fh:
        rows = {r["class"]: r for r in csv.DictReader(fh)}
    assert set(rows) == set(classes) and len(classes) == 6
    for name, lines in classes.items():
        references = [line.split(":")[0] for line in lines if line.endswith(": reference")]
        assert len(references) == 1 and Path(rows[name]["reference"]).name == references[0]
        flags = [{canonical_variation(v) for v in line.split(":")[1].split() if v not in ("-", "reference")}
                 for line in lines]
        for variation in VARIATIONS:
            shown = sum(variation in f for f in flags)
            assert int(rows[name][variation]) == derive_predominance(shown, len(lines)), (name, variation)


def test_set_images_flags_writes_a_selection_in_one_transaction(store: AnnotationStore) -> None:
    """A map selection is flagged in one write (one commit, counted by SQLite's total_changes on the
    same connection), each image with its own set; an invalid image anywhere writes nothing."""
    tower, arch = ids(store, "a"), ids(store, "b")
    store.set_reference("tower", tower[0])
    store.set_image_flags(tower[1], ["Color"])
    conn = store.catalog._connection()
    commits = []
    conn.set_trace_callback(lambda sql: commits.append(sql) if sql.strip().upper() == "COMMIT" else None)
    selection = {i: ["Scale"] for i in tower[2:] + arch} | {tower[1]: ["Color", "Sc."]}
    store.set_images_flags(selection)
    conn.set_trace_callback(None)
    assert len(commits) == 1
    flags = store.get("tower").flags
    assert flags[tower[1]] == {"Color", "Scale"} and all(flags[i] == {"Scale"} for i in tower[2:])
    assert all(store.get("arch").flags[i] == {"Scale"} for i in arch)
    store.set_images_flags({tower[1]: [], tower[2]: ["Occlusion"]})  # replaced, cleared
    flags = store.get("tower").flags
    assert tower[1] not in flags and flags[tower[2]] == {"Occlusion"}
    for bad, match in (({tower[3]: ["Clutter"], tower[0]: ["Clutter"]}, "reference"),
                       ({tower[3]: ["Clutter"], ids(store, "x")[0]: ["Clutter"]}, "no class"),
                       ({tower[3]: ["Clutter"], 10 ** 6: ["Clutter"]}, "no image")):
        with pytest.raises(AnnotationError, match=match):
            store.set_images_flags(bad)
        assert store.get("tower").flags[tower[3]] == {"Scale"}, "nothing written"
