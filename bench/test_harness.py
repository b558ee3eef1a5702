"""Unit tests of the benchmark harness's arithmetic, validation and README
update (no cluster needed): python -m unittest bench/test_harness.py, or
`cd bench && python -m unittest test_harness` with the project's venv."""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402
import tables  # noqa: E402


class Verdict(unittest.TestCase):
    CASES = {  # name: (per-run ratios, goal, higher is better, expected)
        "all above": ([9.0, 10.0, 12.0], 8, True, "met"),
        "all below": ([5.0, 6.0, 7.9], 8, True, "not met"),
        "straddles": ([7.0, 8.5, 9.0], 8, True, "overlaps the goal"),
        "min on the goal": ([8.0, 9.0, 10.0], 8, True, "met"),
        "lower is better, all below": ([0.2, 0.3, 0.4], 0.5, False, "met"),
        "lower is better, straddles": ([0.4, 0.5, 0.6], 0.5, False, "overlaps the goal"),
        "lower is better, all above": ([0.6, 0.7, 0.8], 0.5, False, "not met"),
    }

    def test_cases(self):
        for name, (runs, goal, higher, want) in self.CASES.items():
            with self.subTest(name):
                r = {"median": sorted(runs)[1], "min": min(runs), "max": max(runs)}
                self.assertEqual(harness.verdict(r, goal, higher), want)

    def test_no_ratio(self):
        self.assertEqual(harness.verdict(None, 8), "n/a")


class Ratio(unittest.TestCase):
    def test_median_over_median_and_run_by_run_range(self):
        r = harness.ratio([100, 300, 200], [10, 20, 40])
        self.assertEqual(r["median"], 200 / 20)
        self.assertEqual(r["per_run"], [10.0, 15.0, 5.0])
        self.assertEqual((r["min"], r["max"]), (5.0, 15.0))

    def test_missing_values_give_no_ratio(self):
        self.assertIsNone(harness.ratio([1, None], [1, 2]))
        self.assertIsNone(harness.ratio([], [1]))

    def test_spread(self):
        self.assertEqual(harness.spread([3, 1, None, 2]), {"median": 2, "min": 1, "max": 3, "n": 3})
        self.assertIsNone(harness.spread([None]))


class Balance(unittest.TestCase):
    def test_gets_per_target_and_max_over_mean(self):
        b = harness.balance({"t1": 100, "t2": 50, "t3": 7}, {"t1": 130, "t2": 60, "t3": 27})
        self.assertEqual(b["get_n"], {"t1": 30, "t2": 10, "t3": 20})
        self.assertAlmostEqual(b["imbalance"], 1.5)  # 30 / mean 20

    def test_a_silent_target_gives_no_balance(self):
        b = harness.balance({"t1": 1, "t2": None}, {"t1": 5, "t2": None})
        self.assertIsNone(b["imbalance"])

    def test_no_gets_gives_no_balance(self):
        self.assertIsNone(harness.balance({"t1": 3}, {"t1": 3})["imbalance"])


class Check(unittest.TestCase):
    CASES = {  # name: (record, expected items, message part or None when the run is good)
        "good": ({"items": 10, "errors": 0}, 10, None),
        "short read": ({"items": 9, "errors": 0}, 10, "sdk_iter, run 2: read 9 items, the listing has 10"),
        "extra items": ({"items": 11, "errors": 0}, 10, "read 11 items, the listing has 10"),
        "errors": ({"items": 10, "errors": 2, "first_error": "HTTP 404 on obj-1"}, 10,
                   "sdk_iter, run 2: 2 error(s) reported (HTTP 404 on obj-1)"),
        "timed run, no count": ({"items": 123, "errors": 0}, None, None),
    }

    def test_cases(self):
        for name, (rec, expected, message) in self.CASES.items():
            with self.subTest(name):
                if message is None:
                    harness.check("sdk_iter", 2, rec, expected)
                    continue
                with self.assertRaises(harness.BenchFailure) as ctx:
                    harness.check("sdk_iter", 2, rec, expected)
                self.assertIn(message, str(ctx.exception))
                self.assertIn("no table written", str(ctx.exception))


