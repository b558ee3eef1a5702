"""Markdown tables from benchmark result files (schema_version 2), the one
place numbers become text: each suite writes its .md with these functions,
and `python bench/tables.py` regenerates the README's benchmark sections
from the latest result file of each suite, between the markers
`<!-- bench:<suite>:begin -->` and `<!-- bench:<suite>:end -->`, each table
followed by "Source: bench/results/<file>.json". Numbers are never copied by
hand.

Usage: tables.py [--readme README.md] [--results bench/results] [--check]
(--check: exit 1 when the README is not what the result files give).
"""

import argparse
import glob
import json
import os
import sys

import harness

HERE = os.path.dirname(os.path.abspath(__file__))
SUITES = ("peers", "listing")
# Suites whose script writes its own Markdown next to the result file
# (report.write_report): the README takes that .md as it is.
MD_SUITES = ("python", "gui", "lint")


# ---------------------------------------------------------------- cells

def num(x, digits=0):
    if x is None:
        return "—"
    if 0 < abs(x) < 1 and digits:
        return f"{x:.3g}"
    if abs(x) >= 100 or digits == 0:
        return f"{x:,.0f}"
    return f"{x:,.{digits}f}"


def cell(values, digits=0, scale=1.0):
    s = harness.spread([None if v is None else v * scale for v in values])
    if s is None:
        return "—"
    if s["n"] == 1:
        return num(s["median"], digits)
    return f"{num(s['median'], digits)} ({num(s['min'], digits)}–{num(s['max'], digits)})"


def rcell(r):
    if r is None:
        return "—"
    return f"{r['median']:.2f}× ({r['min']:.2f}–{r['max']:.2f})"


def col(runs, key):
    return [r.get(key) for r in runs]


def wire_e2e(r):
    return r["wire_bytes"] / r["wall_s"] if r.get("wire_bytes") is not None and r["wall_s"] else None


def wire_steady(r):
    return r["wire_bytes"] / r["steady_s"] if r.get("wire_bytes") is not None and r.get("steady_s") else None


def header(res, title):
    m, c, v = res["machine"], res.get("cluster") or {}, res["versions"]
    label = f" **{res['label'].upper()} RUN** (small data sets, busy machine: shows the harness works, not final numbers)." \
        if res.get("label") else ""
    names = (("shardscope_cli", ""), ("aistore_sdk", "SDK "), ("torch", "torch "), ("aisloader", ""),
             ("ais_cli", "ais "), ("curl", ""))
    tools = ", ".join(f"{p}{v[k].split(' (')[0]}" for k, p in names if v.get(k))
    mps = ", ".join(str(t["mountpaths"]) for t in c.get("target_mountpaths", []))
    lines = [f"{title}, {res['date']}.{label}", "",
             f"Machine: {m['cpu_model']}, {m['cores']} cores (shared with the cluster), kernel {m['kernel']}, "
             f"load average at start {m['load_avg_at_start'][0]:.1f}. "
             f"Cluster: AIStore {c.get('ais_version')}, {c.get('proxies')} proxy, {c.get('targets')} targets "
             f"(mountpaths per target: {mps}). "
             f"Tools: {tools}. "
             f"Every cell: median of {res.get('repeat', '?')} runs (min–max); ratios: median ÷ median "
             "(range of the run-by-run ratios of back-to-back runs). End to end = process start to exit, "
             "listing and start-up included; steady = first item to last item.", ""]
    return lines


# ---------------------------------------------------------------- peers

P1_TOOLS = (("shardscope_direct", "shardscope, direct to targets"),
            ("shardscope_proxy", "shardscope --via-proxy"),
            ("sdk_iter_proxy", "SDK AISIterDataset + DataLoader (proxy)"),
            ("sdk_direct", "SDK get_reader(direct=True) + DataLoader"),
            ("aisloader_epoch", "aisloader, one epoch"),
            ("aisloader_timed", "aisloader, timed"))


