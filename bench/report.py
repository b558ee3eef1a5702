"""Writing benchmark results: one JSON file and one Markdown table per run."""

import datetime as dt
import json
import os


def write_report(out_dir, suite, result, markdown):
    """Writes <out_dir>/<suite>-<stamp>.json and .md, prints the Markdown."""
    os.makedirs(out_dir, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M")
    with open(os.path.join(out_dir, f"{suite}-{stamp}.json"), "w") as f:
        json.dump(result, f, indent=2)
    with open(os.path.join(out_dir, f"{suite}-{stamp}.md"), "w") as f:
        f.write(markdown)
    print(markdown)