class Measure(unittest.TestCase):
    def test_wall_cpu_and_memory_of_a_child(self):
        ballast = bytearray(300 << 20)  # the runner's own peak must not leak into the child's (ru_maxrss does)
        ballast[::4096] = b"x" * len(ballast[::4096])
        m = harness.measure([sys.executable, "-c",
                             "import time; b = bytearray(64 << 20); time.sleep(1.0); print('{\"n\": 1}')"])
        del ballast
        self.assertEqual(harness.last_json(m["stdout"]), {"n": 1})
        self.assertGreater(m["wall_s"], 0.3)
        self.assertGreater(m["cpu_s"], 0)
        self.assertGreater(m["peak_rss_mb"], 60)
        self.assertLess(m["peak_rss_mb"], 200)
        self.assertGreater(m["tree_pss_mb"], 60)

    def test_failing_tool_names_the_command(self):
        with self.assertRaises(harness.BenchFailure) as ctx:
            harness.measure([sys.executable, "-c", "import sys; sys.stderr.write('boom'); sys.exit(3)"])
        self.assertIn("exit 3", str(ctx.exception))
        self.assertIn("boom", str(ctx.exception))

    def test_last_json_after_progress_lines(self):
        self.assertEqual(harness.last_json("progress 1/2\nstill [going\n{\"a\": [1, 2]}\n"), {"a": [1, 2]})
        with self.assertRaises(harness.BenchFailure):
            harness.last_json("no json here")


class Portable(unittest.TestCase):
    def test_no_machine_paths_in_recorded_commands(self):
        here = os.path.dirname(os.path.abspath(__file__))
        home = os.path.expanduser("~")
        cmd = f"{home}/.cache/v/bin/python {here}/sdk_worker.py --bucket b"
        self.assertEqual(harness.portable(cmd), "~/.cache/v/bin/python bench/sdk_worker.py --bucket b")
        m = harness.measure([sys.executable, os.path.join(here, "sdk_list.py"), "--help"])
        self.assertIn(" bench/sdk_list.py --help", m["command"])
        self.assertNotIn(here, m["command"])


class GuiGoals(unittest.TestCase):
    """P5: a goal on stalls or memory is met only when every run meets it."""

    def phase(self, p99, mx, peak_mib, **extra):
        return dict(stall_p50_ms=0.1, stall_p95_ms=1.0, stall_p99_ms=p99, stall_max_ms=mx, rss_mib=peak_mib,
                    rss_peak_mib=peak_mib, **extra)

    def result(self, listings):
        return {"date": "d", "command": "c", "objects": 1000000, "cluster": {"targets": 3},
                "machine": {"cpu_model": "x", "cores": 2, "load_avg_at_start": [1.0]},
                "runs": [{"listing": self.phase(*lst, objects=1000000, seconds=9.0),
                          "benchmark": self.phase(2.0, 8.0, 200.0, items_per_s=1e4)} for lst in listings]}

    def test_verdicts(self):
        import gui_bench
        self.assertEqual(gui_bench.goal_verdict([10, 15.9], 16), "met")
        self.assertEqual(gui_bench.goal_verdict([10, 17], 16), "overlaps the goal")
        self.assertEqual(gui_bench.goal_verdict([17, 20], 16), "not met")
        self.assertEqual(gui_bench.goal_verdict([], 16), "n/a")

    def test_table_says_which_goals_hold(self):
        import gui_bench
        md = gui_bench.render(self.result([(5.0, 40.0, 120.0), (20.0, 60.0, 130.0)]))
        self.assertIn("| listing: stall p99 ≤ 16 ms | overlaps the goal |", md)
        self.assertIn("| listing: stall max ≤ 50 ms | overlaps the goal |", md)
        self.assertIn("| benchmark: stall p99 ≤ 16 ms | met |", md)
        self.assertIn("listed in the explorer | met |", md)  # 120 and 130 MiB: 126 and 136 MB
        self.assertIn("listed in the explorer and the loader | not met |", md)  # 200 MiB: 210 MB
        self.assertIn("12.5 (5.0–20.0)", md)
        self.assertNotIn("waiting for a core", md)  # results from before the split have no such table

    def test_split_of_the_stall_into_own_work_and_waiting_for_a_core(self):
        import gui_bench
        res = self.result([(30.0, 70.0, 120.0), (40.0, 90.0, 120.0)])
        for run, own in zip(res["runs"], ((4.0, 20.0), (6.0, 60.0))):
            run["listing"].update(gui_cpu_p99_ms=3.0, gui_cpu_max_ms=9.0, core_wait_p99_ms=25.0,
                                  core_wait_max_ms=65.0, own_stall_p99_ms=own[0], own_stall_max_ms=own[1])
        md = gui_bench.render(res)
        self.assertIn("| listing: the app's own part of the stalls (without waiting for a core), "
                      "p99 ≤ 16 ms and max ≤ 50 ms | p99 met, max overlaps the goal |", md)
        self.assertIn("| listing | 3.0 (3.0–3.0) | 9.0 (9.0–9.0) | 25.0 (25.0–25.0) | 65 (65–65) | "
                      "5.0 (4.0–6.0) | 40 (20–60) |", md)
        self.assertNotIn("| benchmark | 2.0", md.split("Where the stall time went")[1])  # no split: no row


