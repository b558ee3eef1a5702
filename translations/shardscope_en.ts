<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Units</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shardscope::ui::BatchTuningPanel</name>
    <message numerus="yes">
        <source>Sizes of %n object(s) from %1</source>
        <translation>
            <numerusform>Sizes of %n object from %1</numerusform>
            <numerusform>Sizes of %n objects from %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shardscope::ui::BenchmarkCharts</name>
    <message numerus="yes">
        <source>knee: %n worker(s) — recommended</source>
        <translation>
            <numerusform>knee: %n worker — recommended</numerusform>
            <numerusform>knee: %n workers — recommended</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>still scaling at %n worker(s)</source>
        <translation>
            <numerusform>still scaling at %n worker</numerusform>
            <numerusform>still scaling at %n workers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shardscope::ui::BenchmarkRunner</name>
    <message numerus="yes">
        <source>Sweep: %n worker(s)</source>
        <translation>
            <numerusform>Sweep: %n worker</numerusform>
            <numerusform>Sweep: %n workers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ConnectionDialog</name>
    <message numerus="yes">
        <source>Connected: %n bucket(s)</source>
        <translation>
            <numerusform>Connected: %n bucket</numerusform>
            <numerusform>Connected: %n buckets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shardscope::ui::DatasetPanel</name>
    <message numerus="yes">
        <source>Listed %n object(s)…</source>
        <translation>
            <numerusform>Listed %n object…</numerusform>
            <numerusform>Listed %n objects…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ExplorerPanel</name>
    <message numerus="yes">
        <source>%1: %n sample(s), problems: %2</source>
        <translation>
            <numerusform>%1: %n sample, problems: %2</numerusform>
            <numerusform>%1: %n samples, problems: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n sample(s)</source>
        <translation>
            <numerusform>%1: %n sample</numerusform>
            <numerusform>%1: %n samples</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) in %1</source>
        <translation>
            <numerusform>%n object in %1</numerusform>
            <numerusform>%n objects in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) so far in %1; scroll for more</source>
        <translation>
            <numerusform>%n object so far in %1; scroll for more</numerusform>
            <numerusform>%n objects so far in %1; scroll for more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Summarizing: %Ln object(s) so far…</source>
        <translation>
            <numerusform>Summarizing: %Ln object so far…</numerusform>
            <numerusform>Summarizing: %Ln objects so far…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Uploaded %n file(s)</source>
        <translation>
            <numerusform>Uploaded %n file</numerusform>
            <numerusform>Uploaded %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Uploading %n file(s) to %1…</source>
        <translation>
            <numerusform>Uploading %n file to %1…</numerusform>
            <numerusform>Uploading %n files to %1…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ExportDialog</name>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shardscope::ui::MainWindow</name>
    <message numerus="yes">
        <source>Listed %n object(s)</source>
        <translation>
            <numerusform>Listed %n object</numerusform>
            <numerusform>Listed %n objects</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shardscope::ui::ObjectListModel</name>
    <message numerus="yes">
        <source>%1: showing the first %Ln object(s); the listing stops there to keep memory bounded. Type a prefix to list part of the bucket.</source>
        <translation>
            <numerusform>%1: showing the first %Ln object; the listing stops there to keep memory bounded. Type a prefix to list part of the bucket.</numerusform>
            <numerusform>%1: showing the first %Ln objects; the listing stops there to keep memory bounded. Type a prefix to list part of the bucket.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shardscope::ui::SplitReportView</name>
    <message numerus="yes">
        <source>Overlap %1 / %2: %n object(s), e.g. %3</source>
        <translation>
            <numerusform>Overlap %1 / %2: %n object, e.g. %3</numerusform>
            <numerusform>Overlap %1 / %2: %n objects, e.g. %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In no split: %n object(s), e.g. %1</source>
        <translation>
            <numerusform>In no split: %n object, e.g. %1</numerusform>
            <numerusform>In no split: %n objects, e.g. %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shardscope::ui::SummaryView</name>
    <message numerus="yes">
        <source>%1: %Ln object(s), %2</source>
        <translation>
            <numerusform>%1: %Ln object, %2</numerusform>
            <numerusform>%1: %Ln objects, %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln object(s), %2 so far…</source>
        <translation>
            <numerusform>%1: %Ln object, %2 so far…</numerusform>
            <numerusform>%1: %Ln objects, %2 so far…</numerusform>
        </translation>
    </message>
</context>
</TS>