def rate_rows(by_w, tools, unit_wire=False):
    out = []
    for w, runs in by_w.items():
        for key, name in tools:
            rs = runs.get(key)
            if not rs:
                continue
            e2e = "—" if key == "aisloader_timed" else cell(col(rs, "items_per_s_e2e"))
            line = f"| {w} | {name} | {e2e} | {cell(col(rs, 'items_per_s_steady'))} |"
            if unit_wire:
                line += f" {cell([wire_steady(r) for r in rs], 0, 1e-6)} |"
            cpu = cell(col(rs, "cpu_us_per_item"), 1)
            if key.startswith("shardscope"):
                cpu += f"; own {cell(col(rs, 'engine_cpu_us_per_item'), 1)}"
            line += f" {cpu} | {cell(col(rs, 'tree_pss_mb'))} / {cell(col(rs, 'peak_rss_mb'))} |"
            out.append(line)
    return out


def ratio_row(w, name, ours, theirs, goal=None, e2e=True, fn_e2e=None, fn_steady=None):
    fe = fn_e2e or (lambda r: r["items_per_s_e2e"])
    fs = fn_steady or (lambda r: r["items_per_s_steady"])
    re_ = harness.ratio([fe(r) for r in ours], [fe(r) for r in theirs]) if e2e else None
    rs = harness.ratio([fs(r) for r in ours], [fs(r) for r in theirs])
    judged = re_ if e2e else rs
    g = f"≥ {goal}×" if goal else "—"
    v = harness.verdict(judged, goal) if goal else "—"
    return f"| {w} | {name} | {rcell(re_)} | {rcell(rs)} | {g} | {v} |"


def imbalance(runs):
    vals = [(r.get("targets") or {}).get("imbalance") for r in runs or []]
    return cell(vals, 2) if any(v is not None for v in vals) else "—"


def balance_counters(res):
    """The counters a result file's balance was read from (older files: get.n alone)."""
    for runs in res["p1"].values():
        for r in runs.get("shardscope_direct", []):
            return (r.get("targets") or {}).get("counters", "get.n")
    return "get.n"


def balance_rows(res):
    rows = []
    for w, r in res["p1"].items():
        rows.append(f"| P1 objects | {w} | {imbalance(r.get('shardscope_direct'))} "
                    f"| {imbalance(r.get('shardscope_proxy'))} |")
    for label, by_w in res["p2"].items():
        for w, r in by_w.items():
            rows.append(f"| P2 {label} shards | {w} | {imbalance(r.get('shardscope_direct'))} "
                        f"| {imbalance(r.get('shardscope_proxy'))} |")
    for w, r in (res.get("p6") or {}).items():
        rows.append(f"| P6 get-batch | {w} | {imbalance(r.get('shardscope'))} | — |")
    return rows if any("—" not in row.split("|")[3] for row in rows) else []


def p6_floor_rows(floor):
    """Request latency and rate by objects per request; rates relative to 64 per request."""
    # The rate from the loader's start: "steady" (first item to last) would
    # leave out the wait for the first request, a large part of a short run.
    def rate(r):
        return r["items"] / r["engine_s"] if r.get("engine_s") else None

    rows = ["| objects per request | request latency p50 (ms) | items/s, loader start to last item "
            "| items/s ÷ at 64 per request |", "| ---: | ---: | ---: | ---: |"]
    base = floor.get("64")
    for size, rs in floor.items():
        lat = cell([(r.get("latency_ms") or {}).get("p50") for r in rs], 1)
        rates = [rate(r) for r in rs]
        rel = rcell(harness.ratio(rates, [rate(r) for r in base])) if base else "—"
        rows.append(f"| {size} | {lat} | {cell(rates)} | {rel} |")
    return rows