class PythonModuleTable(unittest.TestCase):
    """P7: ratios pair the runs of one round; a goal is met only when every round meets it."""

    def test_ratios_pair_rounds_and_verdicts_use_their_range(self):
        import python_bench

        def tool(*rates):
            return {"runs": [{"items_per_s": r} for r in rates]}

        r = python_bench.ratio(tool(90, 80, 100), tool(100, 100, 100))
        self.assertEqual((r["median"], r["min"], r["max"]), (0.9, 0.8, 1.0))
        self.assertEqual(python_bench.verdict(r, 0.85), "overlaps the goal")
        self.assertEqual(python_bench.verdict(r, 0.8), "met")
        self.assertEqual(python_bench.verdict(r, 1.01), "not met")
        # Paired by round, not sorted: a fast module round against a slow CLI round.
        r = python_bench.ratio(tool(200, 100), tool(100, 200))
        self.assertEqual((r["min"], r["max"]), (0.5, 2.0))

    def test_cpu_column_shows_the_python_threads_own_part(self):
        import python_bench

        def tool(rate, cpu, thread=None):
            run = {"items": 10, "items_per_s": rate, "cpu_us_per_item": cpu}
            if thread is not None:
                run["thread_us_per_item"] = thread
            return python_bench.summarize([run], 10)

        def result(thread):
            x = {"module": tool(90, 3.94), "module_empty": tool(95, 3.71, thread), "cli": tool(100, 3.06),
                 "sdk": tool(10, 136.4)}
            x.update(vs_cli=python_bench.ratio(x["module"], x["cli"]),
                     crossing_vs_cli=python_bench.ratio(x["module_empty"], x["cli"]),
                     vs_sdk=python_bench.ratio(x["module"], x["sdk"]))
            return {"runs": 1, "date": "D", "machine": "M", "command": "cmd",
                    "datasets": {"small": {"objects": 10}, "shards": {"samples": 10, "per_shard": 5}},
                    "rows": [{"workers": 2, "object": x, "shard": x}]}

        md = python_bench.render(result(0.514))
        self.assertIn("| 0.95× (0.95-0.95) | 3.9 / 136 / 3.1; 0.51 |", md)
        # Files written before the thread's own CPU was recorded render without it.
        self.assertIn("| 0.95× (0.95-0.95) | 3.9 / 136 / 3.1 |", python_bench.render(result(None)))


class GetBatchFloorTable(unittest.TestCase):
    def test_latency_and_rate_relative_to_64_per_request(self):
        def runs(latencies, seconds):
            return [{"latency_ms": {"p50": l}, "items": 2000, "engine_s": t} for l, t in zip(latencies, seconds)]

        rows = tables.p6_floor_rows({"16": runs([104.2, 105.6, 104.9], [12.8, 13.0, 12.9]),
                                     "64": runs([105, 104, 106], [3.2, 3.3, 3.4]),
                                     "256": runs([110, 109, 111], [0.8, 1.0, 0.9])})
        # Rates from the loader's start: 2000 items in 12.9 s, 3.3 s and 0.9 s.
        self.assertEqual(rows[2], "| 16 | 105 (104–106) | 155 (154–156) | 0.26× (0.25–0.26) |")
        self.assertEqual(rows[3], "| 64 | 105 (104–106) | 606 (588–625) | 1.00× (1.00–1.00) |")
        self.assertEqual(rows[4], "| 256 | 110 (109–111) | 2,222 (2,000–2,500) | 3.67× (3.30–4.00) |")

    def test_runs_without_latency_leave_the_cell_empty(self):
        rows = tables.p6_floor_rows({"64": [{"items": 10, "engine_s": 1.0}]})
        self.assertEqual(rows[2], "| 64 | — | 10 | 1.00× (1.00–1.00) |")


