<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>KernelStateLog</name>
    <message numerus="yes">
        <source>SYN_SENT: connect() waits for the SYN+ACK; the SYN was sent again %n time(s)</source>
        <translation>
            <numerusform>SYN_SENT: connect() waits for the SYN+ACK; the SYN was sent again %n time</numerusform>
            <numerusform>SYN_SENT: connect() waits for the SYN+ACK; the SYN was sent again %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LifecycleView</name>
    <message numerus="yes">
        <source>… %n more call(s)</source>
        <translation>
            <numerusform>… %n more call</numerusform>
            <numerusform>… %n more calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n line(s)</source>
        <translation>
            <numerusform>Copied %n line</numerusform>
            <numerusform>Copied %n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation>
            <numerusform>%n connection</numerusform>
            <numerusform>%n connections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplySummary</name>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n rule</numerusform>
            <numerusform>%n rules</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RulesEditor</name>
    <message numerus="yes">
        <source>%n rule(s) armed of %1, tried in order; the first that matches answers unless it says go on.</source>
        <translation>
            <numerusform>%n rule armed of %1, tried in order; the first that matches answers unless it says go on.</numerusform>
            <numerusform>%n rules armed of %1, tried in order; the first that matches answers unless it says go on.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n received message(s) matched no rule.</source>
        <translation>
            <numerusform>%n received message matched no rule.</numerusform>
            <numerusform>%n received messages matched no rule.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Load “%1” (%n rule(s))</source>
        <translation>
            <numerusform>Load “%1” (%n rule)</numerusform>
            <numerusform>Load “%1” (%n rules)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message numerus="yes">
        <source>Rule %1 fired %n time(s)</source>
        <translation>
            <numerusform>Rule %1 fired %n time</numerusform>
            <numerusform>Rule %1 fired %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScriptPlan</name>
    <message numerus="yes">
        <source>The tab&apos;s %n reply rule(s) are not written in C: copy the Python script to see them as code. This program does not answer.</source>
        <translation>
            <numerusform>The tab&apos;s %n reply rule is not written in C: copy the Python script to see it as code. This program does not answer.</numerusform>
            <numerusform>The tab&apos;s %n reply rules are not written in C: copy the Python script to see them as code. This program does not answer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendPanel</name>
    <message numerus="yes">
        <source>%Ln send time(s) went by while the program was busy: skipped, not sent in a burst, so it ended that much later.</source>
        <translation>
            <numerusform>%Ln send time went by while the program was busy: skipped, not sent in a burst, so it ended that much later.</numerusform>
            <numerusform>%Ln send times went by while the program was busy: skipped, not sent in a burst, so it ended that much later.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpClientPage</name>
    <message numerus="yes">
        <source>%1 · auto-reconnect: %n attempt(s)</source>
        <translation>
            <numerusform>%1 · auto-reconnect: %n attempt</numerusform>
            <numerusform>%1 · auto-reconnect: %n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n reconnected</source>
        <translation>
            <numerusform>, %n reconnected</numerusform>
            <numerusform>, %n reconnected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpServerPage</name>
    <message numerus="yes">
        <source>%n waiting in the accept queue</source>
        <translation>
            <numerusform>%n waiting in the accept queue</numerusform>
            <numerusform>%n waiting in the accept queue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpStateDiagram</name>
    <message numerus="yes">
        <source>SYN sent again: %n time(s)</source>
        <translation>
            <numerusform>SYN sent again: %n time</numerusform>
            <numerusform>SYN sent again: %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrafficActions</name>
    <message numerus="yes">
        <source>saved %Ln event(s) to %1</source>
        <translation>
            <numerusform>saved %Ln event to %1</numerusform>
            <numerusform>saved %Ln events to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrafficView</name>
    <message numerus="yes">
        <source>%1 of %Ln event(s) shown</source>
        <translation>
            <numerusform>%1 of %Ln event shown</numerusform>
            <numerusform>%1 of %Ln events shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln invalid sequence(s) in %1</source>
        <translation>
            <numerusform>%Ln invalid sequence in %1</numerusform>
            <numerusform>%Ln invalid sequences in %1</numerusform>
        </translation>
    </message>
</context>
</TS>