def render_peers(res):
    L = header(res, "Peer comparison (P1, P2, P3, P6)")
    ds = res["datasets"]
    shim = any(r.get("xxhash_shim") for runs in res["p1"].values() for r in runs.get("sdk_direct", []))
    L += [f"### P1: {ds['small']['objects']:,} objects of 1 KiB, each once", "",
          "| W | tool | items/s end to end | items/s steady | CPU µs/item; loader's own | peak MB: tree PSS / largest RSS |",
          "| ---: | --- | ---: | ---: | ---: | ---: |"]
    L += rate_rows(res["p1"], P1_TOOLS)
    L += ["", "| W | ratio | end to end | steady | goal | verdict |", "| ---: | --- | ---: | ---: | --- | --- |"]
    for w, r in res["p1"].items():
        L.append(ratio_row(w, "shardscope via proxy ÷ SDK via proxy (same path)", r["shardscope_proxy"],
                           r["sdk_iter_proxy"], 8))
        L.append(ratio_row(w, "shardscope direct ÷ SDK direct (same path)", r["shardscope_direct"],
                           r["sdk_direct"], 8))
        L.append(ratio_row(w, "shardscope direct ÷ SDK via proxy (path + engine)", r["shardscope_direct"],
                           r["sdk_iter_proxy"]))
        L.append(ratio_row(w, "shardscope direct ÷ aisloader epoch", r["shardscope_direct"],
                           r["aisloader_epoch"], 0.9))
        L.append(ratio_row(w, "shardscope via proxy ÷ aisloader epoch (same path)", r["shardscope_proxy"],
                           r["aisloader_epoch"], 0.9))
        L.append(ratio_row(w, "shardscope direct ÷ aisloader timed (rate only)", r["shardscope_direct"],
                           r["aisloader_timed"], 0.9, e2e=False))
    L += ["", "Goal verdicts on the end-to-end ratio (steady where a tool has no end to end: aisloader timed); "
          "\"overlaps the goal\" = the run-by-run ratios fall on both sides of it. aisloader and the SDK's "
          "AISIterDataset GET through the proxy (a redirect per object). CPU µs/item: user + sys of the whole "
          "process tree ÷ items; \"own\": shardscope's own counter during the read (listing and start-up "
          "excluded)."]
    if shim:
        L += ["", "SDK direct: `Object.get_reader(direct=True)` of SDK 1.25.0 raises TypeError with xxhash 4.x "
              "(`xxh64(input=...)`); the dataset passes the name positionally through a two-line shim "
              "(bench/sdk_worker.py), as a user would have to."]
    for label, by_w in res["p2"].items():
        d = ds[f"shards_{label}"]
        L += ["", f"### P2: {d['samples']:,} samples of {label} (`.bin` + `.cls`) in {d['shards']} tar shards "
              f"of {d['per_shard']}, each once", "",
              "| W | tool | samples/s end to end | samples/s steady | wire MB/s steady | CPU µs/sample; loader's own "
              "| peak MB: tree PSS / largest RSS |",
              "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
        tools = (("shardscope_direct", "shardscope, direct"), ("shardscope_proxy", "shardscope --via-proxy"),
                 ("sdk_shard_reader", "SDK AISShardReader + DataLoader"), ("curl", "curl -L, W parallel (shards)"))
        L += rate_rows(by_w, tools, unit_wire=True)
        wire_goal = 0.8 if d["sample_size"] >= 64 << 10 else None
        L += ["", "| W | ratio | end to end | steady | goal | verdict |", "| ---: | --- | ---: | ---: | --- | --- |"]
        for w, r in by_w.items():
            L.append(ratio_row(w, "samples/s: shardscope direct ÷ SDK", r["shardscope_direct"],
                               r["sdk_shard_reader"], 10))
            L.append(ratio_row(w, "samples/s: shardscope via proxy ÷ SDK (same path)", r["shardscope_proxy"],
                               r["sdk_shard_reader"], 10))
            for key, name in (("shardscope_proxy", "via proxy"), ("shardscope_direct", "direct")):
                L.append(ratio_row(w, f"wire: shardscope {name} ÷ curl (through the proxy)", r[key], r["curl"],
                                   wire_goal if key == "shardscope_proxy" else None, e2e=True,
                                   fn_e2e=wire_e2e, fn_steady=wire_steady))
    if res.get("p6"):
        L += ["", f"### P6: the {ds['small']['objects']:,} objects through get-batch, 64 per request", "",
              "| W | tool | items/s end to end | items/s steady | CPU µs/item | peak MB: tree PSS / largest RSS |",
              "| ---: | --- | ---: | ---: | ---: | ---: |"]
        L += rate_rows(res["p6"], (("shardscope", "shardscope get-batch"), ("sdk", "SDK AISBatchIterDataset")))
        L += ["", "| W | ratio | end to end | steady | goal | verdict |", "| ---: | --- | ---: | ---: | --- | --- |"]
        for w, r in res["p6"].items():
            L.append(ratio_row(w, "shardscope ÷ SDK", r["shardscope"], r["sdk"], 2))
    if res.get("p6_floor"):
        L += ["", "### P6: what one get-batch request costs the cluster (shardscope, W = 1)", ""]
        L += p6_floor_rows(res["p6_floor"])
    bal = balance_rows(res)
    if bal:
        L += ["", "### Per-target balance of shardscope's runs", "",
              f"GETs each target served during the run (its own `{balance_counters(res)}`, read before and after, "
              "outside the timed process), max ÷ mean; 1.00 = even. P2 spreads only as evenly as a few shards over "
              "the targets can.",
              "", "| workload | W | direct | via proxy |", "| --- | ---: | ---: | ---: |"] + bal
    if res.get("p3"):
        L += ["", "### P3: dynamic batches, shardscope vs the SDK's DynamicBatchSampler", "",
              "| set | SDK s | shardscope s | SDK ÷ shardscope | batches | identical | goal ≤ 0.1 s |",
              "| --- | ---: | ---: | ---: | ---: | --- | --- |"]
        for row in res["p3"]:
            r = harness.ratio(row["sdk_s"], row["shardscope_s"])
            g = "—"
            if row["set"] == "equal" and row["sizes"] >= 1000000:
                g = harness.verdict(harness.ratio(row["shardscope_s"], [1.0] * len(row["shardscope_s"])), 0.1,
                                    higher_is_better=False)
            L.append(f"| {row['what']} | {cell(row['sdk_s'], 4)} | {cell(row['shardscope_s'], 4)} | {rcell(r)} "
                     f"| {row['batches']:,} | {'yes' if row['identical'] else '**no**'} | {g} |")
    L += ["", f"Command: `{res['command']}`"]
    return "\n".join(L) + "\n"


# ---------------------------------------------------------------- listing (P4)

def render_listing(res):
    L = header(res, "Listing (P4)")
    L += ["| objects | tool | seconds end to end | peak MB: tree PSS / largest RSS | shardscope ÷ tool (time) "
          "| goal | verdict |", "| ---: | --- | ---: | ---: | ---: | --- | --- |"]
    goals = {"python_sdk": 0.5, "ais_cli": 1.0, "ais_cli_sizes": 1.0}
    for n, runs in res["listing"].items():
        ours = [r["wall_s"] for r in runs["shardscope"]]
        rows = [("shardscope", "shardscope-cli ls --summary (names and sizes)", None),
                ("shardscope_count", "shardscope-cli ls --count-only (names)", None),
                ("python_sdk", "Python SDK list_all_objects_iter", "shardscope"),
                ("ais_cli", "ais ls --count-only (names), vs ls --summary", "shardscope")]
        if "shardscope_count" in runs:
            rows.append(("ais_cli", "ais ls --count-only, vs ls --count-only (like for like)", "shardscope_count"))
        if "ais_cli_sizes" in runs:
            rows.append(("ais_cli_sizes", "ais ls --count-only --props name,size, vs ls --summary (like for like)",
                         "shardscope"))
        for key, name, base in rows:
            rs = runs.get(key)
            if rs is None:
                if key == "ais_cli" and base == "shardscope":
                    L.append(f"| {int(n):,} | {name} | ais CLI not on PATH | — | — | — | — |")
                continue
            ours = [r["wall_s"] for r in runs[base]] if base else None
            r = None if base is None else harness.ratio(ours, [x["wall_s"] for x in rs])
            g = goals.get(key)
            v = harness.verdict(r, g, higher_is_better=False) if g else "—"
            L.append(f"| {int(n):,} | {name} | {cell(col(rs, 'wall_s'), 2)} | {cell(col(rs, 'tree_pss_mb'))} / "
                     f"{cell(col(rs, 'peak_rss_mb'))} | {rcell(r) if r else '—'} | {f'≤ {g}×' if g else '—'} | {v} |")
    L += ["", f"Command: `{res['command']}`"]
    return "\n".join(L) + "\n"


RENDER = {"peers": render_peers, "listing": render_listing}


# ---------------------------------------------------------------- README

def latest(results_dir, suite):
    """The newest schema-2 result file of a suite (file names sort by time)."""
    for path in sorted(glob.glob(os.path.join(results_dir, f"{suite}-*.json")), reverse=True):
        with open(path) as f:
            res = json.load(f)
        if res.get("schema_version") == harness.SCHEMA_VERSION:
            return path, res
    return None, None


def latest_md(results_dir, suite):
    """The newest result file of a suite that has its Markdown beside it."""
    for path in sorted(glob.glob(os.path.join(results_dir, f"{suite}-*.json")), reverse=True):
        md = path[:-len(".json")] + ".md"
        if os.path.exists(md):
            with open(md) as f:
                return path, f.read()
    return None, None


def section(results_dir, repo_root, suite):
    """The text between a suite's markers: its table and the file it comes from."""
    if suite in MD_SUITES:
        path, md = latest_md(results_dir, suite)
        if path is None:
            return f"No {suite} result file yet: run `bench/run.sh {suite}`.\n"
        return md.rstrip("\n") + f"\n\nSource: {os.path.relpath(path, repo_root)}\n"
    path, res = latest(results_dir, suite)
    if path is None:
        return f"No {suite} result file of schema {harness.SCHEMA_VERSION} yet: run `bench/run.sh {suite}`.\n"
    md = RENDER[suite](res).replace("\n### ", "\n#### ")
    return md + f"\nSource: {os.path.relpath(path, repo_root)}\n"


def update(readme_text, results_dir, repo_root):
    for suite in MD_SUITES + SUITES:
        begin, end = f"<!-- bench:{suite}:begin -->", f"<!-- bench:{suite}:end -->"
        if begin not in readme_text or end not in readme_text:
            continue
        head, rest = readme_text.split(begin, 1)
        _, tail = rest.split(end, 1)
        readme_text = f"{head}{begin}\n{section(results_dir, repo_root, suite)}{end}{tail}"
    return readme_text


def main():
    root = os.path.dirname(HERE)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--readme", default=os.path.join(root, "README.md"))
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--render", metavar="JSON", help="print the Markdown of one result file and exit")
    a = ap.parse_args()
    if a.render:
        with open(a.render) as f:
            res = json.load(f)
        print(RENDER[res["suite"]](res))
        return 0
    with open(a.readme) as f:
        old = f.read()
    new = update(old, a.results, root)
    if a.check:
        if new != old:
            print("README benchmark tables differ from the result files: run python bench/tables.py",
                  file=sys.stderr)
            return 1
        return 0
    if new != old:
        tmp = a.readme + ".tmp"
        with open(tmp, "w") as f:
            f.write(new)
        os.replace(tmp, a.readme)
        print(f"updated {a.readme}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
