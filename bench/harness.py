"""What every benchmark suite shares: running one tool invocation as its own
process and measuring it from the outside (wall time from process start to
exit, user+sys CPU and peak memory of its whole process tree), repeating
runs, medians with min and max, ratios with the range of per-run ratios,
goal verdicts, validation (a run that read the wrong number of items or
reported errors fails the whole suite: no table is written) and the
description of the machine, the cluster and the tools that every result
file carries.
"""

import json
import os
import platform
import shlex
import statistics
import subprocess
import threading
import time
import urllib.request

SCHEMA_VERSION = 2


class BenchFailure(Exception):
    """A run that cannot be trusted: wrong item count, errors, a tool that failed."""


# ---------------------------------------------------------------- processes

def _children(pid):
    kids = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                kids += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return kids


def _tree(pid):
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += _children(p)
    return out


def _memory_kb(pid):
    """(RSS, PSS, VmHWM) of one process in KiB. PSS shares the pages of forked
    workers out fairly; VmHWM is the process's own peak RSS since its exec."""
    rss = pss = hwm = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        pass
    return rss, pss, hwm


class _TreeMemory(threading.Thread):
    """Samples a process tree every `interval` seconds: the peak of its summed
    RSS and PSS, and every process's own peak (VmHWM)."""

    def __init__(self, pid, interval=0.05):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss_kb = self.peak_pss_kb = 0
        self.hwm_kb = {}
        self.max_procs = 0
        self._done = threading.Event()

    def run(self):
        while not self._done.is_set():
            pids = _tree(self.pid)
            rss = pss = 0
            for p in pids:
                r, s, h = _memory_kb(p)
                rss, pss = rss + r, pss + s
                self.hwm_kb[p] = max(self.hwm_kb.get(p, 0), h)
            self.peak_rss_kb = max(self.peak_rss_kb, rss)
            self.peak_pss_kb = max(self.peak_pss_kb, pss)
            self.max_procs = max(self.max_procs, len(pids))
            self._done.wait(self.interval)

    def stop(self):
        self._done.set()
        self.join()


_REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def portable(text):
    """A command line without this machine's paths: the checkout's root
    dropped (paths relative to it), the home directory written as ~."""
    return text.replace(_REPO + os.sep, "").replace(os.path.expanduser("~") + os.sep, "~/")


def measure(cmd, env=None, timeout=3600, cwd=None):
    """Runs `cmd` as its own process; returns what it printed and how it ran.

    wall_s: process start to exit (time.perf_counter around the process);
    cpu_s: user + sys of the process and every descendant it waited for
    (DataLoader workers), from wait4; peak_rss_mb: the largest VmHWM of any
    process of the tree (getrusage's ru_maxrss is useless here: Linux carries
    the forking Python's peak, torch included, across exec); tree_rss_mb /
    tree_pss_mb: peak of the tree's sum, sampled every 50 ms (RSS counts pages
    shared by forked workers once per process, PSS splits them).
    """
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
    mem = _TreeMemory(p.pid)
    mem.start()
    out_chunks, err_chunks = [], []
    readers = [threading.Thread(target=lambda s=s, b=b: b.append(s.read()), daemon=True)
               for s, b in ((p.stdout, out_chunks), (p.stderr, err_chunks))]
    for r in readers:
        r.start()
    deadline = time.monotonic() + timeout
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            p.kill()
            pid, status, ru = os.wait4(p.pid, 0)
            break
        time.sleep(0.005)
    wall = time.perf_counter() - t0
    mem.stop()
    for r in readers:
        r.join()
    p.stdout.close()
    p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    stdout, stderr = "".join(out_chunks), "".join(err_chunks)
    if p.returncode != 0:
        raise BenchFailure(f"{portable(shlex.join(cmd))} failed (exit {p.returncode}): {stderr.strip()[-800:]}")
    return {"stdout": stdout, "stderr": stderr, "wall_s": wall, "cpu_s": ru.ru_utime + ru.ru_stime,
            "peak_rss_mb": max(mem.hwm_kb.values(), default=0) / 1024, "tree_rss_mb": mem.peak_rss_kb / 1024,
            "tree_pss_mb": mem.peak_pss_kb / 1024, "processes": mem.max_procs, "command": portable(shlex.join(cmd))}


