#!/usr/bin/env python3
"""Derives domain/data/regions.txt from the CSV files of the npm package idn-area-data.

    cd /tmp && npm pack idn-area-data@4.0.1 && tar xzf idn-area-data-4.0.1.tgz
    python3 domain/data/derive_regions.py /tmp/package/data > domain/data/regions.txt

Format, one record a line (see domain/src/region.rs, which reads it):
    # ...            comment
    *11 Aceh         province: code, name
    +01 Aceh Selatan regency/city of the province above; "Kabupaten" (01-69) or "Kota" (71-99)
                     is left out because the code says which
    Bakongan         district of the regency above, numbered one past the previous district
                     (the first is 01)
    =05 Cangkuang    district whose number is not one past the previous (numbering has gaps)
"""
import csv
import sys

src = sys.argv[1]


def rows(name):
    with open(f"{src}/{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


provinces = rows("provinces")
regencies = rows("regencies")
districts = rows("districts")

out = sys.stdout
out.write("# Kemendagri region codes derived from idn-area-data 4.0.1 (ODbL 1.0). See REGIONS-LICENSE.md.\n")
out.write(f"# {len(provinces)} provinces, {len(regencies)} regencies/cities, {len(districts)} districts.\n")
regs_by_prov = {}
for r in regencies:
    regs_by_prov.setdefault(r["province_code"], []).append(r)
dists_by_reg = {}
for d in districts:
    dists_by_reg.setdefault(d["regency_code"], []).append(d)

for p in sorted(provinces, key=lambda p: p["code"]):
    out.write(f"*{p['code']} {p['name']}\n")
    for r in sorted(regs_by_prov.get(p["code"], []), key=lambda r: r["code"]):
        code = r["code"].split(".")[1]
        kind = "Kabupaten " if int(code) < 70 else "Kota "
        assert r["name"].startswith(kind), r
        out.write(f"+{code} {r['name'][len(kind):]}\n")
        expected = 1
        for d in sorted(dists_by_reg.get(r["code"], []), key=lambda d: d["code"]):
            num = int(d["code"].split(".")[2])
            name = d["name"]
            assert name and name[0] not in "#*+=" and name == name.strip(), d
            if num == expected:
                out.write(f"{name}\n")
            else:
                out.write(f"={num:02d} {name}\n")
            expected = num + 1
