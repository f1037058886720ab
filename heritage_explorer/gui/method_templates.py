"""What the registry says of each method and of its weights (``descriptors.registry.list_methods``:
``MethodInfo.description`` and ``.weights``), as templates to translate (context ``Methods``): see
:mod:`heritage_explorer.gui.message_text`. The trunks' and poolings' names and the papers cited are
fields, kept as written; ``tests/gui/test_error_text.py`` checks that every method listed is matched."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

METHOD_TEMPLATES: tuple[str, ...] = (
    # -- registry._register_builtin, pooling.POOLINGS --
    QT_TRANSLATE_NOOP("Methods", "{trunk_title} last conv map, {pooling_title}: {pooling_description} ({pooling_reference})"),
    QT_TRANSLATE_NOOP("Methods", "maximum activation per channel"),
    QT_TRANSLATE_NOOP("Methods", "sum pooling with a Gaussian centre prior"),
    QT_TRANSLATE_NOOP("Methods", "generalised mean pooling, p = 3 (or the checkpoint's learned p)"),
    QT_TRANSLATE_NOOP("Methods", "sum of normalised MACs over a rigid grid of regions (L = 3)"),
    QT_TRANSLATE_NOOP("Methods", "spatially and channel-weighted sum pooling (a = b = 2)"),
    QT_TRANSLATE_NOOP("Methods", "HSV colour histogram 8×4×4, Hellinger-normalised (hand-crafted baseline)"),
    # -- netvlad.netvlad_description --
    QT_TRANSLATE_NOOP("Methods", "NetVLAD (Arandjelović et al. §3.1): K=64 soft-assigned VLAD of the last conv map{projection}, intra- and L2-normalised (32,768-d); centres by k-means on the collection; +pcaw<D> whitens"),
    QT_TRANSLATE_NOOP("Methods", ", projected to 512 channels by a PCA fitted on the collection"),
    # -- registry.list_methods, weights.WeightsLocation.describe (weights.missing_weights_message: Errors) --
    QT_TRANSLATE_NOOP("Methods", "none needed (hand-crafted)"),
    QT_TRANSLATE_NOOP("Methods", "{path_name}: user-supplied state dict ({found_in}: {path_parent})"),
    QT_TRANSLATE_NOOP("Methods", "{path_name}: {known_origin}, {known_licence} ({found_in})"),
)