class ListingTable(unittest.TestCase):
    """P4: each shardscope listing is compared with the ais CLI call that asks the targets for the same."""

    def test_like_for_like_rows_pair_names_with_names_and_sizes_with_sizes(self):
        def runs(*secs):
            return [{"wall_s": s, "tree_pss_mb": 1, "peak_rss_mb": 2} for s in secs]

        res = {"date": "D", "repeat": 2, "command": "cmd", "versions": {}, "cluster": {},
               "machine": {"cpu_model": "M", "cores": 2, "kernel": "K", "load_avg_at_start": [1.0]},
               "listing": {"10": {"shardscope": runs(12.0, 12.0), "shardscope_count": runs(7.0, 7.0),
                                  "python_sdk": runs(40.0, 40.0), "ais_cli": runs(8.0, 8.0),
                                  "ais_cli_sizes": runs(10.0, 15.0)}}}
        md = tables.render_listing(res)
        self.assertIn("| ais ls --count-only (names), vs ls --summary | 8.00 (8.00–8.00) | 1 (1–1) / 2 (2–2) | "
                      "1.50× (1.50–1.50) | ≤ 1.0× | not met |", md)
        self.assertIn("| ais ls --count-only, vs ls --count-only (like for like) | 8.00 (8.00–8.00) | "
                      "1 (1–1) / 2 (2–2) | 0.88× (0.88–0.88) | ≤ 1.0× | met |", md)
        # 12 s against 10 and 15 s: the run-by-run ratios are 1.2 and 0.8.
        self.assertIn("| ais ls --count-only --props name,size, vs ls --summary (like for like) | 12.50 (10.00–15.00) "
                      "| 1 (1–1) / 2 (2–2) | 0.96× (0.80–1.20) | ≤ 1.0× | overlaps the goal |", md)

    def test_older_files_without_the_sizes_row_render_as_before(self):
        res = {"date": "D", "repeat": 1, "command": "cmd", "versions": {}, "cluster": {},
               "machine": {"cpu_model": "M", "cores": 2, "kernel": "K", "load_avg_at_start": [1.0]},
               "listing": {"10": {"shardscope": [{"wall_s": 1.0, "tree_pss_mb": 1, "peak_rss_mb": 2}],
                                  "ais_cli": [{"wall_s": 1.0, "tree_pss_mb": 1, "peak_rss_mb": 2}]}}}
        md = tables.render_listing(res)
        self.assertNotIn("name,size", md)
        self.assertEqual(md.count("ais ls --count-only"), 1)


class ReadmeUpdate(unittest.TestCase):
    def test_only_between_markers_and_names_the_source(self):
        with tempfile.TemporaryDirectory() as d:
            res = {"schema_version": harness.SCHEMA_VERSION, "suite": "listing", "label": "", "date": "D",
                   "repeat": 1, "command": "cmd", "versions": {}, "cluster": {},
                   "machine": {"cpu_model": "M", "cores": 2, "kernel": "K", "load_avg_at_start": [1.0]},
                   "listing": {"10": {"shardscope": [{"wall_s": 1.0, "tree_pss_mb": 1, "peak_rss_mb": 2}],
                                      "python_sdk": [{"wall_s": 4.0, "tree_pss_mb": 3, "peak_rss_mb": 4}]}}}
            os.makedirs(os.path.join(d, "bench", "results"))
            with open(os.path.join(d, "bench", "results", "listing-20260101-000000.json"), "w") as f:
                import json
                json.dump(res, f)
            text = "before\n<!-- bench:listing:begin -->\nold 123\n<!-- bench:listing:end -->\nafter\n"
            out = tables.update(text, os.path.join(d, "bench", "results"), d)
            self.assertTrue(out.startswith("before\n<!-- bench:listing:begin -->\n"))
            self.assertTrue(out.endswith("<!-- bench:listing:end -->\nafter\n"))
            self.assertNotIn("old 123", out)
            self.assertIn("Source: bench/results/listing-20260101-000000.json", out)
            self.assertIn("| 10 | Python SDK list_all_objects_iter | 4.00 |", out)
            self.assertIn("0.25× (0.25–0.25) | ≤ 0.5× | met |", out)
            self.assertIn("ais CLI not on PATH", out)


if __name__ == "__main__":
    unittest.main()
