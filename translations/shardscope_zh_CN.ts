<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PythonMethod</name>
    <message>
        <source>Python: aistore.pytorch</source>
        <translation>Python：aistore.pytorch</translation>
    </message>
    <message>
        <source>Python: shardscope</source>
        <translation>Python：shardscope</translation>
    </message>
    <message>
        <source>Which script is faster: benchmark this config with the methods "%1" and "%2".</source>
        <translation>哪个脚本更快：用“%1”和“%2”方法对此配置做基准测试。</translation>
    </message>
    <message>
        <source>Last benchmark of this config: the shardscope script read %1 items/s, the aistore.pytorch script %2 items/s: %3 is %4× faster.</source>
        <translation>此配置的上次基准测试：shardscope 脚本每秒读取 %1 项，aistore.pytorch 脚本每秒 %2 项：%3 快 %4 倍。</translation>
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
        <translation>未测量您的 aistore.pytorch 流水线，因此无法比较切换的收益。</translation>
    </message>
    <message>
        <source>Your aistore.pytorch pipeline: %1 items/s.</source>
        <translation>您的 aistore.pytorch 流水线：每秒 %1 项。</translation>
    </message>
    <message>
        <source>Switching to shardscope from Python: %1 items/s, %2× the SDK.</source>
        <translation>改用 Python 中的 shardscope：每秒 %1 项，为 SDK 的 %2 倍。</translation>
    </message>
    <message>
        <source>shardscope in C++ (%1): %2 items/s, %3× the SDK.</source>
        <translation>C++ 中的 shardscope（%1）：每秒 %2 项，为 SDK 的 %3 倍。</translation>
    </message>
    <message>
        <source>&amp;Python for Benchmarks…</source>
        <translation>基准测试用 &amp;Python…</translation>
    </message>
    <message>
        <source>The Python that runs the methods "Python: aistore.pytorch" and "Python: shardscope"</source>
        <translation>运行“Python：aistore.pytorch”和“Python：shardscope”方法的 Python</translation>
    </message>
    <message>
        <source>Python for Benchmarks</source>
        <translation>基准测试用 Python</translation>
    </message>
    <message>
        <source>The Python interpreter for the Python benchmark methods (empty: the first python3 on PATH that can import what the method needs):</source>
        <translation>Python 基准测试方法使用的解释器（留空：PATH 中第一个能导入该方法所需模块的 python3）：</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln 字节</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shardscope::ui::BatchTuningPanel</name>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Batches: %1</source>
        <translation>批次：%1</translation>
    </message>
    <message>
        <source>Samples per batch: %1 mean (%2 – %3)</source>
        <translation>每批样本数：平均 %1（%2 – %3）</translation>
    </message>
    <message>
        <source>Mean fill: %1%</source>
        <translation>平均填充率：%1%</translation>
    </message>
    <message>
        <source>Wasted capacity: %1</source>
        <translation>浪费的容量：%1</translation>
    </message>
    <message>
        <source>Oversized: %1 (%2 dropped)</source>
        <translation>超大：%1（丢弃 %2）</translation>
    </message>
    <message>
        <source>Not in any batch: %1 (tail %2, empty objects %3)</source>
        <translation>不在任何批次中：%1（尾部 %2，空对象 %3）</translation>
    </message>
    <message>
        <source>Cannot batch: %1</source>
        <translation>无法分批：%1</translation>
    </message>
    <message>
        <source>A (dataset config)</source>
        <translation>A（数据集配置）</translation>
    </message>
    <message>
        <source>B (alternative)</source>
        <translation>B（备选）</translation>
    </message>
    <message numerus="yes">
        <source>Sizes of %n object(s) from %1</source>
        <translation>
            <numerusform>来自 %1 的 %n 个对象的大小</numerusform>
        </translation>
    </message>
    <message>
        <source>No sizes yet: load them from the dataset config.</source>
        <translation>尚无大小数据：请从数据集配置加载。</translation>
    </message>
    <message>
        <source>Load Sizes from Dataset Config</source>
        <translation>从数据集配置加载大小</translation>
    </message>
    <message>
        <source>A: the dataset config&apos;s sampler</source>
        <translation>A：数据集配置的采样器</translation>
    </message>
    <message>
        <source>B: an alternative</source>
        <translation>B：备选方案</translation>
    </message>
    <message>
        <source>batch fill (bytes of the budget; count of the batch size for fixed batches)</source>
        <translation>批次填充率（占字节预算的比例；固定批次按批大小计数）</translation>
    </message>
    <message>
        <source>batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Tuning batches</source>
        <translation>正在调整批次</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::BenchmarkPanel</name>
    <message>
        <source>Benchmark: %1</source>
        <translation>基准测试：%1</translation>
    </message>
    <message>
        <source>Export Benchmark</source>
        <translation>导出基准测试</translation>
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
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Give a bucket URL, or benchmark the Dataset tab&apos;s config.</source>
        <translation>请提供存储桶 URL，或对“数据集”页的配置进行基准测试。</translation>
    </message>
    <message>
        <source>Sweep workers must increase, each between 1 and 1024, e.g. 1,2,4,8</source>
        <translation>扫描的工作线程数必须递增，每个介于 1 到 1024 之间，例如 1,2,4,8</translation>
    </message>
    <message>
        <source>config %1</source>
        <translation>配置 %1</translation>
    </message>
    <message>
        <source>Benchmark of %1 started</source>
        <translation>%1 的基准测试已开始</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2&lt;br&gt;Next: %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2&lt;br&gt;下一步：%3</translation>
    </message>
    <message>
        <source>Benchmark of %1 failed: %2</source>
        <translation>%1 的基准测试失败：%2</translation>
    </message>
    <message>
        <source>Benchmark of %1 stopped</source>
        <translation>%1 的基准测试已停止</translation>
    </message>
    <message>
        <source>Benchmark of %1 ended with errors: %2</source>
        <translation>%1 的基准测试以错误结束：%2</translation>
    </message>
    <message>
        <source>Benchmark of %1 finished</source>
        <translation>%1 的基准测试已完成</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>数据：</translation>
    </message>
    <message>
        <source>workers</source>
        <translation>工作线程</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>运行：</translation>
    </message>
    <message>
        <source>Dataset config</source>
        <translation>数据集配置</translation>
    </message>
    <message>
        <source>Bucket URL</source>
        <translation>存储桶 URL</translation>
    </message>
    <message>
        <source>Iterable dataset (objects)</source>
        <translation>可迭代数据集（对象）</translation>
    </message>
    <message>
        <source>Map dataset</source>
        <translation>映射数据集</translation>
    </message>
    <message>
        <source>Shard reader</source>
        <translation>分片读取器</translation>
    </message>
    <message>
        <source>Get-batch</source>
        <translation>Get-Batch</translation>
    </message>
    <message>
        <source>Baseline (one thread, GET loop)</source>
        <translation>基线（单线程 GET 循环）</translation>
    </message>
    <message>
        <source>One epoch</source>
        <translation>一个周期</translation>
    </message>
    <message>
        <source>Decode</source>
        <translation>解码</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Sweep Workers</source>
        <translation>扫描工作线程数</translation>
    </message>
    <message>
        <source>Compare Methods</source>
        <translation>比较方法</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save Chart as PNG…</source>
        <translation>将图表保存为 PNG…</translation>
    </message>
    <message>
        <source>Save Chart as PDF…</source>
        <translation>将图表保存为 PDF…</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Live Table</source>
        <translation>实时表格</translation>
    </message>
    <message>
        <source>Worker Sweep</source>
        <translation>工作线程扫描</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Items/s</source>
        <translation>条目/秒</translation>
    </message>
    <message>
        <source>p99 ms</source>
        <translation>p99 毫秒</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作线程</translation>
    </message>
    <message>
        <source>MB/s</source>
        <translation>MB/s</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>No benchmark yet. Choose the data (a bucket URL, or the config of the Dataset tab), a method and the workers, then Start; Sweep Workers finds the worker count to use, Compare Methods the fastest way to read.</source>
        <translation>尚无基准测试。请选择数据（存储桶 URL 或“数据集”选项卡中的配置）、方法和工作线程数，然后点击“开始”；“扫描工作线程数”可找出应使用的线程数，“比较方法”可找出最快的读取方式。</translation>
    </message>
    <message>
        <source>Benchmark of %1</source>
        <translation>%1 的基准测试</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <source>The Python methods run one at a time: use Start.</source>
        <translation>Python 方法一次只运行一个：请使用“开始”。</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::BenchmarkCharts</name>
    <message>
        <source>worker %1</source>
        <translation>工作线程 %1</translation>
    </message>
    <message numerus="yes">
        <source>knee: %n worker(s) — recommended</source>
        <translation>
            <numerusform>拐点：%n 个工作线程 — 推荐</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>still scaling at %n worker(s)</source>
        <translation>
            <numerusform>在 %n 个工作线程时仍在扩展</numerusform>
        </translation>
    </message>
    <message>
        <source>workers</source>
        <translation>工作线程</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>Items/s</source>
        <translation>条目/秒</translation>
    </message>
    <message>
        <source>Payload MB/s</source>
        <translation>有效负载 MB/s</translation>
    </message>
    <message>
        <source>Wire MB/s</source>
        <translation>线路 MB/s</translation>
    </message>
    <message>
        <source>p50 ms</source>
        <translation>p50 毫秒</translation>
    </message>
    <message>
        <source>p95 ms</source>
        <translation>p95 毫秒</translation>
    </message>
    <message>
        <source>p99 ms</source>
        <translation>p99 毫秒</translation>
    </message>
    <message>
        <source>Errors / retries</source>
        <translation>错误 / 重试</translation>
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
        <translation>秒</translation>
    </message>
    <message>
        <source>items/s</source>
        <translation>条目/秒</translation>
    </message>
    <message>
        <source>items/s (total)</source>
        <translation>条目/秒（总计）</translation>
    </message>
    <message>
        <source>payload MB/s</source>
        <translation>有效负载 MB/s</translation>
    </message>
    <message>
        <source>wire MB/s</source>
        <translation>线路 MB/s</translation>
    </message>
    <message>
        <source>request latency (log2 µs bucket: 0 = 1 µs, 10 ≈ 1 ms, 20 ≈ 1 s)</source>
        <translation>请求延迟（log2 微秒分桶：0 = 1 微秒，10 ≈ 1 毫秒，20 ≈ 1 秒）</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>× baseline (items/s)</source>
        <translation>× 基线（条目/秒）</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::BenchmarkRunner</name>
    <message>
        <source>Listing…</source>
        <translation>正在列出…</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message numerus="yes">
        <source>Sweep: %n worker(s)</source>
        <translation>
            <numerusform>扫描：%n 个工作线程</numerusform>
        </translation>
    </message>
    <message>
        <source>Comparing: %1</source>
        <translation>正在比较：%1</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>基准测试</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ClusterStatsView</name>
    <message>
        <source>Polling the cluster&apos;s statistics</source>
        <translation>正在轮询集群统计信息</translation>
    </message>
    <message>
        <source>No cluster statistics: %1</source>
        <translation>没有集群统计：%1</translation>
    </message>
    <message>
        <source>Asking the cluster's targets…</source>
        <translation>正在询问集群的目标节点…</translation>
    </message>
    <message>
        <source>did not answer: %1</source>
        <translation>未应答：%1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>Whole run: %1 GETs on %2 targets, imbalance %3 (max / mean per target)</source>
        <translation>整个运行：%2 个目标节点上 %1 次 GET，不均衡度 %3（每个目标节点的最大值 / 平均值）</translation>
    </message>
    <message>
        <source>Now: %1 GETs on %2 targets in the last interval, imbalance %3 (max / mean per target)</source>
        <translation>当前：上一个区间内 %2 个目标节点上 %1 次 GET，不均衡度 %3（每个目标节点的最大值 / 平均值）</translation>
    </message>
    <message>
        <source>; %1 target(s) did not answer</source>
        <translation>；%1 个目标节点未应答</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标节点</translation>
    </message>
    <message>
        <source>GET/s</source>
        <translation>GET/秒</translation>
    </message>
    <message>
        <source>MB/s</source>
        <translation>MB/秒</translation>
    </message>
    <message>
        <source>Mean GET</source>
        <translation>平均 GET</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>处理器</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Disk util</source>
        <translation>磁盘利用率</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>GET/s per target</source>
        <translation>每个目标节点的 GET/秒</translation>
    </message>
    <message>
        <source>The cluster's side of an ais:// benchmark: each target's own counters while it runs.</source>
        <translation>ais:// 基准测试的集群一侧：运行期间每个目标节点自己的计数器。</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ClusterView</name>
    <message>
        <source>Objects</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>正在查询 %1…</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>维护中</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>无法访问</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>not ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>primary proxy</source>
        <translation>主代理</translation>
    </message>
    <message>
        <source>proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标节点</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Cannot read the cluster map: %1</source>
        <translation>无法读取集群映射：%1</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>AIStore %7, cluster %1, map version %2: %3 proxies, %4 targets, %5 of %6 nodes ready</source>
        <translation>AIStore %7，集群 %1，映射版本 %2：%3 个代理，%4 个目标，%6 个节点中 %5 个就绪</translation>
    </message>
    <message>
        <source>No cluster chosen. Double-click an AIStore connection in the list on the left to see its nodes, or add one with File → Add Connection…</source>
        <translation>尚未选择集群。双击左侧列表中的 AIStore 连接以查看其节点，或通过“文件 → 添加连接…”添加一个。</translation>
    </message>
    <message>
        <source>Reading the cluster map of %1…</source>
        <translation>正在读取 %1 的集群映射…</translation>
    </message>
    <message>
        <source>%1m %2s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1h %2m</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>decommissioning</source>
        <translation>正在退役</translation>
    </message>
    <message>
        <source>maintenance (rebalanced)</source>
        <translation>维护（已重新平衡）</translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation>无法访问：%1</translation>
    </message>
    <message>
        <source>Counting the buckets of %1…</source>
        <translation>正在统计 %1 的存储桶…</translation>
    </message>
    <message>
        <source>Buckets: %1 of %2 counted by the cluster</source>
        <translation>存储桶：集群已统计 %2 个中的 %1 个</translation>
    </message>
    <message>
        <source>Cannot count the buckets: %1</source>
        <translation>无法统计存储桶：%1</translation>
    </message>
    <message>
        <source>No ais:// buckets</source>
        <translation>没有 ais:// 存储桶</translation>
    </message>
    <message>
        <source>Counting the buckets stopped: %1</source>
        <translation>存储桶统计已停止：%1</translation>
    </message>
    <message>
        <source>unknown: %1</source>
        <translation>未知：%1</translation>
    </message>
    <message>
        <source>rebalance running</source>
        <translation>正在重新平衡</translation>
    </message>
    <message>
        <source>no rebalance running</source>
        <translation>没有重新平衡</translation>
    </message>
    <message>
        <source>rebalance unknown (%1)</source>
        <translation>重新平衡状态未知（%1）</translation>
    </message>
    <message>
        <source> (no statistics: %1)</source>
        <translation>（没有统计：%1）</translation>
    </message>
    <message>
        <source>AIStore %7, cluster %1, map version %2: %3 proxies, %4 targets, %5 of %6 nodes ready; %8</source>
        <translation>AIStore %7，集群 %1，映射版本 %2：%3 个代理，%4 个目标节点，%6 个节点中 %5 个就绪；%8</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Mem used</source>
        <translation>已用内存</translation>
    </message>
    <message>
        <source>Mem avail</source>
        <translation>可用内存</translation>
    </message>
    <message>
        <source>Cap used</source>
        <translation>已用容量</translation>
    </message>
    <message>
        <source>Cap avail</source>
        <translation>可用容量</translation>
    </message>
    <message>
        <source>Cap %</source>
        <translation>容量 %</translation>
    </message>
    <message>
        <source>Load avg</source>
        <translation>平均负载</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>处理器</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>存储桶</translation>
    </message>
    <message>
        <source>&amp;Stop auto-refresh</source>
        <translation>停止自动刷新(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Auto-refresh</source>
        <translation>自动刷新(&amp;A)</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ConnectionDialog</name>
    <message>
        <source>Add Connection</source>
        <translation>添加连接</translation>
    </message>
    <message>
        <source>AIStore cluster</source>
        <translation>AIStore 集群</translation>
    </message>
    <message>
        <source>S3-compatible endpoint</source>
        <translation>S3 兼容端点</translation>
    </message>
    <message>
        <source>Local folder of buckets</source>
        <translation>本地存储桶文件夹</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Access key id</source>
        <translation>访问密钥 ID</translation>
    </message>
    <message>
        <source>Secret key (kept in memory only)</source>
        <translation>私密密钥（仅保存在内存中）</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>请选择文件夹</translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n bucket(s)</source>
        <translation>
            <numerusform>已连接：%n 个存储桶</numerusform>
        </translation>
    </message>
    <message>
        <source>system certificates</source>
        <translation>系统证书</translation>
    </message>
    <message>
        <source>Skip TLS certificate verification (unsafe)</source>
        <translation>跳过 TLS 证书验证（不安全）</translation>
    </message>
    <message>
        <source>Warning: without verification anyone on the network path can read and change what is transferred.</source>
        <translation>警告：不验证证书时，网络路径上的任何人都可以读取和篡改传输的内容。</translation>
    </message>
    <message>
        <source>CA file (https)</source>
        <translation>CA 文件（https）</translation>
    </message>
    <message>
        <source>Edit Connection</source>
        <translation>编辑连接</translation>
    </message>
    <message>
        <source>Warning: TLS certificate verification is off for %1</source>
        <translation>警告：%1 的 TLS 证书验证已关闭</translation>
    </message>
    <message>
        <source>optional; else $AIS_AUTHN_TOKEN</source>
        <translation>可选；否则使用 $AIS_AUTHN_TOKEN</translation>
    </message>
    <message>
        <source>Token (kept in memory only)</source>
        <translation>令牌（仅保存在内存中）</translation>
    </message>
    <message>
        <source>Testing the connection %1…</source>
        <translation>正在测试连接 %1…</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ConnectionTreeModel</name>
    <message>
        <source>%1 (loading…)</source>
        <translation>%1（加载中…）</translation>
    </message>
    <message>
        <source>Listing the buckets of %1…</source>
        <translation>正在列出 %1 的存储桶…</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::DatasetPanel</name>
    <message>
        <source>prefix</source>
        <translation>前缀</translation>
    </message>
    <message>
        <source>names</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message numerus="yes">
        <source>Listed %n object(s)…</source>
        <translation>
            <numerusform>已列出 %n 个对象…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot count: %1</source>
        <translation>无法统计：%1</translation>
    </message>
    <message>
        <source>Source %1: &quot;%2&quot; is not a bucket URL such as ais://bucket</source>
        <translation>数据源 %1：“%2” 不是 ais://bucket 这样的存储桶 URL</translation>
    </message>
    <message>
        <source>The config is valid.</source>
        <translation>配置有效。</translation>
    </message>
    <message>
        <source>Not valid yet: %1</source>
        <translation>尚未有效：%1</translation>
    </message>
    <message>
        <source>(all objects)</source>
        <translation>（全部对象）</translation>
    </message>
    <message>
        <source>Add a source to count what the splits select.</source>
        <translation>添加数据源以统计各划分选中的内容。</translation>
    </message>
    <message>
        <source>Cannot count: every source needs an id and a bucket URL</source>
        <translation>无法统计：每个数据源都需要 ID 和存储桶 URL</translation>
    </message>
    <message>
        <source>The config is not valid: %1</source>
        <translation>配置无效：%1</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Endpoint variable:</source>
        <translation>端点变量：</translation>
    </message>
    <message>
        <source>The NAME of the environment variable with the cluster&apos;s URL, never a secret</source>
        <translation>保存集群 URL 的环境变量的名称，绝不是密钥</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sources&lt;/b&gt;</source>
        <translation>&lt;b&gt;数据源&lt;/b&gt;</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Bucket URL</source>
        <translation>存储桶 URL</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Prefix, names or template</source>
        <translation>前缀、名称或模板</translation>
    </message>
    <message>
        <source>Add Source</source>
        <translation>添加数据源</translation>
    </message>
    <message>
        <source>Remove Source</source>
        <translation>移除数据源</translation>
    </message>
    <message>
        <source>&lt;b&gt;Splits&lt;/b&gt; (prefixes per source, comma-separated: AIStore&apos;s prefix_map)</source>
        <translation>&lt;b&gt;划分&lt;/b&gt;（每个数据源的前缀，以逗号分隔：AIStore 的 prefix_map）</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>Source ID</source>
        <translation>数据源 ID</translation>
    </message>
    <message>
        <source>Prefixes</source>
        <translation>前缀</translation>
    </message>
    <message>
        <source>Add Split Row</source>
        <translation>添加划分行</translation>
    </message>
    <message>
        <source>Remove Split Row</source>
        <translation>移除划分行</translation>
    </message>
    <message>
        <source>Read split:</source>
        <translation>读取的划分：</translation>
    </message>
    <message>
        <source>Dataset and sampler</source>
        <translation>数据集与采样器</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ExplorerPanel</name>
    <message>
        <source>Listing %1…</source>
        <translation>正在列出 %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) in %1</source>
        <translation>
            <numerusform>%1 中有 %n 个对象</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) so far in %1; scroll for more</source>
        <translation>
            <numerusform>目前 %1 中已有 %n 个对象；滚动以加载更多</numerusform>
        </translation>
    </message>
    <message>
        <source>Prefix (press Enter to list)</source>
        <translation>前缀（按回车列出）</translation>
    </message>
    <message>
        <source>Filter names</source>
        <translation>按名称筛选</translation>
    </message>
    <message>
        <source>Choose a bucket on the left.</source>
        <translation>请在左侧选择一个存储桶。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n sample(s), problems: %2</source>
        <translation>
            <numerusform>%1：%n 个样本，问题：%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n sample(s)</source>
        <translation>
            <numerusform>%1：%n 个样本</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Shard</source>
        <translation>分片</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>复制 URL</translation>
    </message>
    <message>
        <source>Open as Shard</source>
        <translation>作为分片打开</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>保存 %1</translation>
    </message>
    <message>
        <source>Save Member As…</source>
        <translation>成员另存为…</translation>
    </message>
    <message>
        <source>Save member</source>
        <translation>保存成员</translation>
    </message>
    <message>
        <source>Saving %1 to %2…</source>
        <translation>正在将 %1 保存到 %2…</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Summary complete</source>
        <translation>汇总完成</translation>
    </message>
    <message>
        <source>Summary not complete: %1</source>
        <translation>汇总未完成：%1</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Summarize</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Count objects and bytes, and show the size histogram and extensions</source>
        <translation>统计对象数和字节数，显示大小分布和扩展名</translation>
    </message>
    <message>
        <source>Refresh Buckets</source>
        <translation>刷新存储桶</translation>
    </message>
    <message>
        <source>Remove Connection</source>
        <translation>移除连接</translation>
    </message>
    <message>
        <source>Add to Split as Prefix</source>
        <translation>作为前缀添加到划分</translation>
    </message>
    <message>
        <source>Edit Connection…</source>
        <translation>编辑连接…</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>缩略图</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>One level at a time, with virtual directories; double-click one to enter it</source>
        <translation>逐层显示，带虚拟目录；双击进入</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上一级</translation>
    </message>
    <message numerus="yes">
        <source>Summarizing: %Ln object(s) so far…</source>
        <translation>
            <numerusform>正在汇总：目前 %Ln 个对象…</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message numerus="yes">
        <source>Uploaded %n file(s)</source>
        <translation>
            <numerusform>已上传 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Upload not complete: %1</source>
        <translation>上传未完成：%1</translation>
    </message>
    <message numerus="yes">
        <source>Uploading %n file(s) to %1…</source>
        <translation>
            <numerusform>正在上传 %n 个文件到 %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>Open URL…</source>
        <translation>打开 URL…</translation>
    </message>
    <message>
        <source>Open a bucket, prefix or shard by its URL (ais://, s3://, file://, local://)</source>
        <translation>按 URL 打开存储桶、前缀或分片（ais://、s3://、file://、local://）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>List the current location again</source>
        <translation>重新列出当前位置</translation>
    </message>
    <message>
        <source>Up one directory (Backspace)</source>
        <translation>上一级目录（退格键）</translation>
    </message>
    <message>
        <source>Show the samples of the selected shard (Enter)</source>
        <translation>显示所选分片的样本（回车）</translation>
    </message>
    <message>
        <source>Benchmark This</source>
        <translation>对此做基准测试</translation>
    </message>
    <message>
        <source>Measure how fast the current location can be read, in the Benchmark tab</source>
        <translation>在“基准测试”标签页中测量当前位置的读取速度</translation>
    </message>
    <message>
        <source>Drop files here to upload them into the current directory</source>
        <translation>将文件拖放到此处以上传到当前目录</translation>
    </message>
    <message>
        <source>%1: no member %2 among the samples shown</source>
        <translation>%1：显示的样本中没有成员 %2</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ExportDialog</name>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <source>Counting the samples of every shard…</source>
        <translation>正在统计每个分片的样本…</translation>
    </message>
    <message>
        <source>Stopped; nothing exported.</source>
        <translation>已停止；未导出任何内容。</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
    <message>
        <source>Save Export</source>
        <translation>保存导出</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Cannot save: %1</source>
        <translation>无法保存：%1</translation>
    </message>
    <message>
        <source>Export Dataset Config</source>
        <translation>导出数据集配置</translation>
    </message>
    <message>
        <source>Python (aistore.pytorch + DataLoader)</source>
        <translation>Python（aistore.pytorch + DataLoader）</translation>
    </message>
    <message>
        <source>JSON (dataset config)</source>
        <translation>JSON（数据集配置）</translation>
    </message>
    <message>
        <source>C++ (shardscope core + libtorch)</source>
        <translation>C++（shardscope 核心 + libtorch）</translation>
    </message>
    <message>
        <source>wids shard index (JSON)</source>
        <translation>wids 分片索引（JSON）</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Python (shardscope module, the loader core)</source>
        <translation>Python（shardscope 模块，加载器内核）</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::HealthFindingsModel</name>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Shard</source>
        <translation>分片</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::HealthView</name>
    <message>
        <source>Audit</source>
        <translation>审查</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>shard size (up to)</source>
        <translation>分片大小（上限）</translation>
    </message>
    <message>
        <source>shards</source>
        <translation>分片</translation>
    </message>
    <message>
        <source>sample size (up to)</source>
        <translation>样本大小（上限）</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>extension</source>
        <translation>扩展名</translation>
    </message>
    <message>
        <source>samples that have it</source>
        <translation>含有它的样本</translation>
    </message>
    <message>
        <source>Copy dsort spec</source>
        <translation>复制 dsort 规范</translation>
    </message>
    <message>
        <source>Copy ishard command</source>
        <translation>复制 ishard 命令</translation>
    </message>
    <message>
        <source>ais://bucket/prefix/, file:///dir/ or a dataset config (.json)</source>
        <translation>ais://bucket/prefix/、file:///dir/ 或数据集配置（.json）</translation>
    </message>
    <message>
        <source>workers: </source>
        <translation>工作线程：</translation>
    </message>
    <message>
        <source>Double-click a finding to open its shard at that member</source>
        <translation>双击某个发现即可在该成员处打开其分片</translation>
    </message>
    <message>
        <source>score (0 = in order, 1 = fully mixed)</source>
        <translation>得分（0 = 按顺序，1 = 完全混合）</translation>
    </message>
    <message>
        <source>gap entropy</source>
        <translation>间隔熵</translation>
    </message>
    <message>
        <source>shard mix in a batch</source>
        <translation>批次内的分片混合</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Advice</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>打乱</translation>
    </message>
    <message>
        <source>%1 of %2 shards</source>
        <translation>%1 / %2 个分片</translation>
    </message>
    <message>
        <source>Type a store URL or a dataset config to audit.</source>
        <translation>请输入要审查的存储 URL 或数据集配置。</translation>
    </message>
    <message>
        <source>Auditing %1…</source>
        <translation>正在审查 %1…</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Audit of %1 not complete: %2</source>
        <translation>%1 的审查未完成：%2</translation>
    </message>
    <message>
        <source>%1: %2 shards, %3 samples, %4 in %5 s — %6 errors, %7 warnings, %8 info</source>
        <translation>%1：%2 个分片，%3 个样本，%4，用时 %5 秒 — %6 个错误，%7 个警告，%8 条信息</translation>
    </message>
    <message>
        <source> (stopped: partial)</source>
        <translation>（已停止：部分结果）</translation>
    </message>
    <message>
        <source> — nothing to report</source>
        <translation> — 未发现问题</translation>
    </message>
    <message>
        <source>Re-shard with AIStore dsort (save as spec.json, run `ais start dsort -f spec.json`):</source>
        <translation>使用 AIStore dsort 重新分片（保存为 spec.json，运行 `ais start dsort -f spec.json`）：</translation>
    </message>
    <message>
        <source>or from the original files with ishard:</source>
        <translation>或使用 ishard 从原始文件重新分片：</translation>
    </message>
    <message>
        <source>%1
memory %2, %3 reads</source>
        <translation>%1
内存 %2，%3 次读取</translation>
    </message>
    <message>
        <source>Audit %1</source>
        <translation>审查 %1</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::JobStatusWidget</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the current operation</source>
        <translation>停止当前操作</translation>
    </message>
    <message>
        <source>Stop: %1</source>
        <translation>停止：%1</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::JobTracker</name>
    <message>
        <source>Stopped: %1</source>
        <translation>已停止：%1</translation>
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
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit shardscope</source>
        <translation>退出 shardscope</translation>
    </message>
    <message>
        <source>Show &amp;Status Bar</source>
        <translation>显示状态栏(&amp;S)</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>&amp;About shardscope</source>
        <translation>关于 shardscope(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>The language %1 is not available</source>
        <translation>语言 %1 不可用</translation>
    </message>
    <message>
        <source>About shardscope</source>
        <translation>关于 shardscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;shardscope %1&lt;/h3&gt;&lt;p&gt;Explore training datasets in object storage and measure how fast they can be fed to a training job.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;shardscope %1&lt;/h3&gt;&lt;p&gt;浏览对象存储中的训练数据集，并测量它们向训练任务供给数据的速度。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Local store</source>
        <translation>本地存储</translation>
    </message>
    <message>
        <source>AIStore %1</source>
        <translation>AIStore %1</translation>
    </message>
    <message>
        <source>Cannot open %1: no connection for %2://</source>
        <translation>无法打开 %1：没有 %2:// 的连接</translation>
    </message>
    <message>
        <source>&amp;Open URL…</source>
        <translation>打开 URL(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Open URL</source>
        <translation>打开 URL</translation>
    </message>
    <message>
        <source>A bucket, prefix or shard, e.g. local://demo/train/ or ais://bucket:</source>
        <translation>存储桶、前缀或分片，例如 local://demo/train/ 或 ais://bucket：</translation>
    </message>
    <message>
        <source>Add &amp;Connection…</source>
        <translation>添加连接(&amp;C)…</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Open Dataset Config</source>
        <translation>打开数据集配置</translation>
    </message>
    <message>
        <source>Dataset configs (*.json);;All files (*)</source>
        <translation>数据集配置 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save Dataset Config</source>
        <translation>保存数据集配置</translation>
    </message>
    <message>
        <source>Dataset configs (*.json)</source>
        <translation>数据集配置 (*.json)</translation>
    </message>
    <message>
        <source>&amp;New Dataset Config</source>
        <translation>新建数据集配置(&amp;N)</translation>
    </message>
    <message>
        <source>Open Dataset &amp;Config…</source>
        <translation>打开数据集配置(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Save Dataset Config</source>
        <translation>保存数据集配置(&amp;S)</translation>
    </message>
    <message>
        <source>Save Dataset Config &amp;As…</source>
        <translation>数据集配置另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>浏览器</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Add a source in the Dataset tab first</source>
        <translation>请先在“数据集”页添加数据源</translation>
    </message>
    <message>
        <source>Listing the objects of %1…</source>
        <translation>正在列出 %1 的对象…</translation>
    </message>
    <message>
        <source>Cannot list %1: %2</source>
        <translation>无法列出 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Listed %n object(s)</source>
        <translation>
            <numerusform>已列出 %n 个对象</numerusform>
        </translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <source>Batch Tuning</source>
        <translation>批次调优</translation>
    </message>
    <message>
        <source>The built-in connections cannot be edited; add a connection instead</source>
        <translation>内置连接不能编辑；请改为添加一个连接</translation>
    </message>
    <message>
        <source>&amp;Messages</source>
        <translation>消息(&amp;M)</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Writing the demo data set (first time only)…</source>
        <translation>正在写入演示数据集（仅首次）…</translation>
    </message>
    <message>
        <source>Writing the demo data set to local://demo…</source>
        <translation>正在将演示数据集写入 local://demo…</translation>
    </message>
    <message>
        <source>Cannot write the demo data set: %1</source>
        <translation>无法写入演示数据集：%1</translation>
    </message>
    <message>
        <source>The demo data set is at local://demo</source>
        <translation>演示数据集位于 local://demo</translation>
    </message>
    <message>
        <source>Open a Local Folder</source>
        <translation>打开本地文件夹</translation>
    </message>
    <message>
        <source>S&amp;tart Page</source>
        <translation>起始页(&amp;T)</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康检查</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ObjectListModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>校验和</translation>
    </message>
    <message numerus="yes">
        <source>%1: showing the first %Ln object(s); the listing stops there to keep memory bounded. Type a prefix to list part of the bucket.</source>
        <translation>
            <numerusform>%1：仅显示前 %Ln 个对象；为限制内存占用，列举到此为止。输入前缀可只列出存储桶的一部分。</numerusform>
        </translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation>正在列出 %1…</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::PythonBenchmark</name>
    <message>
        <source>%1 with %2</source>
        <translation>%1，使用 %2</translation>
    </message>
    <message>
        <source>Looking for a Python that can import %1…</source>
        <translation>正在查找可以导入 %1 的 Python…</translation>
    </message>
    <message>
        <source>%1 was not measured: %2</source>
        <translation>未测量 %1：%2</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::PythonFinder</name>
    <message>
        <source>No python3 on PATH. Install Python with %1, or choose an interpreter in Settings.</source>
        <translation>PATH 中没有 python3。请安装带有 %1 的 Python，或在“设置”中选择解释器。</translation>
    </message>
    <message>
        <source>No Python that can import %1: tried %2. Install them (pip install %1), or choose an interpreter in Settings.</source>
        <translation>没有可以导入 %1 的 Python：已尝试 %2。请安装（pip install %1），或在“设置”中选择解释器。</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::PythonMethodRun</name>
    <message>
        <source>Benchmark: %1</source>
        <translation>基准测试：%1</translation>
    </message>
    <message>
        <source>%1 cannot run this config: %2</source>
        <translation>%1 无法运行此配置：%2</translation>
    </message>
    <message>
        <source>Cannot write the pipeline script to a temporary folder.</source>
        <translation>无法将流水线脚本写入临时文件夹。</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>no such program, or it is not executable</source>
        <translation>没有此程序，或它不可执行</translation>
    </message>
    <message>
        <source>The %1 pipeline failed (exit code %2): %3</source>
        <translation>%1 流水线失败（退出码 %2）：%3</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::SamplePreview</name>
    <message>
        <source>, min %1, max %2, mean %3</source>
        <translation>，最小 %1，最大 %2，平均 %3</translation>
    </message>
    <message>
        <source>Class label: %1</source>
        <translation>类别标签：%1</translation>
    </message>
    <message>
        <source>Decoding %1…</source>
        <translation>正在解码 %1…</translation>
    </message>
    <message>
        <source>Loader delivers: %1</source>
        <translation>加载器输出：%1</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>fit (%1%)</source>
        <translation>适应（%1%）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
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
        <translation>使图像适应视图</translation>
    </message>
    <message>
        <source>One screen pixel per image pixel</source>
        <translation>每个图像像素对应一个屏幕像素</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>%1: image too large to preview: %2×%3</source>
        <translation>%1：图像太大，无法预览：%2×%3</translation>
    </message>
    <message>
        <source>Format: %1
Width: %2
Height: %3
Channels: %4</source>
        <translation>格式：%1
宽度：%2
高度：%3
通道：%4</translation>
    </message>
    <message>
        <source>bytes (%1)</source>
        <translation>字节（%1）</translation>
    </message>
    <message>
        <source>text (%1)</source>
        <translation>文本（%1）</translation>
    </message>
    <message>
        <source>label %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>empty array, shape %1</source>
        <translation>空数组，形状 %1</translation>
    </message>
    <message>
        <source>array %1 %2</source>
        <translation>数组 %1 %2</translation>
    </message>
    <message>
        <source>image %1 %2</source>
        <translation>图像 %1 %2</translation>
    </message>
    <message>
        <source>audio %1 %2 at %3 Hz</source>
        <translation>音频 %1 %2，%3 Hz</translation>
    </message>
    <message>
        <source>… %1 more</source>
        <translation>… 还有 %1</translation>
    </message>
    <message>
        <source>, %1 encoded</source>
        <translation>，编码后 %1</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::SamplerEditor</name>
    <message>
        <source>Max batch bytes: %1</source>
        <translation>批次最大字节数：%1</translation>
    </message>
    <message>
        <source>Dataset kind:</source>
        <translation>数据集类型：</translation>
    </message>
    <message>
        <source>Sample key rule:</source>
        <translation>样本键规则：</translation>
    </message>
    <message>
        <source>Get-batch size:</source>
        <translation>Get-Batch 大小：</translation>
    </message>
    <message>
        <source>Sampler:</source>
        <translation>采样器：</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <source>Max batch bytes:</source>
        <translation>批次最大字节数：</translation>
    </message>
    <message>
        <source>Saturation:</source>
        <translation>饱和度：</translation>
    </message>
    <message>
        <source>Drop last batch</source>
        <translation>丢弃最后一批</translation>
    </message>
    <message>
        <source>Allow oversized</source>
        <translation>允许超大样本</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>打乱</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Packing window:</source>
        <translation>打包窗口：</translation>
    </message>
    <message>
        <source>Workers:</source>
        <translation>工作线程：</translation>
    </message>
    <message>
        <source>Decoders:</source>
        <translation>解码器：</translation>
    </message>
    <message>
        <source>Map dataset (AISMapDataset)</source>
        <translation>映射数据集（AISMapDataset）</translation>
    </message>
    <message>
        <source>Iterable dataset (AISIterDataset)</source>
        <translation>可迭代数据集（AISIterDataset）</translation>
    </message>
    <message>
        <source>Shard reader (AISShardReader)</source>
        <translation>分片读取器（AISShardReader）</translation>
    </message>
    <message>
        <source>Get-batch (AISBatchIterDataset)</source>
        <translation>Get-Batch（AISBatchIterDataset）</translation>
    </message>
    <message>
        <source>WebDataset</source>
        <translation>WebDataset</translation>
    </message>
    <message>
        <source>AIStore SDK</source>
        <translation>AIStore SDK</translation>
    </message>
    <message>
        <source>Sequential</source>
        <translation>顺序</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Fixed batches</source>
        <translation>固定批次</translation>
    </message>
    <message>
        <source>DynamicBatchSampler (byte budget)</source>
        <translation>DynamicBatchSampler（字节预算）</translation>
    </message>
    <message>
        <source>Packing (byte budget, windowed)</source>
        <translation>打包（字节预算，窗口式）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>A byte budget per batch, e.g. 4MiB or 4000000</source>
        <translation>每批次的字节预算，例如 4MiB 或 4000000</translation>
    </message>
    <message>
        <source>Comma-separated decoder names, e.g. png, cls</source>
        <translation>以逗号分隔的解码器名称，例如 png, cls</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ShardSampleModel</name>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Sample / member</source>
        <translation>样本 / 成员</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>%1 sample %2 member %3</source>
        <translation>%1 样本 %2 成员 %3</translation>
    </message>
    <message>
        <source>%1: the rest of the shard is not shown: the samples above hold the most a shard view keeps in memory (%2)</source>
        <translation>%1：分片的其余部分未显示：上面的样本已占用分片视图最多保留的内存（%2）</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::SplitCounter</name>
    <message>
        <source>Counting the splits of %1…</source>
        <translation>正在统计 %1 的划分…</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::SplitReportView</name>
    <message>
        <source>(in no split)</source>
        <translation>（不在任何划分中）</translation>
    </message>
    <message numerus="yes">
        <source>Overlap %1 / %2: %n object(s), e.g. %3</source>
        <translation>
            <numerusform>重叠 %1 / %2：%n 个对象，例如 %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In no split: %n object(s), e.g. %1</source>
        <translation>
            <numerusform>不在任何划分中：%n 个对象，例如 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No overlaps; every object is in a split.</source>
        <translation>没有重叠；每个对象都属于某个划分。</translation>
    </message>
    <message>
        <source>Counted.</source>
        <translation>统计完成。</translation>
    </message>
    <message>
        <source>&lt;b&gt;What the splits select&lt;/b&gt;</source>
        <translation>&lt;b&gt;各划分选中的内容&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>List Again</source>
        <translation>重新列出</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::StartView</name>
    <message>
        <source>Welcome to shardscope</source>
        <translation>欢迎使用 shardscope</translation>
    </message>
    <message>
        <source>shardscope shows what is in a training data set kept in object storage: buckets, shards and the samples inside them, as pictures, text, labels and sound.
It describes the data set as a config that the CLI runs and exports as a training script.
It measures how fast the data loads with 1, 2, 4… workers and says where it stalls.</source>
        <translation>shardscope 展示对象存储中训练数据集的内容：存储桶、分片及其中的样本，以图片、文本、标签和声音呈现。
它把数据集描述为一份配置，由命令行工具运行，并可导出为训练脚本。
它测量数据在 1、2、4… 个工作线程下的加载速度，并指出瓶颈所在。</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>打开演示数据</translation>
    </message>
    <message>
        <source>A small data set of shapes with labels, captions and metadata, written on this computer the first time (local://demo)</source>
        <translation>一个由各种形状组成的小型数据集，带有标签、说明文字和元数据，首次使用时写入本机（local://demo）</translation>
    </message>
    <message>
        <source>Connect to AIStore…</source>
        <translation>连接到 AIStore…</translation>
    </message>
    <message>
        <source>Open a local folder…</source>
        <translation>打开本地文件夹…</translation>
    </message>
    <message>
        <source>Open URL…</source>
        <translation>打开 URL…</translation>
    </message>
    <message>
        <source>Recently opened</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>Nothing opened yet: the buckets and URLs you open appear here.</source>
        <translation>尚未打开任何内容：你打开的存储桶和 URL 会显示在这里。</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::SummaryView</name>
    <message>
        <source>Extension</source>
        <translation>扩展名</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>object size (up to)</source>
        <translation>对象大小（上限）</translation>
    </message>
    <message>
        <source>objects</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Summary of %1 not complete: %2</source>
        <translation>%1 的汇总未完成：%2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln object(s), %2</source>
        <translation>
            <numerusform>%1：%Ln 个对象，%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln object(s), %2 so far…</source>
        <translation>
            <numerusform>%1：目前 %Ln 个对象，%2…</numerusform>
        </translation>
    </message>
    <message>
        <source>Summarizing %1…</source>
        <translation>正在汇总 %1…</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ThumbnailModel</name>
    <message>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>%1 sample %2</source>
        <translation>%1 样本 %2</translation>
    </message>
    <message>
        <source>image too large to preview: %1×%2</source>
        <translation>图像太大，无法预览：%1×%2</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::DatasetSourcesModel</name>
    <message>
        <source>Source %1, bucket URL: &quot;%2&quot; names no bucket (a bucket URL looks like ais://bucket)</source>
        <translation>数据源 %1，存储桶 URL：“%2” 未指明存储桶（存储桶 URL 形如 ais://bucket）</translation>
    </message>
    <message>
        <source>Source %1, group: &quot;%2&quot; is not a group kind (prefix, names or template)</source>
        <translation>数据源 %1，分组：“%2” 不是分组类型（prefix、names 或 template）</translation>
    </message>
</context>
<context>
    <name>shardscope::ui::DatasetSplitsModel</name>
    <message>
        <source>Split row %1, %2: split &quot;%3&quot; already has a row (%4) for source &quot;%5&quot;; add the prefixes there</source>
        <translation>划分行 %1，%2：划分“%3”已有数据源“%5”的一行（%4）；请在那里添加前缀</translation>
    </message>
    <message>
        <source>split name</source>
        <translation>划分名称</translation>
    </message>
    <message>
        <source>source ID</source>
        <translation>数据源 ID</translation>
    </message>
    <message>
        <source>Split row %1 already selects for split &quot;%2&quot; and source &quot;%3&quot;</source>
        <translation>划分行 %1 已为划分“%2”和数据源“%3”做了选择</translation>
    </message>
</context>
</TS>
