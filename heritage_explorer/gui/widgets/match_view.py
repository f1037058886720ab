"""The match view: why a local result matched (issues #18 part 2, #21 part 1).

The query and the result side by side at the same height, the geometrically verified matches
(inliers) as green lines, the tentative matches RANSAC rejected (outliers) as red ones on demand,
every keypoint of both images as a dot on demand, and for a region query the region (dashed) in
the query and where it was found in the result (solid), in the region colour of the tiles and
the image viewer. Wheel or +/- zoom under the mouse, drag pans, 0 or Fit shows everything.

What is drawn comes from :func:`heritage_explorer.pipeline.matches.pair_matches` (original
pixels of each image); a scene unit is an original pixel of each image scaled to a common height
of :data:`SCENE_HEIGHT`, so points and boxes are placed exactly, whatever size the pictures were
decoded at. The pair and the pictures arrive from one job (``gui/match_controller.py``); nothing
is decoded or matched on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QShortcut,
    QTransform,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.core.regions import Box
from heritage_explorer.descriptors.local.drawing import INLIER_COLOUR, OUTLIER_COLOUR
from heritage_explorer.gui.delegates.thumbnail import REGION_COLOR
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.widgets.image_viewer import ZoomView
from heritage_explorer.gui.workers import Job, JobRunner
from heritage_explorer.pipeline.matches import PairMatches

SCENE_HEIGHT = 1000.0  # both images are shown this high (scene units)
GAP = 24.0  # between the two images
INLIER = QColor(*INLIER_COLOUR)  # the colours of the CLI's match picture (descriptors/local/drawing.py)
OUTLIER = QColor(*OUTLIER_COLOUR)
KEYPOINT = QColor("#2f8cff")


def legend_html() -> str:
    """The colours of the view, in the interface language."""
    return "&nbsp; ".join(f"<span style='color:{colour.name()}'>{mark}</span> {what}" for colour, mark, what in (
        (INLIER, "■", translate("MatchView", "inliers (geometrically verified)")),
        (OUTLIER, "■", translate("MatchView", "outliers (rejected by RANSAC)")),
        (KEYPOINT, "●", translate("MatchView", "keypoints")), (REGION_COLOR, "□", translate("MatchView", "region"))))


@dataclass(frozen=True)
class MatchPictures:
    """What the view shows: the pair, and the two images decoded for display (off the GUI thread)."""

    pair: PairMatches
    image_a: QImage
    image_b: QImage


class PointsItem(QGraphicsItem):
    """Many dots in one item (one ``drawPoints``), a few screen pixels wide at any zoom."""

    def __init__(self, points: np.ndarray, colour: QColor, width: float, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.polygon = QPolygonF([QPointF(float(x), float(y)) for x, y in points])
        self.pen = QPen(colour, width)
        self.pen.setCosmetic(True)
        self.pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self._bounds = self.polygon.boundingRect().adjusted(-2, -2, 2, 2)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setPen(self.pen)
        painter.drawPoints(self.polygon)


class MatchGraphics(ZoomView):
    """The two images in one zoomable, pannable scene (``item`` is the query's picture)."""

    def fit(self) -> None:
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


def lines(points_a: np.ndarray, points_b: np.ndarray, matches: np.ndarray) -> QPainterPath:
    """One segment per match, from ``points_a[i]`` to ``points_b[j]`` (scene coordinates)."""
    path = QPainterPath()
    for i, j in matches:
        path.moveTo(QPointF(*points_a[i]))
        path.lineTo(QPointF(*points_b[j]))
    return path


def _pen(colour: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)  # screen pixels at any zoom
    return pen


class MatchView(QDialog):
    """The matches of one local result; ``job`` returns :class:`MatchPictures` (run by ``runner``)."""

    def __init__(self, runner: JobRunner, job: Job, names: tuple[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per request: closed ones must not pile up
        self.setWindowTitle(translate("MatchView", "Matches: {query} ↔ {result}").format(
            query=names[0], result=names[1]))
        self.resize(1300, 700)
        self.view = MatchGraphics()
        self.pictures: MatchPictures | None = None
        self.item_b = QGraphicsPixmapItem()
        self.item_b.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.view.scene().addItem(self.item_b)
        self.inlier_item: QGraphicsPathItem | None = None  # items are owned by the scene
        self.outlier_item: QGraphicsPathItem | None = None
        self.keypoint_items: list[PointsItem] = []
        self.region_item: QGraphicsRectItem | None = None
        self.found_item: QGraphicsRectItem | None = None
        self.outliers_box = QCheckBox(translate("MatchView", "Outliers"))
        self.outliers_box.setToolTip(translate("MatchView", "Show the tentative matches that RANSAC rejected "
                                                            "(red), O"))
        self.keypoints_box = QCheckBox(translate("MatchView", "Keypoints"))
        self.keypoints_box.setToolTip(translate("MatchView", "Show every keypoint of both images (blue), K"))
        self.fit_button = QPushButton(translate("MatchView", "Fit"))
        self.fit_button.setToolTip(translate("MatchView", "Show both images whole (0)"))
        for control in (self.outliers_box, self.keypoints_box, self.fit_button):
            control.setEnabled(False)  # until the pair has arrived
        self.outliers_box.toggled.connect(self._show_outliers)
        self.keypoints_box.toggled.connect(self._show_keypoints)
        self.fit_button.clicked.connect(self.view.fit)
        self.status = QLabel(translate("MatchView", "Matching…"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        legend = QLabel(legend_html())
        controls = QHBoxLayout()
        for widget in (self.outliers_box, self.keypoints_box, self.fit_button):
            controls.addWidget(widget)
        controls.addSpacing(16)
        controls.addWidget(legend, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, lambda: self.view.zoom(1.25)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self.view.zoom(0.8)),
                           ("0", self.view.fit), ("O", self.outliers_box.toggle), ("K", self.keypoints_box.toggle)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        self.job = runner.start(job, on_finished=self.show_pictures, on_failed=self._fail)

    @property
    def loaded(self) -> bool:
        return self.pictures is not None

    def show_pictures(self, pictures: MatchPictures) -> None:
        """Lay out the pair: pictures, lines, keypoints, boxes; then fit it in the view."""
        self.pictures, pair = pictures, pictures.pair
        scale_a, scale_b = SCENE_HEIGHT / pair.size_a[1], SCENE_HEIGHT / pair.size_b[1]
        offset_b = np.array([pair.size_a[0] * scale_a + GAP, 0.0])
        self._place(self.view.item, pictures.image_a, pair.size_a, scale_a, np.zeros(2))
        self._place(self.item_b, pictures.image_b, pair.size_b, scale_b, offset_b)
        points_a, points_b = pair.keypoints_a * scale_a, pair.keypoints_b * scale_b + offset_b
        scene = self.view.scene()
        self.outlier_item = scene.addPath(lines(points_a, points_b, pair.outliers), _pen(OUTLIER, 1.0))
        self.inlier_item = scene.addPath(lines(points_a, points_b, pair.inliers), _pen(INLIER, 1.6))
        self.keypoint_items = [PointsItem(points, KEYPOINT, 4.0) for points in (points_a, points_b)]
        for item in self.keypoint_items:
            scene.addItem(item)
        if pair.region is not None:
            self.region_item = scene.addRect(self._scene_rect(pair.region, scale_a, np.zeros(2)),
                                             _pen(REGION_COLOR, 2.0, Qt.PenStyle.DashLine))
        if pair.found is not None:
            self.found_item = scene.addRect(self._scene_rect(pair.found, scale_b, offset_b), _pen(REGION_COLOR, 3.0))
        for item in (self.region_item, self.found_item):
            if item is not None:
                item.setZValue(3)
        self.inlier_item.setZValue(2)
        self.outlier_item.setZValue(1)
        self._show_outliers(self.outliers_box.isChecked())
        self._show_keypoints(self.keypoints_box.isChecked())
        scene.setSceneRect(QRectF(0, 0, offset_b[0] + pair.size_b[0] * scale_b, SCENE_HEIGHT))
        for control in (self.outliers_box, self.keypoints_box, self.fit_button):
            control.setEnabled(True)
        self.view.fit()
        self.status.setText(self._summary(pair))

    @staticmethod
    def _place(item: QGraphicsPixmapItem, image: QImage, size: tuple[int, int], scale: float,
               offset: np.ndarray) -> None:
        """``image`` (any decoded size) covering ``size`` original pixels × ``scale``, at ``offset``."""
        item.setPixmap(QPixmap.fromImage(image))
        item.setTransform(QTransform.fromScale(size[0] * scale / max(image.width(), 1),
                                               size[1] * scale / max(image.height(), 1)))
        item.setPos(float(offset[0]), float(offset[1]))

    @staticmethod
    def _scene_rect(box: Box, scale: float, offset: np.ndarray) -> QRectF:
        return QRectF(offset[0] + box.x * scale, offset[1] + box.y * scale, box.w * scale, box.h * scale)

    @staticmethod
    def _summary(pair: PairMatches) -> str:
        text = translate("MatchView", "{spec}: {inliers} inliers of {tentative} tentative matches ({geometry} fitted "
                         "by RANSAC); {keypoints_a} and {keypoints_b} keypoints").format(
            spec=pair.spec, inliers=pair.inlier_count, tentative=pair.tentative, geometry=pair.geometry,
            keypoints_a=len(pair.keypoints_a), keypoints_b=len(pair.keypoints_b))
        if pair.region is not None:
            text += (translate("MatchView", "; region {region} (dashed) found at {found} (solid)").format(
                region=pair.region, found=pair.found) if pair.found is not None else
                translate("MatchView", "; region {region} (dashed) not found: too few inliers").format(
                    region=pair.region))
        return text + translate("MatchView", " — wheel or +/- to zoom, drag to pan, 0 to fit")

    def _show_outliers(self, on: bool) -> None:
        if self.outlier_item is not None:
            self.outlier_item.setVisible(on)

    def _show_keypoints(self, on: bool) -> None:
        for item in self.keypoint_items:
            item.setVisible(on)

    def _fail(self, message: str) -> None:
        self.status.setText(translate("MatchView", "Cannot show the matches: {message}").format(
            message=error_text(message).splitlines()[0]))

    def done(self, result: int) -> None:
        """Closing stops a pair still being matched (in the describer's child, a network may be loading)."""
        self.job.cancel()
        super().done(result)
