"""Read a copex sweep's output folder with pandas (README: "Reading results in pandas").

    copex sweep scenarios/sweeps/foundation-share.yaml --plain-names --out out/fs
    python3 analysis/testdata/read_runs.py out/fs

runs.csv has a row per run; ticks.parquet (ticks.csv with copex sweep --csv) a row per
run and tick. pandas reads Parquet only with pyarrow or fastparquet installed; Debian
12 packages neither, so there write ticks.csv with --csv. The script prints a JSON
summary, which a Go test (analysis/pandas_test.go) checks against copex's own reading.
"""
import json
import os
import sys

import pandas as pd

out = sys.argv[1]
manifest = json.load(open(os.path.join(out, "manifest.json")))
runs = pd.read_csv(os.path.join(out, "runs.csv"))
ticks_path = os.path.join(out, manifest["ticks_file"])
if ticks_path.endswith(".parquet"):
    try:
        ticks = pd.read_parquet(ticks_path)
    except ImportError as e:
        print(f"read_runs.py: {ticks_path} needs pyarrow or fastparquet ({e}); "
              "or write ticks.csv with copex sweep --csv", file=sys.stderr)
        sys.exit(3)
else:
    ticks = pd.read_csv(ticks_path)

# A replicate runs with the same seed at every point, so average each replicate over
# the other parameters first, then take the mean and its standard error over replicates.
by_replicate = runs.groupby(["issuance_foundation_share", "replicate"]).last_price_index.mean()
band = by_replicate.groupby(level="issuance_foundation_share").agg(["mean", "sem", "count"])

# The price index at the last tick of each run, with the run's parameters beside it.
last = ticks[ticks.tick == ticks.tick.max()]
last_price = last.groupby("issuance_foundation_share").price_index.mean()

print(json.dumps({
    "ticks_file": os.path.basename(ticks_path),
    "runs_columns": list(runs.columns),
    "ticks_columns": list(ticks.columns),
    "ticks_dtypes": {c: str(t) for c, t in ticks.dtypes.items()},
    "runs": len(runs),
    "ticks": len(ticks),
    "band": {str(x): [r["mean"], r["sem"], int(r["count"])] for x, r in band.iterrows()},
    "last_tick_price": {str(x): v for x, v in last_price.items()},
}))
