"""Asset-link cells: JSON lists of text, image and video assets, read into ``AssetLink`` objects.

Responsive ads and asset groups hold them (``[{"id":1,"subType":"LandscapeImageMedia"}]``).

Keys this SDK does not know are kept on each link (and a video's thumbnail) and written back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from bingads_typed.bulkfile.cells import DELETE_VALUE, read_enum, write_enum
from bingads_typed.bulkfile.entity import keep_unknown_keys, unknown_keys

T = TypeVar("T")

_IMAGE_KEYS = (
    ("id", "Id"),
    ("name", "Name"),
    ("subType", "SubType"),
    ("cropHeight", "CropHeight"),
    ("cropWidth", "CropWidth"),
    ("cropX", "CropX"),
    ("cropY", "CropY"),
    ("targetWidth", "TargetWidth"),
    ("targetHeight", "TargetHeight"),
)
_IMAGE_LINK_KEYS = frozenset(
    [key for key, _ in _IMAGE_KEYS] + ["assetPerformanceLabel", "editorialStatus", "pinnedField"]
)


def read_image_asset_links(
    cell: str, link_class: Callable[..., T], asset_class: Callable[..., Any], status_enum: Any
) -> list[T] | None:
    """The JSON list of image assets (``[{"id":1,"subType":"LandscapeImageMedia"}]``)."""
    items = asset_link_items(cell, "image assets")
    if items is None:
        return None
    return [
        asset_link(
            link_class,
            asset_class(Type="ImageAsset", **{name: item.get(key) for key, name in _IMAGE_KEYS}),
            item,
            status_enum,
            _IMAGE_LINK_KEYS,
        )
        for item in items
    ]


def write_image_asset_links(links: list[Any] | None) -> str:
    """The compact JSON list; keys without a value are left out."""
    return write_asset_links(links, _IMAGE_KEYS)


_VIDEO_KEYS = (("id", "Id"), ("name", "Name"), ("subType", "SubType"))
_VIDEO_LINK_KEYS = frozenset(
    [key for key, _ in _VIDEO_KEYS]
    + ["thumbnailImage", "assetPerformanceLabel", "editorialStatus", "pinnedField"]
)
_THUMBNAIL_KEYS = frozenset([key for key, _ in _IMAGE_KEYS] + ["type"])


def read_video_asset_links(
    cell: str,
    link_class: Callable[..., T],
    asset_class: Callable[..., Any],
    image_class: Callable[..., Any],
    status_enum: Any,
) -> list[T] | None:
    """The JSON list of video assets (``[{"id":1,"thumbnailImage":{"id":2}}]``)."""
    items = asset_link_items(cell, "video assets")
    if items is None:
        return None
    out = []
    for item in items:
        thumb = item.get("thumbnailImage")
        if thumb is not None and not isinstance(thumb, dict):
            raise ValueError("a video's thumbnailImage is not a JSON object")
        thumbnail = None
        if thumb is not None:
            thumbnail = image_class(
                Type=thumb.get("type"), **{name: thumb.get(key) for key, name in _IMAGE_KEYS}
            )
            keep_unknown_keys(thumbnail, thumb, _THUMBNAIL_KEYS)
        asset = asset_class(
            Type="VideoAsset",
            ThumbnailImage=thumbnail,
            **{name: item.get(key) for key, name in _VIDEO_KEYS},
        )
        out.append(asset_link(link_class, asset, item, status_enum, _VIDEO_LINK_KEYS))
    return out


def _thumbnail_json(image: Any) -> dict[str, object]:
    item: dict[str, object] = {}
    for key, name in _IMAGE_KEYS:
        value = getattr(image, name, None)
        if value is not None:
            item[key] = value
    if image.Type is not None:
        item["type"] = image.Type
    item.update(unknown_keys(image))
    return item


def write_video_asset_links(links: list[Any] | None) -> str:
    """The compact JSON list of the links to video assets; keys without a value are left out."""
    return write_asset_links(links, _VIDEO_KEYS, _video_thumbnail)


def _video_thumbnail(asset: Any) -> tuple[tuple[str, object], ...]:
    thumbnail = getattr(asset, "ThumbnailImage", None)
    return (("thumbnailImage", None if thumbnail is None else _thumbnail_json(thumbnail)),)


_ASSET_KEYS = (
    ("id", "Id"),
    ("name", "Name"),
    ("text", "Text"),
)
_TEXT_LINK_KEYS = frozenset(
    [key for key, _ in _ASSET_KEYS] + ["assetPerformanceLabel", "editorialStatus", "pinnedField"]
)


def write_text_asset_links(links: list[Any] | None) -> str:
    """The compact JSON list Microsoft's files hold; keys without a value are left out."""
    return write_asset_links(links, _ASSET_KEYS)


def write_asset_links(
    links: list[Any] | None,
    asset_keys: Sequence[tuple[str, str]],
    asset_extras: Callable[[Any], Sequence[tuple[str, object]]] | None = None,
) -> str:
    """The compact JSON list of text, image or video asset links; empty keys are left out.

    Per item: the asset's ``asset_keys`` (JSON key, attribute), ``asset_extras`` (a video's
    thumbnail), the link's keys, then the unknown keys it was read with.
    """
    if not links:
        return ""
    items = []
    for link in links:
        asset = link.Asset
        if asset is None:
            continue
        item: dict[str, object] = {}
        for key, name in asset_keys:
            value = getattr(asset, name, None)
            if value is not None:
                item[key] = value
        for key, value in (
            *(asset_extras(asset) if asset_extras is not None else ()),
            ("pinnedField", link.PinnedField),
            ("assetPerformanceLabel", link.AssetPerformanceLabel),
            ("editorialStatus", write_enum(link.EditorialStatus) or None),
        ):
            if value is not None:
                item[key] = value
        item.update(unknown_keys(link))
        items.append(item)
    return json.dumps(items, separators=(",", ":"), ensure_ascii=False) if items else ""


def read_text_asset_links(
    cell: str, link_class: Callable[..., T], asset_class: Callable[..., Any], status_enum: Any
) -> list[T] | None:
    """The JSON list of text assets (headlines, descriptions) of responsive ads."""
    items = asset_link_items(cell, "assets")
    if items is None:
        return None
    return [
        asset_link(
            link_class,
            asset_class(
                Id=item.get("id"), Name=item.get("name"), Text=item.get("text"), Type="TextAsset"
            ),
            item,
            status_enum,
            _TEXT_LINK_KEYS,
        )
        for item in items
    ]


def asset_link_items(cell: str, what: str) -> list[dict[str, Any]] | None:
    """The JSON objects of an asset-links cell: empty → None, ``delete_value`` → []."""
    if not cell:
        return None
    if cell == DELETE_VALUE:
        return []
    items = json.loads(cell)
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValueError(f"not a JSON list of {what}")
    return items


def asset_link(
    link_class: Callable[..., T],
    asset: Any,
    item: dict[str, Any],
    status_enum: Any,
    known_keys: frozenset[str],
) -> T:
    """An AssetLink of ``asset`` with the link's keys of ``item``; its unknown keys are kept."""
    link = link_class(
        Asset=asset,
        AssetPerformanceLabel=item.get("assetPerformanceLabel"),
        EditorialStatus=read_enum(status_enum, item.get("editorialStatus") or ""),
        PinnedField=item.get("pinnedField"),
    )
    keep_unknown_keys(link, item, known_keys)
    return link
