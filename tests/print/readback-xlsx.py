#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Reads a report workbook back with openpyxl, independently of the code that wrote it, and
# prints what the tests compare with `motcuactl report … --json`: the cached value of every
# cell of the figures, the formulas of the totals and the merged header cells.
import json
import sys

import openpyxl

path, kind = sys.argv[1], sys.argv[2]
values = openpyxl.load_workbook(path, data_only=True).worksheets[0]
formulas = openpyxl.load_workbook(path, data_only=False).worksheets[0]
out = {"merged": sorted(str(r) for r in values.merged_cells.ranges), "rows": []}
if kind == "bieu06":
    for row, frow in zip(values.iter_rows(min_row=10), formulas.iter_rows(min_row=10)):
        if row[1].value is None:
            continue
        out["rows"].append({
            "label": row[1].value,
            "columns": [c.value for c in row[2:13]],
            "formulas": [isinstance(c.value, str) and c.value.startswith("=") for c in frow[2:13]],
        })
else:
    for row, frow in zip(values.iter_rows(min_row=6), formulas.iter_rows(min_row=6)):
        out["rows"].append({
            "id": row[0].value or "",
            "label": row[1].value,
            "numerator": row[2].value,
            "denominator": row[3].value,
            "points": row[7].value,
            "points_formula": isinstance(frow[7].value, str) and frow[7].value.startswith("="),
        })
json.dump(out, sys.stdout, ensure_ascii=False)
