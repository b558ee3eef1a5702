<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>PythonMethod</name>
    <message>
        <source>Python: aistore.pytorch</source>
        <translation>Python: aistore.pytorch-Pipeline</translation>
    </message>
    <message>
        <source>Python: shardscope</source>
        <translation>Python: shardscope-Modul</translation>
    </message>
    <message>
        <source>Which script is faster: benchmark this config with the methods "%1" and "%2".</source>
        <translation>Welches Skript schneller ist: diese Konfiguration mit den Methoden „%1“ und „%2“ messen.</translation>
    </message>
    <message>
        <source>Last benchmark of this config: the shardscope script read %1 items/s, the aistore.pytorch script %2 items/s: %3 is %4× faster.</source>
        <translation>Letzter Benchmark dieser Konfiguration: das shardscope-Skript las %1 Elemente/s, das aistore.pytorch-Skript %2 Elemente/s: %3 ist %4× schneller.</translation>
    </message>
    <message>
        <source>shardscope</source>
        <translation>shardscope</translation>
    </message>
    <message>
        <source>aistore.pytorch</source>
        <translation>aistore.pytorch</translation>
    </message>
    <message>
        <source>Your aistore.pytorch pipeline was not measured, so there is nothing to compare switching against.</source>
        <translation>Ihre aistore.pytorch-Pipeline wurde nicht gemessen; ein Wechsel lässt sich daher nicht vergleichen.</translation>
    </message>
    <message>
        <source>Your aistore.pytorch pipeline: %1 items/s.</source>
        <translation>Ihre aistore.pytorch-Pipeline: %1 Elemente/s.</translation>
    </message>
    <message>
        <source>Switching to shardscope from Python: %1 items/s, %2× the SDK.</source>
        <translation>Wechsel zu shardscope aus Python: %1 Elemente/s, %2× das SDK.</translation>
    </message>
    <message>
        <source>shardscope in C++ (%1): %2 items/s, %3× the SDK.</source>
        <translation>shardscope in C++ (%1): %2 Elemente/s, %3× das SDK.</translation>
    </message>
    <message>
        <source>&amp;Python for Benchmarks…</source>
        <translation>&amp;Python für Benchmarks…</translation>
    </message>
    <message>
        <source>The Python that runs the methods "Python: aistore.pytorch" and "Python: shardscope"</source>
        <translation>Das Python, das die Methoden „Python: aistore.pytorch“ und „Python: shardscope“ ausführt</translation>
    </message>
    <message>
        <source>Python for Benchmarks</source>
        <translation>Python für Benchmarks</translation>
    </message>
    <message>
        <source>The Python interpreter for the Python benchmark methods (empty: the first python3 on PATH that can import what the method needs):</source>
        <translation>Der Python-Interpreter für die Python-Benchmark-Methoden (leer: das erste python3 im PATH, das importieren kann, was die Methode braucht):</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln Byte</numerusform>
            <numerusform>%Ln Bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shardscope::ui::BatchTuningPanel</name>
    <message>
        <source>Computing…</source>
        <translation>Berechne …</translation>
    </message>
    <message>
        <source>Batches: %1</source>
        <translation>Batches: %1</translation>
    </message>
    <message>
        <source>Samples per batch: %1 mean (%2 – %3)</source>
        <translation>Samples je Batch: %1 im Mittel (%2 – %3)</translation>
    </message>
    <message>
        <source>Mean fill: %1%</source>
        <translation>Mittlere Füllung: %1 %</translation>
    </message>
    <message>
        <source>Wasted capacity: %1</source>
        <translation>Ungenutzte Kapazität: %1</translation>
    </message>
    <message>
        <source>Oversized: %1 (%2 dropped)</source>
        <translation>Übergroß: %1 (%2 verworfen)</translation>
    </message>
    <message>
        <source>Not in any batch: %1 (tail %2, empty objects %3)</source>
        <translation>In keinem Batch: %1 (Rest %2, leere Objekte %3)</translation>
    </message>
    <message>
        <source>Cannot batch: %1</source>
        <translation>Batching nicht möglich: %1</translation>
    </message>
    <message>
        <source>A (dataset config)</source>
        <translation>A (Datensatz-Konfiguration)</translation>
    </message>
    <message>
        <source>B (alternative)</source>
        <translation>B (Alternative)</translation>
    </message>
    <message numerus="yes">
        <source>Sizes of %n object(s) from %1</source>
        <translation>
            <numerusform>Größe von %n Objekt aus %1</numerusform>
            <numerusform>Größen von %n Objekten aus %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No sizes yet: load them from the dataset config.</source>
        <translation>Noch keine Größen: Laden Sie sie aus der Datensatz-Konfiguration.</translation>
    </message>
    <message>
        <source>Load Sizes from Dataset Config</source>
        <translation>Größen aus der Datensatz-Konfiguration laden</translation>
    </message>
    <message>
        <source>A: the dataset config&apos;s sampler</source>
        <translation>A: der Sampler der Datensatz-Konfiguration</translation>
    </message>
    <message>
        <source>B: an alternative</source>
        <translation>B: eine Alternative</translation>
    </message>
    <message>
        <source>batch fill (bytes of the budget; count of the batch size for fixed batches)</source>
        <translation>Batch-Füllung (Bytes des Budgets; bei festen Batches Anzahl der Batch-Größe)</translation>
    </message>
    <message>
        <source>batches</source>
        <translation>Batches</translation>
    </message>
    <message>
        <source>Tuning batches</source>
        <translation>Batches werden abgestimmt</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::BenchmarkPanel</name>
    <message>
        <source>Benchmark: %1</source>
        <translation>Benchmark: %1</translation>
    </message>
    <message>
        <source>Export Benchmark</source>
        <translation>Benchmark exportieren</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Give a bucket URL, or benchmark the Dataset tab&apos;s config.</source>
        <translation>Geben Sie eine Bucket-URL an oder messen Sie die Konfiguration des Datensatz-Tabs.</translation>
    </message>
    <message>
        <source>Sweep workers must increase, each between 1 and 1024, e.g. 1,2,4,8</source>
        <translation>Die Worker-Zahlen müssen steigen, jede zwischen 1 und 1024, z. B. 1,2,4,8</translation>
    </message>
    <message>
        <source>config %1</source>
        <translation>Konfiguration %1</translation>
    </message>
    <message>
        <source>Benchmark of %1 started</source>
        <translation>Benchmark von %1 gestartet</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2&lt;br&gt;Next: %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2&lt;br&gt;Als Nächstes: %3</translation>
    </message>
    <message>
        <source>Benchmark of %1 failed: %2</source>
        <translation>Benchmark von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Benchmark of %1 stopped</source>
        <translation>Benchmark von %1 angehalten</translation>
    </message>
    <message>
        <source>Benchmark of %1 ended with errors: %2</source>
        <translation>Benchmark von %1 mit Fehlern beendet: %2</translation>
    </message>
    <message>
        <source>Benchmark of %1 finished</source>
        <translation>Benchmark von %1 abgeschlossen</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>Daten:</translation>
    </message>
    <message>
        <source>workers</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>Lauf:</translation>
    </message>
    <message>
        <source>Dataset config</source>
        <translation>Datensatz-Konfiguration</translation>
    </message>
    <message>
        <source>Bucket URL</source>
        <translation>Bucket-URL</translation>
    </message>
    <message>
        <source>Iterable dataset (objects)</source>
        <translation>Iterierbarer Datensatz (Objekte)</translation>
    </message>
    <message>
        <source>Map dataset</source>
        <translation>Map-Datensatz</translation>
    </message>
    <message>
        <source>Shard reader</source>
        <translation>Shard-Leser</translation>
    </message>
    <message>
        <source>Get-batch</source>
        <translation>Get-Batch</translation>
    </message>
    <message>
        <source>Baseline (one thread, GET loop)</source>
        <translation>Basislinie (ein Thread, GET-Schleife)</translation>
    </message>
    <message>
        <source>One epoch</source>
        <translation>Eine Epoche</translation>
    </message>
    <message>
        <source>Decode</source>
        <translation>Dekodieren</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Sweep Workers</source>
        <translation>Worker durchlaufen</translation>
    </message>
    <message>
        <source>Compare Methods</source>
        <translation>Methoden vergleichen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>JSON exportieren …</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren …</translation>
    </message>
    <message>
        <source>Save Chart as PNG…</source>
        <translation>Diagramm als PNG speichern …</translation>
    </message>
    <message>
        <source>Save Chart as PDF…</source>
        <translation>Diagramm als PDF speichern …</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Live Table</source>
        <translation>Live-Tabelle</translation>
    </message>
    <message>
        <source>Worker Sweep</source>
        <translation>Worker-Durchlauf</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>Methoden</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Items/s</source>
        <translation>Elemente/s</translation>
    </message>
    <message>
        <source>p99 ms</source>
        <translation>p99 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>MB/s</source>
        <translation>MB/s</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <source>No benchmark yet. Choose the data (a bucket URL, or the config of the Dataset tab), a method and the workers, then Start; Sweep Workers finds the worker count to use, Compare Methods the fastest way to read.</source>
        <translation>Noch kein Benchmark. Wählen Sie die Daten (eine Bucket-URL oder die Konfiguration des Datensatz-Tabs), eine Methode und die Worker, dann Starten; „Worker durchlaufen“ findet die passende Worker-Zahl, „Methoden vergleichen“ den schnellsten Leseweg.</translation>
    </message>
    <message>
        <source>Benchmark of %1</source>
        <translation>Benchmark von %1</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 wird gespeichert…</translation>
    </message>
    <message>
        <source>The Python methods run one at a time: use Start.</source>
        <translation>Die Python-Methoden laufen einzeln: Start verwenden.</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster-Seite</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::BenchmarkCharts</name>
    <message>
        <source>worker %1</source>
        <translation>Worker %1</translation>
    </message>
    <message numerus="yes">
        <source>knee: %n worker(s) — recommended</source>
        <translation>
            <numerusform>Knie: %n Worker – empfohlen</numerusform>
            <numerusform>Knie: %n Worker – empfohlen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>still scaling at %n worker(s)</source>
        <translation>
            <numerusform>skaliert noch bei %n Worker</numerusform>
            <numerusform>skaliert noch bei %n Workern</numerusform>
        </translation>
    </message>
    <message>
        <source>workers</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <source>Items/s</source>
        <translation>Elemente/s</translation>
    </message>
    <message>
        <source>Payload MB/s</source>
        <translation>Nutzdaten MB/s</translation>
    </message>
    <message>
        <source>Wire MB/s</source>
        <translation>Leitung MB/s</translation>
    </message>
    <message>
        <source>p50 ms</source>
        <translation>p50 ms</translation>
    </message>
    <message>
        <source>p95 ms</source>
        <translation>p95 ms</translation>
    </message>
    <message>
        <source>p99 ms</source>
        <translation>p99 ms</translation>
    </message>
    <message>
        <source>Errors / retries</source>
        <translation>Fehler / Wiederholungen</translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>MB/s</source>
        <translation>MB/s</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>items/s</source>
        <translation>Elemente/s</translation>
    </message>
    <message>
        <source>items/s (total)</source>
        <translation>Elemente/s (gesamt)</translation>
    </message>
    <message>
        <source>payload MB/s</source>
        <translation>Nutzdaten MB/s</translation>
    </message>
    <message>
        <source>wire MB/s</source>
        <translation>Leitung MB/s</translation>
    </message>
    <message>
        <source>request latency (log2 µs bucket: 0 = 1 µs, 10 ≈ 1 ms, 20 ≈ 1 s)</source>
        <translation>Anfragelatenz (log2-µs-Klasse: 0 = 1 µs, 10 ≈ 1 ms, 20 ≈ 1 s)</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>× baseline (items/s)</source>
        <translation>× Basislinie (Elemente/s)</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::BenchmarkRunner</name>
    <message>
        <source>Listing…</source>
        <translation>Auflisten …</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message numerus="yes">
        <source>Sweep: %n worker(s)</source>
        <translation>
            <numerusform>Durchlauf: %n Worker</numerusform>
            <numerusform>Durchlauf: %n Worker</numerusform>
        </translation>
    </message>
    <message>
        <source>Comparing: %1</source>
        <translation>Vergleiche: %1</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>Benchmark</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ClusterStatsView</name>
    <message>
        <source>Polling the cluster&apos;s statistics</source>
        <translation>Statistiken des Clusters werden abgefragt</translation>
    </message>
    <message>
        <source>No cluster statistics: %1</source>
        <translation>Keine Cluster-Statistik: %1</translation>
    </message>
    <message>
        <source>Asking the cluster's targets…</source>
        <translation>Die Targets des Clusters werden gefragt…</translation>
    </message>
    <message>
        <source>did not answer: %1</source>
        <translation>keine Antwort: %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>Whole run: %1 GETs on %2 targets, imbalance %3 (max / mean per target)</source>
        <translation>Ganzer Lauf: %1 GETs auf %2 Targets, Ungleichgewicht %3 (Maximum / Mittel je Target)</translation>
    </message>
    <message>
        <source>Now: %1 GETs on %2 targets in the last interval, imbalance %3 (max / mean per target)</source>
        <translation>Jetzt: %1 GETs auf %2 Targets im letzten Intervall, Ungleichgewicht %3 (Maximum / Mittel je Target)</translation>
    </message>
    <message>
        <source>; %1 target(s) did not answer</source>
        <translation>; %1 Target(s) ohne Antwort</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target-Knoten</translation>
    </message>
    <message>
        <source>GET/s</source>
        <translation>GETs/s</translation>
    </message>
    <message>
        <source>MB/s</source>
        <translation>MB/s</translation>
    </message>
    <message>
        <source>Mean GET</source>
        <translation>GET im Mittel</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU-Last</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Disk util</source>
        <translation>Plattenauslastung</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>GET/s per target</source>
        <translation>GETs/s je Target</translation>
    </message>
    <message>
        <source>The cluster's side of an ais:// benchmark: each target's own counters while it runs.</source>
        <translation>Die Cluster-Seite eines ais://-Benchmarks: die eigenen Zähler jedes Targets während des Laufs.</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ClusterView</name>
    <message>
        <source>Objects</source>
        <translation>Objekte</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>%1 wird abgefragt …</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>Wartung</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>not ready</source>
        <translation>nicht bereit</translation>
    </message>
    <message>
        <source>primary proxy</source>
        <translation>primärer Proxy</translation>
    </message>
    <message>
        <source>proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Cannot read the cluster map: %1</source>
        <translation>Die Cluster-Map kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>AIStore %7, cluster %1, map version %2: %3 proxies, %4 targets, %5 of %6 nodes ready</source>
        <translation>AIStore %7, Cluster %1, Kartenversion %2: %3 Proxys, %4 Targets, %5 von %6 Knoten bereit</translation>
    </message>
    <message>
        <source>No cluster chosen. Double-click an AIStore connection in the list on the left to see its nodes, or add one with File → Add Connection…</source>
        <translation>Kein Cluster gewählt. Doppelklicken Sie links auf eine AIStore-Verbindung, um ihre Knoten zu sehen, oder fügen Sie eine hinzu mit Datei → Verbindung hinzufügen …</translation>
    </message>
    <message>
        <source>Reading the cluster map of %1…</source>
        <translation>Cluster-Karte von %1 wird gelesen…</translation>
    </message>
    <message>
        <source>%1m %2s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1h %2m</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>decommissioning</source>
        <translation>wird stillgelegt</translation>
    </message>
    <message>
        <source>maintenance (rebalanced)</source>
        <translation>Wartung (umverteilt)</translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation>nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Counting the buckets of %1…</source>
        <translation>Buckets von %1 werden gezählt…</translation>
    </message>
    <message>
        <source>Buckets: %1 of %2 counted by the cluster</source>
        <translation>Buckets: %1 von %2 vom Cluster gezählt</translation>
    </message>
    <message>
        <source>Cannot count the buckets: %1</source>
        <translation>Buckets können nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>No ais:// buckets</source>
        <translation>Keine ais://-Buckets</translation>
    </message>
    <message>
        <source>Counting the buckets stopped: %1</source>
        <translation>Zählen der Buckets gestoppt: %1</translation>
    </message>
    <message>
        <source>unknown: %1</source>
        <translation>unbekannt: %1</translation>
    </message>
    <message>
        <source>rebalance running</source>
        <translation>Umverteilung läuft</translation>
    </message>
    <message>
        <source>no rebalance running</source>
        <translation>keine Umverteilung</translation>
    </message>
    <message>
        <source>rebalance unknown (%1)</source>
        <translation>Umverteilung unbekannt (%1)</translation>
    </message>
    <message>
        <source> (no statistics: %1)</source>
        <translation> (keine Statistik: %1)</translation>
    </message>
    <message>
        <source>AIStore %7, cluster %1, map version %2: %3 proxies, %4 targets, %5 of %6 nodes ready; %8</source>
        <translation>AIStore %7, Cluster %1, Kartenversion %2: %3 Proxys, %4 Targets, %5 von %6 Knoten bereit; %8</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Softwareversion</translation>
    </message>
    <message>
        <source>Mem used</source>
        <translation>Speicher belegt</translation>
    </message>
    <message>
        <source>Mem avail</source>
        <translation>Speicher frei</translation>
    </message>
    <message>
        <source>Cap used</source>
        <translation>Kapazität belegt</translation>
    </message>
    <message>
        <source>Cap avail</source>
        <translation>Kapazität frei</translation>
    </message>
    <message>
        <source>Cap %</source>
        <translation>Kapazität %</translation>
    </message>
    <message>
        <source>Load avg</source>
        <translation>Systemlast</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU-Last</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>Bucket-Name</translation>
    </message>
    <message>
        <source>&amp;Stop auto-refresh</source>
        <translation>Automatisches Aktualisieren &amp;stoppen</translation>
    </message>
    <message>
        <source>&amp;Auto-refresh</source>
        <translation>&amp;Automatisch aktualisieren</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ConnectionDialog</name>
    <message>
        <source>Add Connection</source>
        <translation>Verbindung hinzufügen</translation>
    </message>
    <message>
        <source>AIStore cluster</source>
        <translation>AIStore-Cluster</translation>
    </message>
    <message>
        <source>S3-compatible endpoint</source>
        <translation>S3-kompatibler Endpunkt</translation>
    </message>
    <message>
        <source>Local folder of buckets</source>
        <translation>Lokaler Ordner mit Buckets</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Access key id</source>
        <translation>Zugangsschlüssel-ID</translation>
    </message>
    <message>
        <source>Secret key (kept in memory only)</source>
        <translation>Geheimer Schlüssel (nur im Speicher)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet …</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Wählen Sie einen Ordner</translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n bucket(s)</source>
        <translation>
            <numerusform>Verbunden: %n Bucket</numerusform>
            <numerusform>Verbunden: %n Buckets</numerusform>
        </translation>
    </message>
    <message>
        <source>system certificates</source>
        <translation>Systemzertifikate</translation>
    </message>
    <message>
        <source>Skip TLS certificate verification (unsafe)</source>
        <translation>TLS-Zertifikatsprüfung überspringen (unsicher)</translation>
    </message>
    <message>
        <source>Warning: without verification anyone on the network path can read and change what is transferred.</source>
        <translation>Warnung: Ohne Prüfung kann jeder auf dem Netzwerkpfad die übertragenen Daten lesen und ändern.</translation>
    </message>
    <message>
        <source>CA file (https)</source>
        <translation>CA-Datei (https)</translation>
    </message>
    <message>
        <source>Edit Connection</source>
        <translation>Verbindung bearbeiten</translation>
    </message>
    <message>
        <source>Warning: TLS certificate verification is off for %1</source>
        <translation>Warnung: Die TLS-Zertifikatsprüfung ist für %1 ausgeschaltet</translation>
    </message>
    <message>
        <source>optional; else $AIS_AUTHN_TOKEN</source>
        <translation>optional; sonst $AIS_AUTHN_TOKEN</translation>
    </message>
    <message>
        <source>Token (kept in memory only)</source>
        <translation>Token (nur im Speicher gehalten)</translation>
    </message>
    <message>
        <source>Testing the connection %1…</source>
        <translation>Verbindung %1 wird getestet…</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ConnectionTreeModel</name>
    <message>
        <source>%1 (loading…)</source>
        <translation>%1 (wird geladen …)</translation>
    </message>
    <message>
        <source>Listing the buckets of %1…</source>
        <translation>Buckets von %1 werden aufgelistet…</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::DatasetPanel</name>
    <message>
        <source>prefix</source>
        <translation>Präfix</translation>
    </message>
    <message>
        <source>names</source>
        <translation>Namen</translation>
    </message>
    <message>
        <source>template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Zähle …</translation>
    </message>
    <message numerus="yes">
        <source>Listed %n object(s)…</source>
        <translation>
            <numerusform>%n Objekt aufgelistet …</numerusform>
            <numerusform>%n Objekte aufgelistet …</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot count: %1</source>
        <translation>Zählen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Source %1: &quot;%2&quot; is not a bucket URL such as ais://bucket</source>
        <translation>Quelle %1: „%2“ ist keine Bucket-URL wie ais://bucket</translation>
    </message>
    <message>
        <source>The config is valid.</source>
        <translation>Die Konfiguration ist gültig.</translation>
    </message>
    <message>
        <source>Not valid yet: %1</source>
        <translation>Noch nicht gültig: %1</translation>
    </message>
    <message>
        <source>(all objects)</source>
        <translation>(alle Objekte)</translation>
    </message>
    <message>
        <source>Add a source to count what the splits select.</source>
        <translation>Fügen Sie eine Quelle hinzu, um zu zählen, was die Splits auswählen.</translation>
    </message>
    <message>
        <source>Cannot count: every source needs an id and a bucket URL</source>
        <translation>Zählen nicht möglich: Jede Quelle braucht eine ID und eine Bucket-URL</translation>
    </message>
    <message>
        <source>The config is not valid: %1</source>
        <translation>Die Konfiguration ist ungültig: %1</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Endpoint variable:</source>
        <translation>Endpunkt-Variable:</translation>
    </message>
    <message>
        <source>The NAME of the environment variable with the cluster&apos;s URL, never a secret</source>
        <translation>Der NAME der Umgebungsvariable mit der URL des Clusters, nie ein Geheimnis</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sources&lt;/b&gt;</source>
        <translation>&lt;b&gt;Quellen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Bucket URL</source>
        <translation>Bucket-URL</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Prefix, names or template</source>
        <translation>Präfix, Namen oder Vorlage</translation>
    </message>
    <message>
        <source>Add Source</source>
        <translation>Quelle hinzufügen</translation>
    </message>
    <message>
        <source>Remove Source</source>
        <translation>Quelle entfernen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Splits&lt;/b&gt; (prefixes per source, comma-separated: AIStore&apos;s prefix_map)</source>
        <translation>&lt;b&gt;Splits&lt;/b&gt; (Präfixe je Quelle, durch Kommas getrennt: AIStores prefix_map)</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Aufteilung</translation>
    </message>
    <message>
        <source>Source ID</source>
        <translation>Quellen-ID</translation>
    </message>
    <message>
        <source>Prefixes</source>
        <translation>Präfixe</translation>
    </message>
    <message>
        <source>Add Split Row</source>
        <translation>Split-Zeile hinzufügen</translation>
    </message>
    <message>
        <source>Remove Split Row</source>
        <translation>Split-Zeile entfernen</translation>
    </message>
    <message>
        <source>Read split:</source>
        <translation>Zu lesender Split:</translation>
    </message>
    <message>
        <source>Dataset and sampler</source>
        <translation>Datensatz und Sampler</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ExplorerPanel</name>
    <message>
        <source>Listing %1…</source>
        <translation>%1 wird aufgelistet …</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) in %1</source>
        <translation>
            <numerusform>%n Objekt in %1</numerusform>
            <numerusform>%n Objekte in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) so far in %1; scroll for more</source>
        <translation>
            <numerusform>Bisher %n Objekt in %1; für mehr weiterblättern</numerusform>
            <numerusform>Bisher %n Objekte in %1; für mehr weiterblättern</numerusform>
        </translation>
    </message>
    <message>
        <source>Prefix (press Enter to list)</source>
        <translation>Präfix (Eingabetaste zum Auflisten)</translation>
    </message>
    <message>
        <source>Filter names</source>
        <translation>Namen filtern</translation>
    </message>
    <message>
        <source>Choose a bucket on the left.</source>
        <translation>Wählen Sie links einen Bucket.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n sample(s), problems: %2</source>
        <translation>
            <numerusform>%1: %n Sample, Probleme: %2</numerusform>
            <numerusform>%1: %n Samples, Probleme: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n sample(s)</source>
        <translation>
            <numerusform>%1: %n Sample</numerusform>
            <numerusform>%1: %n Samples</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen …</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>Objekte</translation>
    </message>
    <message>
        <source>Shard</source>
        <translation>Shard-Inhalt</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Clusterkarte</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <source>Open as Shard</source>
        <translation>Als Shard öffnen</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>Speichern unter …</translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>%1 speichern</translation>
    </message>
    <message>
        <source>Save Member As…</source>
        <translation>Mitglied speichern unter …</translation>
    </message>
    <message>
        <source>Save member</source>
        <translation>Mitglied speichern</translation>
    </message>
    <message>
        <source>Saving %1 to %2…</source>
        <translation>%1 wird nach %2 gespeichert …</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Summary complete</source>
        <translation>Zusammenfassung fertig</translation>
    </message>
    <message>
        <source>Summary not complete: %1</source>
        <translation>Zusammenfassung unvollständig: %1</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Summarize</source>
        <translation>Zusammenfassen</translation>
    </message>
    <message>
        <source>Count objects and bytes, and show the size histogram and extensions</source>
        <translation>Objekte und Bytes zählen, Größenverteilung und Endungen zeigen</translation>
    </message>
    <message>
        <source>Refresh Buckets</source>
        <translation>Buckets aktualisieren</translation>
    </message>
    <message>
        <source>Remove Connection</source>
        <translation>Verbindung entfernen</translation>
    </message>
    <message>
        <source>Add to Split as Prefix</source>
        <translation>Als Präfix zum Split hinzufügen</translation>
    </message>
    <message>
        <source>Edit Connection…</source>
        <translation>Verbindung bearbeiten …</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>Vorschaubilder</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>One level at a time, with virtual directories; double-click one to enter it</source>
        <translation>Eine Ebene nach der anderen, mit virtuellen Verzeichnissen; Doppelklick öffnet eines</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message numerus="yes">
        <source>Summarizing: %Ln object(s) so far…</source>
        <translation>
            <numerusform>Zusammenfassung: bisher %Ln Objekt …</numerusform>
            <numerusform>Zusammenfassung: bisher %Ln Objekte …</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 wird gespeichert…</translation>
    </message>
    <message numerus="yes">
        <source>Uploaded %n file(s)</source>
        <translation>
            <numerusform>%n Datei hochgeladen</numerusform>
            <numerusform>%n Dateien hochgeladen</numerusform>
        </translation>
    </message>
    <message>
        <source>Upload not complete: %1</source>
        <translation>Hochladen nicht vollständig: %1</translation>
    </message>
    <message numerus="yes">
        <source>Uploading %n file(s) to %1…</source>
        <translation>
            <numerusform>%n Datei wird nach %1 hochgeladen…</numerusform>
            <numerusform>%n Dateien werden nach %1 hochgeladen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Open URL…</source>
        <translation>URL öffnen…</translation>
    </message>
    <message>
        <source>Open a bucket, prefix or shard by its URL (ais://, s3://, file://, local://)</source>
        <translation>Bucket, Präfix oder Shard über die URL öffnen (ais://, s3://, file://, local://)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>List the current location again</source>
        <translation>Den aktuellen Ort neu auflisten</translation>
    </message>
    <message>
        <source>Up one directory (Backspace)</source>
        <translation>Ein Verzeichnis nach oben (Rücktaste)</translation>
    </message>
    <message>
        <source>Show the samples of the selected shard (Enter)</source>
        <translation>Die Samples des gewählten Shards zeigen (Eingabe)</translation>
    </message>
    <message>
        <source>Benchmark This</source>
        <translation>Benchmark hierfür</translation>
    </message>
    <message>
        <source>Measure how fast the current location can be read, in the Benchmark tab</source>
        <translation>Im Benchmark-Tab messen, wie schnell sich der aktuelle Ort lesen lässt</translation>
    </message>
    <message>
        <source>Drop files here to upload them into the current directory</source>
        <translation>Dateien hier ablegen, um sie ins aktuelle Verzeichnis hochzuladen</translation>
    </message>
    <message>
        <source>%1: no member %2 among the samples shown</source>
        <translation>%1: kein Member %2 unter den gezeigten Samples</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ExportDialog</name>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>Export nicht möglich: %1</translation>
    </message>
    <message>
        <source>Counting the samples of every shard…</source>
        <translation>Zähle die Samples jedes Shards …</translation>
    </message>
    <message>
        <source>Stopped; nothing exported.</source>
        <translation>Angehalten; nichts exportiert.</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>Save Export</source>
        <translation>Export speichern</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>Speichere %1 …</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Cannot save: %1</source>
        <translation>Speichern nicht möglich: %1</translation>
    </message>
    <message>
        <source>Export Dataset Config</source>
        <translation>Datensatz-Konfiguration exportieren</translation>
    </message>
    <message>
        <source>Python (aistore.pytorch + DataLoader)</source>
        <translation>Python (aistore.pytorch + DataLoader)</translation>
    </message>
    <message>
        <source>JSON (dataset config)</source>
        <translation>JSON (Datensatz-Konfiguration)</translation>
    </message>
    <message>
        <source>C++ (shardscope core + libtorch)</source>
        <translation>C++ (shardscope-Kern + libtorch)</translation>
    </message>
    <message>
        <source>wids shard index (JSON)</source>
        <translation>wids-Shard-Index (JSON)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Speichern …</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Python (shardscope module, the loader core)</source>
        <translation>Python (shardscope-Modul, der Loader-Kern)</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::HealthFindingsModel</name>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>info</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Shard</source>
        <translation>Shard</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::HealthView</name>
    <message>
        <source>Audit</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>shard size (up to)</source>
        <translation>Shard-Größe (bis)</translation>
    </message>
    <message>
        <source>shards</source>
        <translation>Shards</translation>
    </message>
    <message>
        <source>sample size (up to)</source>
        <translation>Sample-Größe (bis)</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>Samples</translation>
    </message>
    <message>
        <source>extension</source>
        <translation>Endung</translation>
    </message>
    <message>
        <source>samples that have it</source>
        <translation>Samples, die sie haben</translation>
    </message>
    <message>
        <source>Copy dsort spec</source>
        <translation>dsort-Spezifikation kopieren</translation>
    </message>
    <message>
        <source>Copy ishard command</source>
        <translation>ishard-Befehl kopieren</translation>
    </message>
    <message>
        <source>ais://bucket/prefix/, file:///dir/ or a dataset config (.json)</source>
        <translation>ais://bucket/prefix/, file:///dir/ oder eine Datensatz-Konfiguration (.json)</translation>
    </message>
    <message>
        <source>workers: </source>
        <translation>Worker: </translation>
    </message>
    <message>
        <source>Double-click a finding to open its shard at that member</source>
        <translation>Doppelklick auf einen Befund öffnet seinen Shard bei diesem Mitglied</translation>
    </message>
    <message>
        <source>score (0 = in order, 1 = fully mixed)</source>
        <translation>Wert (0 = geordnet, 1 = vollständig gemischt)</translation>
    </message>
    <message>
        <source>gap entropy</source>
        <translation>Abstands-Entropie</translation>
    </message>
    <message>
        <source>shard mix in a batch</source>
        <translation>Shard-Mischung im Batch</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>Größen</translation>
    </message>
    <message>
        <source>Advice</source>
        <translation>Empfehlungen</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>Mischen</translation>
    </message>
    <message>
        <source>%1 of %2 shards</source>
        <translation>%1 von %2 Shards</translation>
    </message>
    <message>
        <source>Type a store URL or a dataset config to audit.</source>
        <translation>Geben Sie eine Speicher-URL oder eine Datensatz-Konfiguration zum Prüfen ein.</translation>
    </message>
    <message>
        <source>Auditing %1…</source>
        <translation>%1 wird geprüft …</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>Audit of %1 not complete: %2</source>
        <translation>Prüfung von %1 unvollständig: %2</translation>
    </message>
    <message>
        <source>%1: %2 shards, %3 samples, %4 in %5 s — %6 errors, %7 warnings, %8 info</source>
        <translation>%1: %2 Shards, %3 Samples, %4 in %5 s – %6 Fehler, %7 Warnungen, %8 Hinweise</translation>
    </message>
    <message>
        <source> (stopped: partial)</source>
        <translation> (angehalten: unvollständig)</translation>
    </message>
    <message>
        <source> — nothing to report</source>
        <translation> – nichts zu beanstanden</translation>
    </message>
    <message>
        <source>Re-shard with AIStore dsort (save as spec.json, run `ais start dsort -f spec.json`):</source>
        <translation>Mit AIStore dsort neu aufteilen (als spec.json speichern, `ais start dsort -f spec.json` ausführen):</translation>
    </message>
    <message>
        <source>or from the original files with ishard:</source>
        <translation>oder aus den Originaldateien mit ishard:</translation>
    </message>
    <message>
        <source>%1
memory %2, %3 reads</source>
        <translation>%1
Speicher %2, %3 Lesezugriffe</translation>
    </message>
    <message>
        <source>Audit %1</source>
        <translation>Prüfung von %1</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::JobStatusWidget</name>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop the current operation</source>
        <translation>Den laufenden Vorgang anhalten</translation>
    </message>
    <message>
        <source>Stop: %1</source>
        <translation>Stoppen: %1</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::JobTracker</name>
    <message>
        <source>Stopped: %1</source>
        <translation>Gestoppt: %1</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::MainWindow</name>
    <message>
        <source>shardscope</source>
        <translation>shardscope</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit shardscope</source>
        <translation>shardscope beenden</translation>
    </message>
    <message>
        <source>Show &amp;Status Bar</source>
        <translation>&amp;Statusleiste anzeigen</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>&amp;About shardscope</source>
        <translation>Ü&amp;ber shardscope</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>The language %1 is not available</source>
        <translation>Die Sprache %1 ist nicht verfügbar</translation>
    </message>
    <message>
        <source>About shardscope</source>
        <translation>Über shardscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;shardscope %1&lt;/h3&gt;&lt;p&gt;Explore training datasets in object storage and measure how fast they can be fed to a training job.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;shardscope %1&lt;/h3&gt;&lt;p&gt;Trainingsdatensätze im Objektspeicher erkunden und messen, wie schnell sie einem Trainingsjob zugeführt werden können.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Local store</source>
        <translation>Lokaler Speicher</translation>
    </message>
    <message>
        <source>AIStore %1</source>
        <translation>AIStore %1</translation>
    </message>
    <message>
        <source>Cannot open %1: no connection for %2://</source>
        <translation>%1 kann nicht geöffnet werden: keine Verbindung für %2://</translation>
    </message>
    <message>
        <source>&amp;Open URL…</source>
        <translation>URL ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Open URL</source>
        <translation>URL öffnen</translation>
    </message>
    <message>
        <source>A bucket, prefix or shard, e.g. local://demo/train/ or ais://bucket:</source>
        <translation>Ein Bucket, Präfix oder Shard, z. B. local://demo/train/ oder ais://bucket:</translation>
    </message>
    <message>
        <source>Add &amp;Connection…</source>
        <translation>&amp;Verbindung hinzufügen …</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Open Dataset Config</source>
        <translation>Datensatz-Konfiguration öffnen</translation>
    </message>
    <message>
        <source>Dataset configs (*.json);;All files (*)</source>
        <translation>Datensatz-Konfigurationen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save Dataset Config</source>
        <translation>Datensatz-Konfiguration speichern</translation>
    </message>
    <message>
        <source>Dataset configs (*.json)</source>
        <translation>Datensatz-Konfigurationen (*.json)</translation>
    </message>
    <message>
        <source>&amp;New Dataset Config</source>
        <translation>&amp;Neue Datensatz-Konfiguration</translation>
    </message>
    <message>
        <source>Open Dataset &amp;Config…</source>
        <translation>Datensatz-&amp;Konfiguration öffnen …</translation>
    </message>
    <message>
        <source>&amp;Save Dataset Config</source>
        <translation>Datensatz-Konfiguration &amp;speichern</translation>
    </message>
    <message>
        <source>Save Dataset Config &amp;As…</source>
        <translation>Datensatz-Konfiguration speichern &amp;unter …</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren …</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>Durchsuchen</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Add a source in the Dataset tab first</source>
        <translation>Fügen Sie zuerst im Datensatz-Tab eine Quelle hinzu</translation>
    </message>
    <message>
        <source>Listing the objects of %1…</source>
        <translation>Liste die Objekte von %1 auf …</translation>
    </message>
    <message>
        <source>Cannot list %1: %2</source>
        <translation>%1 kann nicht aufgelistet werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Listed %n object(s)</source>
        <translation>
            <numerusform>%n Objekt aufgelistet</numerusform>
            <numerusform>%n Objekte aufgelistet</numerusform>
        </translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>Benchmark</translation>
    </message>
    <message>
        <source>Batch Tuning</source>
        <translation>Batch-Abstimmung</translation>
    </message>
    <message>
        <source>The built-in connections cannot be edited; add a connection instead</source>
        <translation>Die eingebauten Verbindungen können nicht bearbeitet werden; fügen Sie stattdessen eine Verbindung hinzu</translation>
    </message>
    <message>
        <source>&amp;Messages</source>
        <translation>&amp;Meldungen</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>Writing the demo data set (first time only)…</source>
        <translation>Der Demo-Datensatz wird geschrieben (nur beim ersten Mal) …</translation>
    </message>
    <message>
        <source>Writing the demo data set to local://demo…</source>
        <translation>Der Demo-Datensatz wird nach local://demo geschrieben …</translation>
    </message>
    <message>
        <source>Cannot write the demo data set: %1</source>
        <translation>Der Demo-Datensatz kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The demo data set is at local://demo</source>
        <translation>Der Demo-Datensatz liegt in local://demo</translation>
    </message>
    <message>
        <source>Open a Local Folder</source>
        <translation>Lokalen Ordner öffnen</translation>
    </message>
    <message>
        <source>S&amp;tart Page</source>
        <translation>S&amp;tartseite</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ObjectListModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>Prüfsumme</translation>
    </message>
    <message numerus="yes">
        <source>%1: showing the first %Ln object(s); the listing stops there to keep memory bounded. Type a prefix to list part of the bucket.</source>
        <translation>
            <numerusform>%1: Nur das erste %Ln Objekt wird angezeigt; die Auflistung endet dort, damit der Speicher begrenzt bleibt. Geben Sie ein Präfix ein, um einen Teil des Buckets aufzulisten.</numerusform>
            <numerusform>%1: Nur die ersten %Ln Objekte werden angezeigt; die Auflistung endet dort, damit der Speicher begrenzt bleibt. Geben Sie ein Präfix ein, um einen Teil des Buckets aufzulisten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation>%1 wird aufgelistet…</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::PythonBenchmark</name>
    <message>
        <source>%1 with %2</source>
        <translation>%1 mit %2</translation>
    </message>
    <message>
        <source>Looking for a Python that can import %1…</source>
        <translation>Suche nach einem Python, das %1 importieren kann…</translation>
    </message>
    <message>
        <source>%1 was not measured: %2</source>
        <translation>%1 wurde nicht gemessen: %2</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::PythonFinder</name>
    <message>
        <source>No python3 on PATH. Install Python with %1, or choose an interpreter in Settings.</source>
        <translation>Kein python3 im PATH. Python mit %1 installieren oder in den Einstellungen einen Interpreter wählen.</translation>
    </message>
    <message>
        <source>No Python that can import %1: tried %2. Install them (pip install %1), or choose an interpreter in Settings.</source>
        <translation>Kein Python kann %1 importieren: versucht wurden %2. Installieren (pip install %1) oder in den Einstellungen einen Interpreter wählen.</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::PythonMethodRun</name>
    <message>
        <source>Benchmark: %1</source>
        <translation>Benchmark: %1</translation>
    </message>
    <message>
        <source>%1 cannot run this config: %2</source>
        <translation>%1 kann diese Konfiguration nicht ausführen: %2</translation>
    </message>
    <message>
        <source>Cannot write the pipeline script to a temporary folder.</source>
        <translation>Das Pipeline-Skript kann nicht in einen temporären Ordner geschrieben werden.</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>no such program, or it is not executable</source>
        <translation>kein solches Programm, oder es ist nicht ausführbar</translation>
    </message>
    <message>
        <source>The %1 pipeline failed (exit code %2): %3</source>
        <translation>Die %1-Pipeline ist fehlgeschlagen (Exit-Code %2): %3</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::SamplePreview</name>
    <message>
        <source>, min %1, max %2, mean %3</source>
        <translation>, Min. %1, Max. %2, Mittel %3</translation>
    </message>
    <message>
        <source>Class label: %1</source>
        <translation>Klassenlabel: %1</translation>
    </message>
    <message>
        <source>Decoding %1…</source>
        <translation>%1 wird dekodiert …</translation>
    </message>
    <message>
        <source>Loader delivers: %1</source>
        <translation>Der Loader liefert: %1</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>fit (%1%)</source>
        <translation>eingepasst (%1 %)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Fit the image to the view</source>
        <translation>Bild an die Ansicht anpassen</translation>
    </message>
    <message>
        <source>One screen pixel per image pixel</source>
        <translation>Ein Bildschirmpixel je Bildpixel</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>%1: image too large to preview: %2×%3</source>
        <translation>%1: Bild zu groß für die Vorschau: %2×%3</translation>
    </message>
    <message>
        <source>Format: %1
Width: %2
Height: %3
Channels: %4</source>
        <translation>Format: %1
Breite: %2
Höhe: %3
Kanäle: %4</translation>
    </message>
    <message>
        <source>bytes (%1)</source>
        <translation>Bytes (%1)</translation>
    </message>
    <message>
        <source>text (%1)</source>
        <translation>Text (%1)</translation>
    </message>
    <message>
        <source>label %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>empty array, shape %1</source>
        <translation>leeres Array, Form %1</translation>
    </message>
    <message>
        <source>array %1 %2</source>
        <translation>Array %1 %2</translation>
    </message>
    <message>
        <source>image %1 %2</source>
        <translation>Bild %1 %2</translation>
    </message>
    <message>
        <source>audio %1 %2 at %3 Hz</source>
        <translation>Audio %1 %2 mit %3 Hz</translation>
    </message>
    <message>
        <source>… %1 more</source>
        <translation>… %1 mehr</translation>
    </message>
    <message>
        <source>, %1 encoded</source>
        <translation>, %1 kodiert</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::SamplerEditor</name>
    <message>
        <source>Max batch bytes: %1</source>
        <translation>Max. Batch-Bytes: %1</translation>
    </message>
    <message>
        <source>Dataset kind:</source>
        <translation>Datensatzart:</translation>
    </message>
    <message>
        <source>Sample key rule:</source>
        <translation>Sample-Schlüsselregel:</translation>
    </message>
    <message>
        <source>Get-batch size:</source>
        <translation>Get-Batch-Größe:</translation>
    </message>
    <message>
        <source>Sampler:</source>
        <translation>Stichprobenziehung:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batch-Größe:</translation>
    </message>
    <message>
        <source>Max batch bytes:</source>
        <translation>Max. Batch-Bytes:</translation>
    </message>
    <message>
        <source>Saturation:</source>
        <translation>Sättigung:</translation>
    </message>
    <message>
        <source>Drop last batch</source>
        <translation>Letzten Batch verwerfen</translation>
    </message>
    <message>
        <source>Allow oversized</source>
        <translation>Übergroße zulassen</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>Mischen</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Startwert:</translation>
    </message>
    <message>
        <source>Packing window:</source>
        <translation>Packfenster:</translation>
    </message>
    <message>
        <source>Workers:</source>
        <translation>Worker:</translation>
    </message>
    <message>
        <source>Decoders:</source>
        <translation>Decoder:</translation>
    </message>
    <message>
        <source>Map dataset (AISMapDataset)</source>
        <translation>Map-Datensatz (AISMapDataset)</translation>
    </message>
    <message>
        <source>Iterable dataset (AISIterDataset)</source>
        <translation>Iterierbarer Datensatz (AISIterDataset)</translation>
    </message>
    <message>
        <source>Shard reader (AISShardReader)</source>
        <translation>Shard-Leser (AISShardReader)</translation>
    </message>
    <message>
        <source>Get-batch (AISBatchIterDataset)</source>
        <translation>Get-Batch (AISBatchIterDataset)</translation>
    </message>
    <message>
        <source>WebDataset</source>
        <translation>WebDataset</translation>
    </message>
    <message>
        <source>AIStore SDK</source>
        <translation>AIStore-SDK</translation>
    </message>
    <message>
        <source>Sequential</source>
        <translation>Sequenziell</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <source>Fixed batches</source>
        <translation>Feste Batches</translation>
    </message>
    <message>
        <source>DynamicBatchSampler (byte budget)</source>
        <translation>DynamicBatchSampler (Byte-Budget)</translation>
    </message>
    <message>
        <source>Packing (byte budget, windowed)</source>
        <translation>Packen (Byte-Budget, mit Fenster)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>A byte budget per batch, e.g. 4MiB or 4000000</source>
        <translation>Ein Byte-Budget je Batch, z. B. 4MiB oder 4000000</translation>
    </message>
    <message>
        <source>Comma-separated decoder names, e.g. png, cls</source>
        <translation>Durch Kommas getrennte Decoder-Namen, z. B. png, cls</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ShardSampleModel</name>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Sample / member</source>
        <translation>Sample / Mitglied</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>%1 sample %2 member %3</source>
        <translation>%1 Sample %2 Mitglied %3</translation>
    </message>
    <message>
        <source>%1: the rest of the shard is not shown: the samples above hold the most a shard view keeps in memory (%2)</source>
        <translation>%1: Der Rest des Shards wird nicht angezeigt: Die Samples oben belegen bereits den Speicher, den eine Shard-Ansicht höchstens hält (%2)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::SplitCounter</name>
    <message>
        <source>Counting the splits of %1…</source>
        <translation>Splits von %1 werden gezählt…</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::SplitReportView</name>
    <message>
        <source>(in no split)</source>
        <translation>(in keinem Split)</translation>
    </message>
    <message numerus="yes">
        <source>Overlap %1 / %2: %n object(s), e.g. %3</source>
        <translation>
            <numerusform>Überschneidung %1 / %2: %n Objekt, z. B. %3</numerusform>
            <numerusform>Überschneidung %1 / %2: %n Objekte, z. B. %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In no split: %n object(s), e.g. %1</source>
        <translation>
            <numerusform>In keinem Split: %n Objekt, z. B. %1</numerusform>
            <numerusform>In keinem Split: %n Objekte, z. B. %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No overlaps; every object is in a split.</source>
        <translation>Keine Überschneidungen; jedes Objekt ist in einem Split.</translation>
    </message>
    <message>
        <source>Counted.</source>
        <translation>Gezählt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;What the splits select&lt;/b&gt;</source>
        <translation>&lt;b&gt;Was die Splits auswählen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Aufteilung</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>Objekte</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>List Again</source>
        <translation>Erneut auflisten</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::StartView</name>
    <message>
        <source>Welcome to shardscope</source>
        <translation>Willkommen bei shardscope</translation>
    </message>
    <message>
        <source>shardscope shows what is in a training data set kept in object storage: buckets, shards and the samples inside them, as pictures, text, labels and sound.
It describes the data set as a config that the CLI runs and exports as a training script.
It measures how fast the data loads with 1, 2, 4… workers and says where it stalls.</source>
        <translation>shardscope zeigt, was in einem Trainingsdatensatz im Objektspeicher steckt: Buckets, Shards und die Beispiele darin, als Bilder, Text, Labels und Ton.
Es beschreibt den Datensatz als Konfiguration, die die CLI ausführt und als Trainingsskript exportiert.
Es misst, wie schnell die Daten mit 1, 2, 4 … Workern laden, und sagt, wo es hakt.</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>Demo öffnen</translation>
    </message>
    <message>
        <source>A small data set of shapes with labels, captions and metadata, written on this computer the first time (local://demo)</source>
        <translation>Ein kleiner Datensatz aus Formen mit Labels, Bildunterschriften und Metadaten, beim ersten Mal auf diesem Computer angelegt (local://demo)</translation>
    </message>
    <message>
        <source>Connect to AIStore…</source>
        <translation>Mit AIStore verbinden …</translation>
    </message>
    <message>
        <source>Open a local folder…</source>
        <translation>Lokalen Ordner öffnen …</translation>
    </message>
    <message>
        <source>Open URL…</source>
        <translation>URL öffnen …</translation>
    </message>
    <message>
        <source>Recently opened</source>
        <translation>Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Nothing opened yet: the buckets and URLs you open appear here.</source>
        <translation>Noch nichts geöffnet: Die Buckets und URLs, die Sie öffnen, erscheinen hier.</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::SummaryView</name>
    <message>
        <source>Extension</source>
        <translation>Endung</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>Objekte</translation>
    </message>
    <message>
        <source>object size (up to)</source>
        <translation>Objektgröße (bis)</translation>
    </message>
    <message>
        <source>objects</source>
        <translation>Objekte</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>Summary of %1 not complete: %2</source>
        <translation>Zusammenfassung von %1 unvollständig: %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln object(s), %2</source>
        <translation>
            <numerusform>%1: %Ln Objekt, %2</numerusform>
            <numerusform>%1: %Ln Objekte, %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln object(s), %2 so far…</source>
        <translation>
            <numerusform>%1: bisher %Ln Objekt, %2 …</numerusform>
            <numerusform>%1: bisher %Ln Objekte, %2 …</numerusform>
        </translation>
    </message>
    <message>
        <source>Summarizing %1…</source>
        <translation>%1 wird zusammengefasst…</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ThumbnailModel</name>
    <message>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <source>%1 sample %2</source>
        <translation>%1 Sample %2</translation>
    </message>
    <message>
        <source>image too large to preview: %1×%2</source>
        <translation>Bild zu groß für die Vorschau: %1×%2</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::DatasetSourcesModel</name>
    <message>
        <source>Source %1, bucket URL: &quot;%2&quot; names no bucket (a bucket URL looks like ais://bucket)</source>
        <translation>Quelle %1, Bucket-URL: „%2“ nennt keinen Bucket (eine Bucket-URL sieht so aus: ais://bucket)</translation>
    </message>
    <message>
        <source>Source %1, group: &quot;%2&quot; is not a group kind (prefix, names or template)</source>
        <translation>Quelle %1, Gruppe: „%2“ ist keine Gruppenart (prefix, names oder template)</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::DatasetSplitsModel</name>
    <message>
        <source>Split row %1, %2: split &quot;%3&quot; already has a row (%4) for source &quot;%5&quot;; add the prefixes there</source>
        <translation>Split-Zeile %1, %2: Split „%3“ hat schon eine Zeile (%4) für Quelle „%5“; fügen Sie die Präfixe dort hinzu</translation>
    </message>
    <message>
        <source>split name</source>
        <translation>Split-Name</translation>
    </message>
    <message>
        <source>source ID</source>
        <translation>Quellen-ID</translation>
    </message>
    <message>
        <source>Split row %1 already selects for split &quot;%2&quot; and source &quot;%3&quot;</source>
        <translation>Split-Zeile %1 wählt schon für Split „%2“ und Quelle „%3“ aus</translation>
    </message>
</context>
</TS>