def last_json(text):
    """The last JSON object or array printed (tools print progress lines before it)."""
    for start in (i for i in range(len(text)) if text[i] in "[{"):
        try:
            return json.loads(text[start:])
        except ValueError:
            continue
    raise BenchFailure(f"no JSON in the output: {text[-300:]!r}")


def run_record(m, items, steady_s, errors, **extra):
    """One run of one tool: the numbers every table draws from."""
    rec = {"items": items, "errors": errors, "wall_s": m["wall_s"], "steady_s": steady_s,
           "items_per_s_e2e": items / m["wall_s"] if m["wall_s"] > 0 else 0.0,
           "items_per_s_steady": items / steady_s if steady_s and steady_s > 0 else None,
           "cpu_s": m["cpu_s"], "cpu_us_per_item": 1e6 * m["cpu_s"] / items if items else None,
           "peak_rss_mb": m["peak_rss_mb"], "tree_rss_mb": m["tree_rss_mb"], "tree_pss_mb": m["tree_pss_mb"],
           "processes": m["processes"], "command": m["command"]}
    rec.update(extra)
    return rec


def check(tool, run_no, rec, expected_items):
    """Fails the suite when a run read a different number of items than the listing or saw errors."""
    if rec["errors"]:
        raise BenchFailure(f"{tool}, run {run_no}: {rec['errors']} error(s) reported "
                           f"({rec.get('first_error', 'no message')}); no table written")
    if expected_items is not None and rec["items"] != expected_items:
        raise BenchFailure(f"{tool}, run {run_no}: read {rec['items']:,} items, the listing has "
                           f"{expected_items:,}; no table written")


# ---------------------------------------------------------------- statistics

def spread(values):
    """Median with min and max of the runs (None values are left out)."""
    v = [x for x in values if x is not None]
    if not v:
        return None
    return {"median": statistics.median(v), "min": min(v), "max": max(v), "n": len(v)}


def ratio(ours, theirs):
    """median(ours) ÷ median(theirs), and the range of run-by-run ratios (run i with run i:
    the runs are taken back to back)."""
    if not ours or not theirs or any(x is None for x in ours + theirs):
        return None
    per_run = [a / b for a, b in zip(ours, theirs) if b]
    med_t = statistics.median(theirs)
    if not per_run or not med_t:
        return None
    return {"median": statistics.median(ours) / med_t, "min": min(per_run), "max": max(per_run),
            "per_run": per_run}


def verdict(r, goal, higher_is_better=True):
    """'met', 'not met' or 'overlaps the goal' (the per-run range straddles it)."""
    if r is None:
        return "n/a"
    lo, hi = r["min"], r["max"]
    if not higher_is_better:
        lo, hi = -hi, -lo
        goal = -goal
    if lo >= goal:
        return "met"
    if hi < goal:
        return "not met"
    return "overlaps the goal"


# ---------------------------------------------------------------- description

def _read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def _get_json(url, headers=None, timeout=5):
    req = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read())


def machine():
    cpuinfo = _read("/proc/cpuinfo")
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
                 platform.processor() or platform.machine())
    mem_kb = next((int(line.split()[1]) for line in _read("/proc/meminfo").splitlines()
                   if line.startswith("MemTotal:")), 0)
    return {"cpu_model": model, "cores": os.cpu_count(), "arch": platform.machine(),
            "kernel": platform.release(), "memory_gb": round(mem_kb / 1024 / 1024, 1),
            "load_avg_at_start": list(os.getloadavg()), "shared_with_cluster": True}


def cluster(endpoint):
    """Version, targets and mountpaths per target, from the proxy and the targets themselves."""
    smap = _get_json(f"{endpoint}/v1/daemon?what=smap")
    status = _get_json(f"{endpoint}/v1/daemon?what=node_status")
    targets = []
    for tid, t in sorted(smap["tmap"].items()):
        url = t.get("public_net", {}).get("direct_url", "")
        try:
            mp = _get_json(f"{url}/v1/daemon?what=mountpaths")
            mountpaths = len(mp.get("available") or [])
        except Exception:
            mountpaths = None
        targets.append({"id": tid, "mountpaths": mountpaths})
    return {"endpoint": endpoint, "ais_version": status.get("ais_version"), "proxies": len(smap.get("pmap", {})),
            "targets": len(targets), "target_mountpaths": targets, "smap_version": smap.get("version")}


def target_gets(endpoint):
    """Each target's own GET counters (`get.n` + `getbatch.obj.n` of its node status, read through
    the proxy's reverse route): read before and after a run, outside the timed
    process, the difference is how many GETs each target served."""
    smap = _get_json(f"{endpoint}/v1/daemon?what=smap")
    out = {}
    for tid in sorted(smap["tmap"]):
        try:
            st = _get_json(f"{endpoint}/v1/reverse/daemon?what=node_status", headers={"Ais-Node-Id": tid})
            tr = st.get("tracker") or {}
            # get-batch entries are counted apart from plain GETs
            out[tid] = int(tr.get("get.n", 0)) + int(tr.get("getbatch.obj.n", 0))
        except Exception:
            out[tid] = None  # a node that does not answer: no balance for this run
    return out


def balance(before, after):
    """GETs per target during a run and max / mean of them (1.0 = even)."""
    gets = {t: after[t] - before[t] for t in after
            if t in before and after[t] is not None and before[t] is not None}
    counters = "get.n + getbatch.obj.n"
    if len(gets) != len(after) or not gets:
        return {"get_n": gets, "imbalance": None, "counters": counters}
    mean = sum(gets.values()) / len(gets)
    return {"get_n": gets, "imbalance": (max(gets.values()) / mean) if mean > 0 else None, "counters": counters}


def tool_version(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        text = (p.stdout or p.stderr).strip().splitlines()
        return text[0] if text else None
    except (OSError, subprocess.SubprocessError):
        return None


def versions(cli=None, aisloader=None, ais=None):
    out = {"python": platform.python_version()}
    try:
        import aistore
        out["aistore_sdk"] = aistore.__version__
    except ImportError:
        out["aistore_sdk"] = None
    try:
        import torch
        out["torch"] = torch.__version__
    except ImportError:
        out["torch"] = None
    out["curl"] = tool_version(["curl", "--version"])
    if cli:
        out["shardscope_cli"] = tool_version([cli, "--version"])
    if aisloader:
        v = tool_version([aisloader, "version"]) or ""
        out["aisloader"] = "aisloader " + v.split()[1] if v.startswith("version ") else v
    if ais:
        out["ais_cli"] = tool_version([ais, "version"])
    return out


def describe(endpoint, cli=None, aisloader=None, ais=None):
    import datetime as dt
    return {"schema_version": SCHEMA_VERSION,
            "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine(), "cluster": cluster(endpoint) if endpoint else None,
            "versions": versions(cli, aisloader, ais)}


def write_result(out_dir, suite, result, render):
    """Writes <out_dir>/<suite>-<stamp>.json, then .md = render(result), each
    atomically (write, then rename); returns the JSON path. The JSON is
    written first so that a rendering bug loses no measurements."""
    import datetime as dt
    os.makedirs(out_dir, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    base = os.path.join(out_dir, f"{suite}-{stamp}")
    def put(ext, text):
        tmp = base + ext + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, base + ext)
    put(".json", json.dumps(result, indent=2) + "\n")
    markdown = render(result)
    put(".md", markdown)
    print(markdown)
    return base + ".json"
