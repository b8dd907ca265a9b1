<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Socket Workbench</source>
        <translation>关于 Socket Workbench</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Socket Workbench&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Socket Workbench&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Talk to TCP and UDP services by hand and see how sockets work.</source>
        <translation>手动与 TCP 和 UDP 服务交互，看清套接字如何工作。</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Built with Qt %1, running on Qt %2</source>
        <translation>基于 Qt %1 构建，运行于 Qt %2</translation>
    </message>
    <message>
        <source>Copyright © 2026 The Socket Workbench developers.&lt;br&gt;Free software under the &lt;a href=&quot;%1&quot;&gt;MIT License&lt;/a&gt;.</source>
        <translation>Copyright © 2026 Socket Workbench 开发者。&lt;br&gt;自由软件，以 &lt;a href=&quot;%1&quot;&gt;MIT 许可证&lt;/a&gt;发布。</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;%1&quot;&gt;Homepage&lt;/a&gt; · &lt;a href=&quot;%2&quot;&gt;Report a problem&lt;/a&gt;</source>
        <translation>&lt;a href=&quot;%1&quot;&gt;主页&lt;/a&gt; · &lt;a href=&quot;%2&quot;&gt;报告问题&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>AutoReply</name>
    <message>
        <source>Unknown encoding “%1”</source>
        <translation>未知编码“%1”</translation>
    </message>
    <message>
        <source>Invalid reply template: %1</source>
        <translation>无效的回复模板：%1</translation>
    </message>
</context>
<context>
    <name>CaptureFolderDialog</name>
    <message>
        <source>The folder to capture into; a name that does not exist yet is made</source>
        <translation>捕获到的文件夹；输入尚不存在的名称时会新建该文件夹</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
</context>
<context>
    <name>CaptureWriter</name>
    <message>
        <source>the folder name is empty</source>
        <translation>文件夹名为空</translation>
    </message>
    <message>
        <source>“%1” is a file, not a folder</source>
        <translation>“%1”是文件，不是文件夹</translation>
    </message>
    <message>
        <source>cannot create the folder “%1”: “%2” is a file</source>
        <translation>无法创建文件夹“%1”：“%2”是一个文件</translation>
    </message>
    <message>
        <source>cannot create the folder “%1”</source>
        <translation>无法创建文件夹“%1”</translation>
    </message>
    <message>
        <source>cannot create files in the folder “%1”: %2</source>
        <translation>无法在文件夹“%1”中创建文件：%2</translation>
    </message>
    <message>
        <source>the session is gone</source>
        <translation>会话已不存在</translation>
    </message>
    <message>
        <source>cannot create “%1”: %2</source>
        <translation>无法创建“%1”：%2</translation>
    </message>
    <message>
        <source>Capture stopped: cannot write “%1”: %2</source>
        <translation>捕获已停止：无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>Capture stopped: cannot open “%1”: %2</source>
        <translation>捕获已停止：无法打开“%1”：%2</translation>
    </message>
</context>
<context>
    <name>Checksum</name>
    <message>
        <source>“%1” is ambiguous: the CRC catalogue&apos;s CRC-16 is crc16-arc, many device tools mean crc16-modbus; write the one you mean</source>
        <translation>“%1”有歧义：CRC 目录中的 CRC-16 是 crc16-arc，而许多设备工具指的是 crc16-modbus；请写明您要的那一个</translation>
    </message>
    <message>
        <source>“%1” is ambiguous: write crc16-ccitt-false (initial value FFFF) or crc16-xmodem (initial value 0)</source>
        <translation>“%1”有歧义：请写 crc16-ccitt-false（初始值 FFFF）或 crc16-xmodem（初始值 0）</translation>
    </message>
    <message>
        <source>Unknown checksum “%1” (known: %2)</source>
        <translation>未知的校验“%1”（可用：%2）</translation>
    </message>
    <message>
        <source>No checksum named: write NAME[:FROM], e.g. crc16-modbus or sum8:2</source>
        <translation>未指定校验名称：请写 NAME[:FROM]，例如 crc16-modbus 或 sum8:2</translation>
    </message>
    <message>
        <source>The byte order is given twice in “%1”</source>
        <translation>“%1”中字节序写了两次</translation>
    </message>
    <message>
        <source>%1 is one byte long and has no byte order; leave out “:%2”</source>
        <translation>%1 只有一个字节，没有字节序；请去掉“:%2”</translation>
    </message>
    <message>
        <source>“%1” in “%2” is neither a first byte (0, 1, 2 …) nor a byte order (le, be)</source>
        <translation>“%2”中的“%1”既不是起始字节（0、1、2 …）也不是字节序（le、be）</translation>
    </message>
    <message>
        <source>Write the first byte before the byte order, once: NAME[:FROM][:le|:be]</source>
        <translation>起始字节只能写一次，且写在字节序之前：NAME[:FROM][:le|:be]</translation>
    </message>
    <message>
        <source>The first byte %1 is too large (at most %2)</source>
        <translation>起始字节 %1 太大（最大 %2）</translation>
    </message>
    <message>
        <source>over the whole payload</source>
        <translation>覆盖整个载荷</translation>
    </message>
    <message>
        <source>from byte %1 on</source>
        <translation>从第 %1 字节起</translation>
    </message>
    <message>
        <source>%1: 1 byte, %2</source>
        <translation>%1：1 字节，%2</translation>
    </message>
    <message>
        <source>low byte first (little-endian)</source>
        <translation>低字节在前（小端）</translation>
    </message>
    <message>
        <source>high byte first (big-endian)</source>
        <translation>高字节在前（大端）</translation>
    </message>
    <message>
        <source>%1: %2 bytes, %3, %4</source>
        <translation>%1：%2 字节，%3，%4</translation>
    </message>
    <message>
        <source>The checksum starts at byte %1, but the payload ends before it (payload size %2)</source>
        <translation>校验从第 %1 字节开始，但载荷在此之前就结束了（载荷长度 %2）</translation>
    </message>
    <message>
        <source>The frame (size %1) is too short for %2 from byte %3: it needs at least %4 bytes</source>
        <translation>帧（长度 %1）太短，无法从第 %3 字节起校验 %2：至少需要 %4 字节</translation>
    </message>
    <message>
        <source>checksum %1 correct</source>
        <translation>校验 %1 正确</translation>
    </message>
    <message>
        <source>checksum wrong: expected %1, found %2</source>
        <translation>校验错误：应为 %1，实际为 %2</translation>
    </message>
</context>
<context>
    <name>ChecksumPanel</name>
    <message>
        <source>&amp;Checksum:</source>
        <translation>校验(&amp;C)：</translation>
    </message>
    <message>
        <source>Checksum algorithm</source>
        <translation>校验算法</translation>
    </message>
    <message>
        <source>&amp;From byte:</source>
        <translation>起始字节(&amp;F)：</translation>
    </message>
    <message>
        <source>The first byte (counted from 0) the checksum covers: 2 leaves a two-byte header such as AA 55 out</source>
        <translation>校验覆盖的第一个字节（从 0 数起）：2 表示跳过 AA 55 这样的两字节报头</translation>
    </message>
    <message>
        <source>Checksum from byte</source>
        <translation>校验起始字节</translation>
    </message>
    <message>
        <source>&amp;Byte order:</source>
        <translation>字节序(&amp;B)：</translation>
    </message>
    <message>
        <source>Checksum byte order</source>
        <translation>校验字节序</translation>
    </message>
    <message>
        <source>&amp;Verify received frames</source>
        <translation>校验收到的帧(&amp;V)</translation>
    </message>
    <message>
        <source>With framing that cuts messages, check the checksum at the end of every received frame and mark the frames where it is wrong</source>
        <translation>在分帧切分消息时，检查每个收到的帧末尾的校验，并标出校验错误的帧</translation>
    </message>
    <message>
        <source>Verify the checksum of received frames</source>
        <translation>校验收到的帧的校验值</translation>
    </message>
    <message>
        <source>Checksum explained</source>
        <translation>校验说明</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Appended to everything this tab sends (the send box, repeats, quick-send, sequences and auto-replies), before framing adds its prefix or delimiter. The greeting is sent as typed, without a checksum.</source>
        <translation>附加在本标签页发送的所有内容之后（发送框、重复发送、快捷发送、序列和自动回复），在分帧加上前缀或分隔符之前。欢迎语按原样发送，不附加校验。</translation>
    </message>
    <message>
        <source>The algorithm&apos;s</source>
        <translation>算法默认</translation>
    </message>
    <message>
        <source>Low byte first (le)</source>
        <translation>低字节在前（le）</translation>
    </message>
    <message>
        <source>High byte first (be)</source>
        <translation>高字节在前（be）</translation>
    </message>
    <message>
        <source>The order of the appended bytes; CRC-16/MODBUS, ARC and CRC-32 send the low byte first, CCITT-FALSE and XMODEM the high byte</source>
        <translation>附加字节的顺序；CRC-16/MODBUS、ARC 和 CRC-32 先发低字节，CCITT-FALSE 和 XMODEM 先发高字节</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Nothing is appended, nothing is verified.</source>
        <translation>不附加，也不校验。</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>“%1” is not a number from %2 to %3</source>
        <translation>“%1”不是 %2 到 %3 之间的数字</translation>
    </message>
    <message>
        <source>Socket Workbench: talk to TCP and UDP services by hand and see how sockets work.
Each option opens or configures the session it names; several may be combined.</source>
        <translation>Socket Workbench：手动与 TCP 和 UDP 服务交互，看清套接字如何工作。
每个选项打开或配置它所指的会话；多个选项可以组合使用。</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>显示本帮助并退出。</translation>
    </message>
    <message>
        <source>Print the version and exit.</source>
        <translation>打印版本号并退出。</translation>
    </message>
    <message>
        <source>Open a TCP server listening on ADDR:PORT (port 0 lets the OS choose).</source>
        <translation>打开一个在 ADDR:PORT 上监听的 TCP 服务器（端口 0 表示由操作系统选择）。</translation>
    </message>
    <message>
        <source>Open a TCP client connecting to HOST:PORT.</source>
        <translation>打开一个连接到 HOST:PORT 的 TCP 客户端。</translation>
    </message>
    <message>
        <source>Open a UDP socket bound to ADDR:PORT (port 0 = any).</source>
        <translation>打开一个绑定到 ADDR:PORT 的 UDP 套接字（端口 0 表示任意端口）。</translation>
    </message>
    <message>
        <source>Where the UDP session sends (opens a UDP session if --udp is not given).</source>
        <translation>UDP 会话的发送目标（未指定 --udp 时会打开一个 UDP 会话）。</translation>
    </message>
    <message>
        <source>Text encoding for display and sending: %1.</source>
        <translation>用于显示和发送的文本编码：%1。</translation>
    </message>
    <message>
        <source>Answer received data: echo, http, or a template where {data} stands for the received bytes (e.g. &quot;Hello,{data}!&quot;).</source>
        <translation>自动回复收到的数据：echo、http，或一个模板，其中 {data} 代表收到的字节（例如 &quot;Hello,{data}!&quot;）。</translation>
    </message>
    <message>
        <source>Text a TCP server sends to every accepted connection (escapes \r \n \t \0 \\ \xHH).</source>
        <translation>TCP 服务器向每个接受的连接发送的文本（转义序列 \r \n \t \0 \\ \xHH）。</translation>
    </message>
    <message>
        <source>Write every event to FILE as JSON Lines (flushed at least every 100 ms).</source>
        <translation>将每个事件以 JSON Lines 格式写入 FILE（至少每 100 毫秒刷新一次）。</translation>
    </message>
    <message>
        <source>Write everything each session receives and sends into DIR (created if missing), nothing dropped: a folder per session with events.jsonl and the raw bytes of each connection or UDP peer (conn-ID-ADDR_PORT.in.bin / .out.bin).</source>
        <translation>将每个会话收发的全部内容写入 DIR（不存在则创建），不丢弃任何数据：每个会话一个文件夹，内含 events.jsonl 以及每个连接或 UDP 对端的原始字节（conn-ID-ADDR_PORT.in.bin / .out.bin）。</translation>
    </message>
    <message>
        <source>listen() backlog of the TCP server (default 4096, the Linux maximum).</source>
        <translation>TCP 服务器的 listen() 积压队列长度（backlog，默认 4096，即 Linux 的上限）。</translation>
    </message>
    <message>
        <source>Most clients the TCP server keeps at once; 0 = no limit (default 1000).</source>
        <translation>TCP 服务器同时保持的最大客户端数；0 表示不限（默认 1000）。</translation>
    </message>
    <message>
        <source>Connect timeout of the TCP client in milliseconds (default 10000).</source>
        <translation>TCP 客户端的连接超时，单位毫秒（默认 10000）。</translation>
    </message>
    <message>
        <source>Local ADDR:PORT the TCP client binds before connecting (normally the OS chooses).</source>
        <translation>TCP 客户端在连接前绑定的本地 ADDR:PORT（通常由操作系统选择）。</translation>
    </message>
    <message>
        <source>Allow the UDP session to send to broadcast addresses.</source>
        <translation>允许 UDP 会话向广播地址发送。</translation>
    </message>
    <message>
        <source>Cut received TCP streams into messages and frame what is sent: none, line, crlf, delim:HEX, length:WIDTH[:be|le][:incl] (1, 2, 4 or 8 bytes; length:4 is struct.pack(&apos;!I&apos;, n)), fixed:N.</source>
        <translation>将收到的 TCP 字节流切分为消息，并对发送的内容分帧：none、line、crlf、delim:HEX、length:WIDTH[:be|le][:incl]（1、2、4 或 8 字节；length:4 即 struct.pack(&apos;!I&apos;, n)）、fixed:N。</translation>
    </message>
    <message>
        <source>Print every event, data included, on standard output.</source>
        <translation>在标准输出上打印每个事件，包括数据。</translation>
    </message>
    <message>
        <source>Run the sessions without showing a window.</source>
        <translation>运行会话但不显示窗口。</translation>
    </message>
    <message>
        <source>Language of the window and the messages: %1 (default: the saved choice, else the system&apos;s).</source>
        <translation>窗口和消息使用的语言：%1（默认：已保存的选择，否则跟随系统）。</translation>
    </message>
    <message>
        <source>unexpected argument “%1” (options start with --; see --help)</source>
        <translation>意外的参数“%1”（选项以 -- 开头；参见 --help）</translation>
    </message>
    <message>
        <source>given more than once</source>
        <translation>指定了不止一次</translation>
    </message>
    <message>
        <source>no translation for “%1”; use one of %2</source>
        <translation>没有“%1”的翻译；请使用以下之一：%2</translation>
    </message>
    <message>
        <source>unknown encoding “%1”; known: %2</source>
        <translation>未知编码“%1”；可用编码：%2</translation>
    </message>
    <message>
        <source>needs --tcp-client</source>
        <translation>需要 --tcp-client</translation>
    </message>
    <message>
        <source>needs --tcp-server</source>
        <translation>需要 --tcp-server</translation>
    </message>
    <message>
        <source>needs --tcp-client or --udp-target</source>
        <translation>需要 --tcp-client 或 --udp-target</translation>
    </message>
    <message>
        <source>cannot be framed as %1: %2</source>
        <translation>无法按 %1 分帧：%2</translation>
    </message>
    <message>
        <source>the file name is empty</source>
        <translation>文件名为空</translation>
    </message>
    <message>
        <source>the folder name is empty</source>
        <translation>文件夹名为空</translation>
    </message>
    <message>
        <source>“%1” is a file, not a folder</source>
        <translation>“%1”是文件，不是文件夹</translation>
    </message>
    <message>
        <source>Most UDP auto-replies a second to one address; 0 = no limit (default %1).</source>
        <translation>每秒向同一地址发送的 UDP 自动回复最多条数；0 = 不限（默认 %1）。</translation>
    </message>
    <message>
        <source>Most bytes of UDP auto-replies a second to one address; 0 = no limit (default %1).</source>
        <translation>每秒向同一地址发送的 UDP 自动回复最多字节数；0 = 不限（默认 %1）。</translation>
    </message>
    <message>
        <source>Largest UDP auto-reply in bytes; a larger one is not sent, and said (default %1, at most %2).</source>
        <translation>UDP 自动回复的最大字节数；超过的不发送，并给出说明（默认 %1，最多 %2）。</translation>
    </message>
    <message>
        <source>Memory each session&apos;s traffic log may use, in MiB (default %1); older events beyond it are dropped from memory and counted (--capture and --log still get everything).</source>
        <translation>每个会话的流量日志可用的内存，单位 MiB（默认 %1）；超出部分的较早事件从内存中丢弃并计数（--capture 和 --log 仍会得到全部内容）。</translation>
    </message>
    <message>
        <source>needs --udp or --udp-target</source>
        <translation>需要 --udp 或 --udp-target</translation>
    </message>
    <message>
        <source>“%1” is a folder, not a file</source>
        <translation>“%1”是文件夹，不是文件</translation>
    </message>
    <message>
        <source>the folder “%1” does not exist</source>
        <translation>文件夹“%1”不存在</translation>
    </message>
    <message>
        <source>cannot create the folder “%1”: “%2” is a file</source>
        <translation>无法创建文件夹“%1”：“%2”是一个文件</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a lesson in --help: id (menu title)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Open a lesson of the Lessons menu: its sessions, and its explanation beside them in the window. ID is one of: %1.</source>
        <translation>打开“课程”菜单中的一课：建立它的会话，并在窗口中于其旁显示讲解。ID 为以下之一：%1。</translation>
    </message>
    <message>
        <source>no lesson “%1”; use one of %2</source>
        <translation>没有课程“%1”；请使用以下之一：%2</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between two lessons in --help</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>What a TCP connection does when the peer finishes sending (FIN): keep (our side stays open for sending until closed, CLOSE_WAIT; the default) or close (close our side too).</source>
        <translation>对端结束发送（FIN）后 TCP 连接的做法：keep（我方保持可发送直到关闭，即 CLOSE_WAIT；默认）或 close（我方也随之关闭）。</translation>
    </message>
    <message>
        <source>The TCP client connects again MS milliseconds after the connection closed, was reset, refused or timed out (%1 to %2), until Disconnect.</source>
        <translation>连接关闭、被重置、被拒绝或超时后，TCP 客户端等待 MS 毫秒再次连接（%1 到 %2），直到断开连接。</translation>
    </message>
    <message>
        <source>“%1” is neither keep nor close</source>
        <translation>“%1”既不是 keep 也不是 close</translation>
    </message>
    <message>
        <source>Text sent by the TCP client once connected, and by the UDP session to --udp-target once bound (escapes \r \n \t \0 \\ \xHH; fields {counter} {time} {random:N} {hex:..}, {{ for a literal {).</source>
        <translation>TCP 客户端连接成功后发送的文本，UDP 会话绑定后也会将其发往 --udp-target（转义序列 \r \n \t \0 \\ \xHH；字段 {counter} {time} {random:N} {hex:..}，{{ 表示字面的 {）。</translation>
    </message>
    <message>
        <source>Nothing to send: the payload is empty</source>
        <translation>没有可发送的内容：载荷为空</translation>
    </message>
    <message>
        <source>Append a checksum to everything sent (before --framing) and check it on every received frame: sum8, xor8, crc8-smbus, crc16-modbus, crc16-ccitt-false, crc16-xmodem, crc16-arc, crc32; :FROM leaves out the first FROM bytes, :le or :be sets the byte order.</source>
        <translation>在发送的所有内容后附加校验（在 --framing 之前），并在每个收到的帧上检查它：sum8、xor8、crc8-smbus、crc16-modbus、crc16-ccitt-false、crc16-xmodem、crc16-arc、crc32；:FROM 跳过前 FROM 个字节，:le 或 :be 指定字节序。</translation>
    </message>
    <message>
        <source>cannot take --checksum %1: %2</source>
        <translation>无法附加 --checksum %1：%2</translation>
    </message>
    <message>
        <source>no file “%1”</source>
        <translation>没有文件“%1”</translation>
    </message>
    <message>
        <source>%1 has no sequence “%2”; it has: %3</source>
        <translation>%1 中没有序列“%2”；它有：%3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 holds no sequence</source>
        <translation>%1 中没有任何序列</translation>
    </message>
    <message>
        <source>%1 holds %2 sequences; name one as FILE:NAME (%3)</source>
        <translation>%1 中有 %2 个序列；请以 FILE:NAME 指定其中一个（%3）</translation>
    </message>
    <message>
        <source>Run a sequence of a payload library file (the only one in it, or NAME) on the session --tcp-client, --tcp-server (on its first client) or --udp-target opens; print a line per step, then exit: 0 when every step passed, 1 when a reply timed out or a send failed.</source>
        <translation>在 --tcp-client、--tcp-server（对其第一个客户端）或 --udp-target 打开的会话上运行载荷库文件中的一个序列（文件中唯一的那个，或名为 NAME 的）；每个步骤打印一行，然后退出：所有步骤都通过时为 0，等待回复超时或发送失败时为 1。</translation>
    </message>
    <message>
        <source>One shot, like nc: connect (--tcp-client) or bind (--udp-target), send --send, print what comes back within --wait milliseconds on standard output, exit (1 when refused or timed out). Needs no window and no display.</source>
        <translation>一次性模式，类似 nc：连接（--tcp-client）或绑定（--udp-target），发送 --send，把 --wait 毫秒内收到的内容打印到标准输出，然后退出（被拒绝或超时时为 1）。不需要窗口，也不需要显示器。</translation>
    </message>
    <message>
        <source>With --quit: how long to wait for the answer, in milliseconds (default %1, 0 to %2).</source>
        <translation>与 --quit 一起使用：等待应答的时长，单位毫秒（默认 %1，0 到 %2）。</translation>
    </message>
    <message>
        <source>With --quit: print the answer as hex bytes instead of text in --encoding.</source>
        <translation>与 --quit 一起使用：以十六进制字节打印应答，而不是按 --encoding 解码的文本。</translation>
    </message>
    <message>
        <source>needs one session: --tcp-client or --udp-target</source>
        <translation>需要一个会话：--tcp-client 或 --udp-target</translation>
    </message>
    <message>
        <source>not with --sequence or --lesson</source>
        <translation>不能与 --sequence 或 --lesson 同时使用</translation>
    </message>
    <message>
        <source>needs --quit</source>
        <translation>需要 --quit</translation>
    </message>
    <message>
        <source>needs one session to run on: --tcp-client, --tcp-server or --udp-target</source>
        <translation>需要一个会话来运行：--tcp-client、--tcp-server 或 --udp-target</translation>
    </message>
    <message>
        <source>Send the --send text COUNT times (1 to %L1), or until stopped or quit with 0, every --interval milliseconds; the tab&apos;s Repeat shows it and its Stop stops it.</source>
        <translation>将 --send 的文本发送 COUNT 次（1 到 %L1），为 0 时一直发送，直到停止或退出；每两次之间隔 --interval 毫秒。标签页的“重复”显示它，其“停止”可停止它。</translation>
    </message>
    <message>
        <source>Milliseconds between two sends of --repeat, 0 to %L1 (default 1000; 0 = as fast as possible). Sends keep to a fixed grid; when the program is busy past a send&apos;s time it is skipped, not sent in a burst, and sent at the end instead.</source>
        <translation>--repeat 两次发送之间的毫秒数，0 到 %L1（默认 1000；0 = 尽快发送）。发送按固定的时间网格进行；程序忙碌而错过某次发送的时间时，该次被跳过而不是集中补发，改在最后发送。</translation>
    </message>
    <message>
        <source>needs --send</source>
        <translation>需要 --send</translation>
    </message>
    <message>
        <source>needs --repeat</source>
        <translation>需要 --repeat</translation>
    </message>
    <message>
        <source>A reply rule, MATCH =&gt; REPLY [OPTIONS] (repeatable, tried in order; e.g. &apos;contains:PING =&gt; PONG {counter}&apos;, &apos;regex:^GET (\S+) =&gt; You asked for {1}&apos;, &apos;hex:01 03 ?? ?? 00 0A =&gt; {hex:01 03 14 …}&apos;). See README, &quot;Reply rules&quot;.</source>
        <translation>一条回复规则，MATCH =&gt; REPLY [OPTIONS]（可重复，按顺序尝试；例如 &apos;contains:PING =&gt; PONG {counter}&apos;、&apos;regex:^GET (\S+) =&gt; You asked for {1}&apos;、&apos;hex:01 03 ?? ?? 00 0A =&gt; {hex:01 03 14 …}&apos;）。参见 README 的“Reply rules”一节。</translation>
    </message>
    <message>
        <source>Read reply rules from FILE, one per line (&apos;#&apos; starts a comment); --rule lines come after them.</source>
        <translation>从 FILE 读取回复规则，每行一条（&apos;#&apos; 开始注释）；--rule 给出的规则排在其后。</translation>
    </message>
    <message>
        <source>The TCP server listens but does not call accept(): clients wait in the kernel&apos;s accept queue (backlog + 1 of them on Linux; later SYNs are dropped) until Pause accept() is unchecked.</source>
        <translation>TCP 服务器监听但不调用 accept()：客户端在内核的全连接队列中等待（Linux 上最多 backlog + 1 个，之后的 SYN 被丢弃），直到取消勾选“暂停 accept()”。</translation>
    </message>
    <message>
        <source>The TCP server binds without SO_REUSEADDR: a restart fails (EADDRINUSE) while connections of its port sit in TIME_WAIT, and the error names them.</source>
        <translation>TCP 服务器在 bind 前不设置 SO_REUSEADDR：端口上的连接仍处于 TIME_WAIT 时重启会失败（EADDRINUSE），错误信息会列出这些连接。</translation>
    </message>
    <message>
        <source>TCP_NODELAY (Nagle off) on the TCP client&apos;s connection and the TCP server&apos;s accepted ones: each small send goes out at once instead of waiting to be merged.</source>
        <translation>在 TCP 客户端的连接和 TCP 服务器接受的连接上设置 TCP_NODELAY（关闭 Nagle）：每次小的发送立即发出，不再等待合并。</translation>
    </message>
    <message>
        <source>needs --tcp-server or --tcp-client</source>
        <translation>需要 --tcp-server 或 --tcp-client</translation>
    </message>
    <message>
        <source>The view every tab shows first: %1 (a view a tab does not have, such as tcp-states on a UDP tab, leaves that tab on its traffic).</source>
        <translation>每个标签页首先显示的视图：%1（标签页没有的视图，例如 UDP 标签页上的 tcp-states，会让该标签页停留在流量视图）。</translation>
    </message>
    <message>
        <source>no view “%1”; use one of %2</source>
        <translation>没有视图“%1”；请使用以下之一：%2</translation>
    </message>
</context>
<context>
    <name>CommandSequence</name>
    <message>
        <source>“%1” is not how often a sequence runs: write once, N times (1 to %2) or until stopped</source>
        <translation>“%1”不是序列的运行次数：请写 once、N times（1 到 %2）或 until stopped</translation>
    </message>
    <message>
        <source>Group: %1</source>
        <translation>分组：%1</translation>
    </message>
    <message>
        <source>Unknown encoding “%1”</source>
        <translation>未知编码“%1”</translation>
    </message>
    <message>
        <source>A sequence runs 1 to %1 times, once, or until stopped</source>
        <translation>序列运行 1 到 %1 次、一次，或直到停止</translation>
    </message>
    <message>
        <source>The sequence “%1” has no steps</source>
        <translation>序列“%1”没有任何步骤</translation>
    </message>
    <message>
        <source>it loops to step %1: a loop goes back to an earlier step</source>
        <translation>它循环到第 %1 步：循环只能回到更早的步骤</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>第 %1 步：%2</translation>
    </message>
</context>
<context>
    <name>ConnectionsModel</name>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>最近错误：%1</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>本地</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>接收字节</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>发送字节</translation>
    </message>
    <message>
        <source>Msgs in</source>
        <translation>接收消息</translation>
    </message>
    <message>
        <source>Msgs out</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Connection number within the session</source>
        <translation>连接在本会话中的编号</translation>
    </message>
    <message>
        <source>Address and port of the other end</source>
        <translation>对端的地址和端口</translation>
    </message>
    <message>
        <source>Address and port of this end</source>
        <translation>本端的地址和端口</translation>
    </message>
    <message>
        <source>When the connection was accepted or made, or the first datagram arrived (local time)</source>
        <translation>连接被接受或建立的时间，或收到第一个数据报的时间（本地时间）</translation>
    </message>
    <message>
        <source>Bytes received from the peer</source>
        <translation>从对端接收的字节数</translation>
    </message>
    <message>
        <source>Bytes sent to the peer</source>
        <translation>发送给对端的字节数</translation>
    </message>
    <message>
        <source>Reads (TCP) or datagrams (UDP) received</source>
        <translation>接收的读取次数（TCP）或数据报数（UDP）</translation>
    </message>
    <message>
        <source>Sends to the peer</source>
        <translation>向对端发送的次数</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <source>%1, reading paused</source>
        <translation>%1，已暂停读取</translation>
    </message>
</context>
<context>
    <name>EmptyView</name>
    <message>
        <source>No session is open</source>
        <translation>没有打开的会话</translation>
    </message>
    <message>
        <source>Open a tab to listen for connections, to connect to a service or to exchange datagrams, or start a lesson that sets up a classic exercise and explains it.</source>
        <translation>打开一个标签页来监听连接、连接到服务或收发数据报，或者开始一节课程：它会搭建一个经典练习并加以讲解。</translation>
    </message>
    <message>
        <source>Start a lesson…</source>
        <translation>开始课程…</translation>
    </message>
    <message>
        <source>Set up one of the classic socket exercises, with an explanation beside its tabs</source>
        <translation>搭建一个经典的套接字练习，并在其标签页旁附上讲解</translation>
    </message>
</context>
<context>
    <name>Endpoint</name>
    <message>
        <source>The port is missing</source>
        <translation>缺少端口</translation>
    </message>
    <message>
        <source>“%1” is not a port: use a number from %2 to 65535</source>
        <translation>“%1”不是端口：请使用 %2 到 65535 之间的数字</translation>
    </message>
    <message>
        <source>Port 0 is not allowed here: use a number from 1 to 65535</source>
        <translation>此处不允许端口 0：请使用 1 到 65535 之间的数字</translation>
    </message>
    <message>
        <source>Expected HOST:PORT, got nothing</source>
        <translation>应为 HOST:PORT，但什么也没有</translation>
    </message>
    <message>
        <source>“%1”: missing ‘]’ after the IPv6 address</source>
        <translation>“%1”：IPv6 地址后缺少“]”</translation>
    </message>
    <message>
        <source>“%1”: expected ‘:PORT’ after ‘]’</source>
        <translation>“%1”：“]”后应为“:PORT”</translation>
    </message>
    <message>
        <source>“%1” is not an IPv6 address</source>
        <translation>“%1”不是 IPv6 地址</translation>
    </message>
    <message>
        <source>“%1”: expected HOST:PORT (for example 127.0.0.1:8000)</source>
        <translation>“%1”：应为 HOST:PORT（例如 127.0.0.1:8000）</translation>
    </message>
    <message>
        <source>“%1”: write an IPv6 address in brackets, as [%2]:PORT</source>
        <translation>“%1”：IPv6 地址须写在方括号中，如 [%2]:PORT</translation>
    </message>
    <message>
        <source>“%1”: the host is missing</source>
        <translation>“%1”：缺少主机</translation>
    </message>
    <message>
        <source>“%1” is not an IP address</source>
        <translation>“%1”不是 IP 地址</translation>
    </message>
    <message>
        <source>“%1” is neither an IP address nor a valid host name</source>
        <translation>“%1”既不是 IP 地址，也不是有效的主机名</translation>
    </message>
    <message>
        <source>Brackets are only for IPv6 addresses: write %1</source>
        <translation>方括号只用于 IPv6 地址：请写成 %1</translation>
    </message>
    <message>
        <source>Enter an IP address, such as 127.0.0.1 or ::1</source>
        <translation>请输入 IP 地址，例如 127.0.0.1 或 ::1</translation>
    </message>
    <message>
        <source>Enter a host name or an IP address</source>
        <translation>请输入主机名或 IP 地址</translation>
    </message>
</context>
<context>
    <name>Framer</name>
    <message>
        <source>No delimiter %1 within the maximum frame size of %2 bytes</source>
        <translation>在最大帧长 %2 字节内没有找到分隔符 %1</translation>
    </message>
    <message>
        <source>Length prefix %1 (%2) is smaller than the %3-byte header it includes</source>
        <translation>长度前缀 %1（%2）小于它所包含的 %3 字节帧头</translation>
    </message>
    <message>
        <source>Length prefix %1 announces %2 bytes, more than the maximum frame size of %3 bytes</source>
        <translation>长度前缀 %1 声明了 %2 字节，超过最大帧长 %3 字节</translation>
    </message>
    <message>
        <source>A payload of %1 bytes exceeds the maximum frame size of %2 bytes</source>
        <translation>%1 字节的载荷超过最大帧长 %2 字节</translation>
    </message>
    <message>
        <source>The delimiter %1 occurs in the payload at byte %2; the receiver would cut the message there</source>
        <translation>分隔符 %1 出现在载荷的第 %2 字节处；接收方会在那里切断消息</translation>
    </message>
    <message>
        <source>A payload of %1 bytes does not fit the length prefix %2 (at most %3 bytes)</source>
        <translation>%1 字节的载荷无法用长度前缀 %2 表示（最多 %3 字节）</translation>
    </message>
    <message>
        <source>Frames of %1 are exactly %2 bytes; this payload is %3 bytes</source>
        <translation>%1 的帧正好是 %2 字节；而此载荷为 %3 字节</translation>
    </message>
    <message>
        <source>Unknown framing kind</source>
        <translation>未知的分帧方式</translation>
    </message>
    <message>
        <source>No framing given; use one of %1</source>
        <translation>未指定分帧方式；请使用以下之一：%1</translation>
    </message>
    <message>
        <source>Framing “%1” takes no options; remove “%2”</source>
        <translation>分帧方式“%1”不带选项；请删除“%2”</translation>
    </message>
    <message>
        <source>delim needs the delimiter bytes in hex, e.g. delim:0d0a</source>
        <translation>delim 需要以十六进制给出分隔符字节，例如 delim:0d0a</translation>
    </message>
    <message>
        <source>delim takes one field; remove “%1”</source>
        <translation>delim 只接受一个字段；请删除“%1”</translation>
    </message>
    <message>
        <source>Delimiter “%1” is not hex: “%2” is not a hex digit (two hex digits per byte, e.g. delim:0d0a)</source>
        <translation>分隔符“%1”不是十六进制：“%2”不是十六进制数字（每字节两位十六进制数字，例如 delim:0d0a）</translation>
    </message>
    <message>
        <source>Delimiter “%1” has an odd number of hex digits (two hex digits per byte, e.g. delim:0d0a)</source>
        <translation>分隔符“%1”的十六进制数字个数为奇数（每字节两位十六进制数字，例如 delim:0d0a）</translation>
    </message>
    <message>
        <source>length needs a width of 1, 2, 4 or 8 bytes, e.g. length:4</source>
        <translation>length 需要 1、2、4 或 8 字节的宽度，例如 length:4</translation>
    </message>
    <message>
        <source>Length width must be 1, 2, 4 or 8 bytes, not “%1”</source>
        <translation>长度宽度必须是 1、2、4 或 8 字节，而不是“%1”</translation>
    </message>
    <message>
        <source>Empty length option (a stray “:”) in “%1”</source>
        <translation>“%1”中有空的长度选项（多余的“:”）</translation>
    </message>
    <message>
        <source>Length option “%1” is given twice</source>
        <translation>长度选项“%1”重复指定</translation>
    </message>
    <message>
        <source>Length options “%1” and “%2” contradict each other</source>
        <translation>长度选项“%1”和“%2”相互矛盾</translation>
    </message>
    <message>
        <source>Unknown length option “%1”; use be, le or incl</source>
        <translation>未知的长度选项“%1”；请使用 be、le 或 incl</translation>
    </message>
    <message>
        <source>fixed needs a frame size in bytes, e.g. fixed:16</source>
        <translation>fixed 需要以字节为单位的帧长，例如 fixed:16</translation>
    </message>
    <message>
        <source>fixed takes one field; remove “%1”</source>
        <translation>fixed 只接受一个字段；请删除“%1”</translation>
    </message>
    <message>
        <source>Fixed frame size “%1” is not a whole number of bytes</source>
        <translation>定长帧长度“%1”不是整数字节数</translation>
    </message>
    <message>
        <source>Fixed frame size %1 exceeds the maximum frame size of %2 bytes</source>
        <translation>定长帧长度 %1 超过最大帧长 %2 字节</translation>
    </message>
    <message>
        <source>Unknown framing “%1”; use one of %2</source>
        <translation>未知的分帧方式“%1”；请使用以下之一：%2</translation>
    </message>
    <message>
        <source>No framing: each read is one message, cut wherever TCP delivered it</source>
        <translation>不分帧：每次读取即一条消息，在 TCP 交付数据的地方切开</translation>
    </message>
    <message>
        <source>Lines ending in \n (newline)</source>
        <translation>以 \n（换行）结尾的行</translation>
    </message>
    <message>
        <source>Lines ending in \r\n (CR LF)</source>
        <translation>以 \r\n（CR LF）结尾的行</translation>
    </message>
    <message>
        <source>Frames ending in the bytes %1</source>
        <translation>以字节 %1 结尾的帧</translation>
    </message>
    <message>
        <source>1-byte length prefix</source>
        <translation>1 字节长度前缀</translation>
    </message>
    <message>
        <source>%1-byte big-endian length prefix</source>
        <translation>%1 字节大端长度前缀</translation>
    </message>
    <message>
        <source>%1-byte little-endian length prefix</source>
        <translation>%1 字节小端长度前缀</translation>
    </message>
    <message>
        <source>%1 that counts itself (struct.pack(&apos;%2&apos;, %3 + n))</source>
        <translation>%1，长度包含自身（struct.pack(&apos;%2&apos;, %3 + n)）</translation>
    </message>
    <message>
        <source>%1 (struct.pack(&apos;%2&apos;, n))</source>
        <translation>%1（struct.pack(&apos;%2&apos;, n)）</translation>
    </message>
    <message>
        <source>Fixed-size frames of 1 byte</source>
        <translation>1 字节定长帧</translation>
    </message>
    <message>
        <source>Fixed-size frames of %1 bytes</source>
        <translation>%1 字节定长帧</translation>
    </message>
    <message>
        <source>Maximum frame size must be between 1 and %1 bytes, not %2</source>
        <translation>最大帧长必须在 1 到 %1 字节之间，而不是 %2</translation>
    </message>
    <message>
        <source>The delimiter is empty; give at least one byte, e.g. delim:0a</source>
        <translation>分隔符为空；请至少给出一个字节，例如 delim:0a</translation>
    </message>
    <message>
        <source>Fixed frame size must be at least 1 byte, not “%1”</source>
        <translation>定长帧长度至少为 1 字节，而不是“%1”</translation>
    </message>
    <message>
        <source>it looks like a little-endian length (%1): the sender may use struct.pack(&apos;%2&apos;, n) (native order on x86); choose %3</source>
        <translation>看起来是小端长度（%1）：发送方可能用了 struct.pack(&apos;%2&apos;, n)（x86 上的本机字节序）；请选择 %3</translation>
    </message>
    <message>
        <source>it looks like a big-endian length (%1): the sender may use struct.pack(&apos;%2&apos;, n) (network byte order); choose %3</source>
        <translation>看起来是大端长度（%1）：发送方可能用了 struct.pack(&apos;%2&apos;, n)（网络字节序）；请选择 %3</translation>
    </message>
</context>
<context>
    <name>FramingPanel</name>
    <message>
        <source>&amp;Framing:</source>
        <translation>分帧(&amp;F)：</translation>
    </message>
    <message>
        <source>How received TCP bytes are cut into messages: none, line, crlf, delim:HEX, length:WIDTH[:be|le][:incl], fixed:N</source>
        <translation>如何将收到的 TCP 字节切分为消息：none、line、crlf、delim:HEX、length:WIDTH[:be|le][:incl]、fixed:N</translation>
    </message>
    <message>
        <source>Framing</source>
        <translation>分帧</translation>
    </message>
    <message>
        <source>Add to what I &amp;send</source>
        <translation>应用于发送(&amp;S)</translation>
    </message>
    <message>
        <source>Put the length prefix or the delimiter around every payload sent from this tab</source>
        <translation>为本标签页发送的每个载荷加上长度前缀或分隔符</translation>
    </message>
    <message>
        <source>Frame sent payloads</source>
        <translation>对发送的载荷分帧</translation>
    </message>
    <message>
        <source>Framing explained</source>
        <translation>分帧说明</translation>
    </message>
</context>
<context>
    <name>HeldPaste</name>
    <message>
        <source>Large paste held outside the editor: %L1 characters, the first %L2 shown. Send checks and sends all of it.</source>
        <translation>大段粘贴保存在编辑器之外：共 %L1 个字符，显示前 %L2 个。“发送”会检查并发送全部内容。</translation>
    </message>
</context>
<context>
    <name>HexDumpView</name>
    <message>
        <source>Payload dump</source>
        <translation>载荷转储</translation>
    </message>
    <message>
        <source>Offset, hex and text of the selected event&apos;s payload; bytes invalid in the chosen encoding are marked</source>
        <translation>所选事件载荷的偏移、十六进制和文本；在所选编码中无效的字节会被标出</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Local: %1</source>
        <translation>本地：%1</translation>
    </message>
    <message>
        <source>Peer:  %1</source>
        <translation>对端：%1</translation>
    </message>
    <message>
        <source>Connection #%1</source>
        <translation>连接 #%1</translation>
    </message>
    <message>
        <source>Select an event to see its bytes.</source>
        <translation>选择一个事件以查看其字节。</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>偏移</translation>
    </message>
    <message>
        <source>Offset %1 (0x%2), byte 0x%3</source>
        <translation>偏移 %1（0x%2），字节 0x%3</translation>
    </message>
    <message>
        <source>Invalid in %1: %2</source>
        <translation>在 %1 中无效：%2</translation>
    </message>
    <message>
        <source>%1 U+%2 in %3: %4</source>
        <translation>%1 U+%2，%3 编码：%4</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy as hex</source>
        <translation>复制为十六进制</translation>
    </message>
    <message>
        <source>Copy as text (%1)</source>
        <translation>复制为文本（%1）</translation>
    </message>
    <message>
        <source>Copy dump</source>
        <translation>复制转储</translation>
    </message>
</context>
<context>
    <name>HttpRequestParser</name>
    <message>
        <source>The request head is larger than %1 bytes</source>
        <translation>请求头大于 %1 字节</translation>
    </message>
    <message>
        <source>Malformed request head</source>
        <translation>请求头格式错误</translation>
    </message>
    <message>
        <source>Malformed request line (expected METHOD TARGET HTTP/1.x)</source>
        <translation>请求行格式错误（应为 METHOD TARGET HTTP/1.x）</translation>
    </message>
    <message>
        <source>Malformed request method</source>
        <translation>请求方法格式错误</translation>
    </message>
    <message>
        <source>Malformed request target</source>
        <translation>请求目标格式错误</translation>
    </message>
    <message>
        <source>Malformed HTTP version</source>
        <translation>HTTP 版本格式错误</translation>
    </message>
    <message>
        <source>Unsupported HTTP version (only HTTP/1.x is understood)</source>
        <translation>不支持的 HTTP 版本（只支持 HTTP/1.x）</translation>
    </message>
    <message>
        <source>Folded header lines are not supported</source>
        <translation>不支持折叠的头部行</translation>
    </message>
    <message>
        <source>Malformed header line</source>
        <translation>头部行格式错误</translation>
    </message>
    <message>
        <source>Invalid character in a header value</source>
        <translation>头部值中有无效字符</translation>
    </message>
    <message>
        <source>Invalid Content-Length</source>
        <translation>无效的 Content-Length</translation>
    </message>
    <message>
        <source>Conflicting Content-Length headers</source>
        <translation>Content-Length 头部相互冲突</translation>
    </message>
    <message>
        <source>Transfer-Encoding is not supported (send a Content-Length)</source>
        <translation>不支持 Transfer-Encoding（请发送 Content-Length）</translation>
    </message>
</context>
<context>
    <name>JsonLinesWriter</name>
    <message>
        <source>Cannot write the log file “%1”: %2</source>
        <translation>无法写入日志文件“%1”：%2</translation>
    </message>
    <message>
        <source>Writing the log file “%1” failed: %2; the log stops here</source>
        <translation>写入日志文件“%1”失败：%2；日志到此为止</translation>
    </message>
</context>
<context>
    <name>KernelStateLog</name>
    <message>
        <source>LISTEN: %1 waiting for accept() (backlog %2), %3 half-open in the SYN queue</source>
        <translation>LISTEN：%1 个连接等待 accept()（backlog %2），SYN 队列中有 %3 个半连接</translation>
    </message>
    <message>
        <source>%1: %2 bytes received not yet read (Recv-Q), %3 bytes sent not yet acknowledged (Send-Q)</source>
        <translation>%1：已收到但尚未读取 %2 字节（Recv-Q），已发送但尚未确认 %3 字节（Send-Q）</translation>
    </message>
    <message numerus="yes">
        <source>SYN_SENT: connect() waits for the SYN+ACK; the SYN was sent again %n time(s)</source>
        <translation>
            <numerusform>SYN_SENT：connect() 正在等待 SYN+ACK；SYN 已重发 %n 次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>The new language is used when Socket Workbench is started again.</source>
        <translation>新语言将在下次启动 Socket Workbench 时生效。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>LessonLibrary</name>
    <message>
        <source>Echo server and a client</source>
        <translation>回显服务器和一个客户端</translation>
    </message>
    <message>
        <source>Chat: server tab and client tab take turns</source>
        <translation>聊天：服务器标签页与客户端标签页轮流发言</translation>
    </message>
    <message>
        <source>“Hello World” web page for a browser</source>
        <translation>给浏览器看的“Hello World”网页</translation>
    </message>
    <message>
        <source>Raw HTTP GET client: read until the server closes</source>
        <translation>原始 HTTP GET 客户端：读取直到服务器关闭</translation>
    </message>
    <message>
        <source>UDP echo: datagrams, no connection</source>
        <translation>UDP 回显：数据报，无连接</translation>
    </message>
    <message>
        <source>Welcome message and Hello,{data}! replies</source>
        <translation>欢迎消息与 Hello,{data}! 回复</translation>
    </message>
    <message>
        <source>Sticky packets: three sends, one recv()</source>
        <translation>粘包：三次发送，一次 recv()</translation>
    </message>
    <message>
        <source>Sticky packets fixed: 4-byte length prefix</source>
        <translation>解决粘包：4 字节长度前缀</translation>
    </message>
    <message>
        <source>Port reuse: restart a server with clients connected</source>
        <translation>端口重用：在有客户端连接时重启服务器</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Echo server&lt;/h3&gt;&lt;p&gt;The server tab listens on &lt;b&gt;%1&lt;/b&gt; (socket, bind, listen) and answers every read with the same bytes. The client tab connected without bind(): the OS chose its local port — see it in the client tab and in the server&apos;s client table.&lt;/p&gt;&lt;p&gt;Type in the client tab&apos;s send box and press Ctrl+Enter: the bytes go out, come back, and both traffic views show them. Open the &lt;i&gt;Socket lifecycle&lt;/i&gt; tab to see the same steps as Python calls.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;回显服务器&lt;/h3&gt;&lt;p&gt;服务器标签页在 &lt;b&gt;%1&lt;/b&gt; 上监听（socket、bind、listen），并把每次读到的字节原样发回。客户端标签页没有调用 bind() 就发起了连接：本地端口由操作系统选择——可以在客户端标签页和服务器的客户端表格中看到它。&lt;/p&gt;&lt;p&gt;在客户端标签页的发送框中输入内容并按 Ctrl+Enter：字节发出、又被发回，两个流量视图都会显示。打开&lt;i&gt;套接字生命周期&lt;/i&gt;标签页，可以看到同样的步骤对应的 Python 调用。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Chat&lt;/h3&gt;&lt;p&gt;A server on &lt;b&gt;%1&lt;/b&gt; and a client connected to it; nothing answers automatically. Send from the client tab, then from the server tab: one connection carries bytes both ways.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;聊天&lt;/h3&gt;&lt;p&gt;一个在 &lt;b&gt;%1&lt;/b&gt; 上的服务器和一个连接到它的客户端；没有任何自动回复。先从客户端标签页发送，再从服务器标签页发送：一条连接可以双向传输字节。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;A web page is bytes over TCP&lt;/h3&gt;&lt;p&gt;Open &lt;b&gt;http://%1/&lt;/b&gt; in a browser (or run &lt;code&gt;curl -v http://%1/&lt;/code&gt;). The browser connects, sends a request (&lt;code&gt;GET / HTTP/1.1&lt;/code&gt; and headers), and the server answers &lt;code&gt;HTTP/1.1 200 OK&lt;/code&gt;, headers, an empty line, and the HTML — all visible in the traffic view.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;网页就是 TCP 上的字节&lt;/h3&gt;&lt;p&gt;在浏览器中打开 &lt;b&gt;http://%1/&lt;/b&gt;（或运行 &lt;code&gt;curl -v http://%1/&lt;/code&gt;）。浏览器建立连接，发送请求（&lt;code&gt;GET / HTTP/1.1&lt;/code&gt; 和头部），服务器回复 &lt;code&gt;HTTP/1.1 200 OK&lt;/code&gt;、头部、一个空行和 HTML——全部都能在流量视图中看到。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Raw HTTP client&lt;/h3&gt;&lt;p&gt;The client tab sent &lt;code&gt;GET / HTTP/1.0&lt;/code&gt; to &lt;b&gt;%1&lt;/b&gt; and reads until the server closes: an HTTP/1.0 answer ends with the close (&lt;code&gt;recv()&lt;/code&gt; returns &lt;code&gt;b&apos;&apos;&lt;/code&gt;). In the client&apos;s traffic, the headers end at the first &lt;code&gt;\r\n\r\n&lt;/code&gt;; the body follows.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;原始 HTTP 客户端&lt;/h3&gt;&lt;p&gt;客户端标签页向 &lt;b&gt;%1&lt;/b&gt; 发送了 &lt;code&gt;GET / HTTP/1.0&lt;/code&gt;，并一直读取到服务器关闭连接：HTTP/1.0 的应答以关闭连接结束（&lt;code&gt;recv()&lt;/code&gt; 返回 &lt;code&gt;b&apos;&apos;&lt;/code&gt;）。在客户端的流量中，头部在第一个 &lt;code&gt;\r\n\r\n&lt;/code&gt; 处结束，后面是正文。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;UDP echo&lt;/h3&gt;&lt;p&gt;One UDP socket is bound to &lt;b&gt;%1&lt;/b&gt; and echoes every datagram to its sender (recvfrom gives the data &lt;i&gt;and&lt;/i&gt; the address; sendto answers it). The other tab sends to it: no connect, no accept — each datagram stands alone, keeps its boundaries, and carries at most 65,507 bytes over IPv4.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;UDP 回显&lt;/h3&gt;&lt;p&gt;一个 UDP 套接字绑定在 &lt;b&gt;%1&lt;/b&gt; 上，把每个数据报回发给它的发送者（recvfrom 同时给出数据&lt;i&gt;和&lt;/i&gt;地址；sendto 据此回复）。另一个标签页向它发送：没有 connect，也没有 accept——每个数据报都是独立的，保留自己的边界，在 IPv4 上最多携带 65,507 字节。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Greeting and templated replies&lt;/h3&gt;&lt;p&gt;The server on &lt;b&gt;%1&lt;/b&gt; speaks first: &lt;code&gt;Welcome!&lt;/code&gt; right after accept(). Then each message gets &lt;code&gt;Hello,&amp;lt;message&amp;gt;!&lt;/code&gt;. Send &lt;code&gt;Tracy&lt;/code&gt; from the client tab.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;欢迎语与模板回复&lt;/h3&gt;&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; 上的服务器先开口：accept() 之后立即发送 &lt;code&gt;Welcome!&lt;/code&gt;。之后每条消息都会得到 &lt;code&gt;Hello,&amp;lt;消息&amp;gt;!&lt;/code&gt;。从客户端标签页发送 &lt;code&gt;Tracy&lt;/code&gt; 试试。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sticky packets&lt;/h3&gt;&lt;p&gt;The client sent &lt;code&gt;hello&lt;/code&gt;, &lt;code&gt;sticky&lt;/code&gt; and &lt;code&gt;packets&lt;/code&gt; with three quick send() calls to &lt;b&gt;%1&lt;/b&gt;. On the server they usually arrive as &lt;i&gt;one&lt;/i&gt; read: TCP is a byte stream and keeps no message boundaries. Select the data row in the server tab and open &lt;i&gt;Byte stream&lt;/i&gt;: the client&apos;s three send boundaries are drawn above the reads; try recv(4).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;粘包&lt;/h3&gt;&lt;p&gt;客户端用三次快速的 send() 调用向 &lt;b&gt;%1&lt;/b&gt; 发送了 &lt;code&gt;hello&lt;/code&gt;、&lt;code&gt;sticky&lt;/code&gt; 和 &lt;code&gt;packets&lt;/code&gt;。在服务器端，它们通常作为&lt;i&gt;一次&lt;/i&gt;读取到达：TCP 是字节流，不保留消息边界。在服务器标签页中选中数据行并打开&lt;i&gt;字节流&lt;/i&gt;：客户端的三次发送边界画在读取的上方；试试 recv(4)。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;The fix: a length prefix&lt;/h3&gt;&lt;p&gt;Both tabs use &lt;code&gt;length:4&lt;/code&gt; framing: each message is sent as &lt;code&gt;struct.pack(&apos;!I&apos;, len(data)) + data&lt;/code&gt;. The server reads the 4-byte header, then exactly that many bytes, so the three messages come out as three &lt;i&gt;frame&lt;/i&gt; rows whatever the reads were (server on &lt;b&gt;%1&lt;/b&gt;).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;解决办法：长度前缀&lt;/h3&gt;&lt;p&gt;两个标签页都使用 &lt;code&gt;length:4&lt;/code&gt; 分帧：每条消息以 &lt;code&gt;struct.pack(&apos;!I&apos;, len(data)) + data&lt;/code&gt; 的形式发送。服务器先读取 4 字节的帧头，再读取恰好那么多字节，所以无论读取如何切分，三条消息都会成为三行&lt;i&gt;帧&lt;/i&gt;（服务器在 &lt;b&gt;%1&lt;/b&gt;）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Port reuse&lt;/h3&gt;&lt;p&gt;A server on &lt;b&gt;%1&lt;/b&gt; with two clients connected. Press Stop on the server tab: it closes the connections first, so they wait in TIME_WAIT on port %2. Press Start at once: it listens on the same port again, because the socket sets SO_REUSEADDR before bind(). Without it, bind() fails with “Address already in use” for about a minute.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;端口重用&lt;/h3&gt;&lt;p&gt;一个在 &lt;b&gt;%1&lt;/b&gt; 上的服务器，连接着两个客户端。在服务器标签页上按“停止”：它先关闭连接，于是这些连接在端口 %2 上进入 TIME_WAIT 状态。立即按“启动”：它能再次在同一端口上监听，因为套接字在 bind() 之前设置了 SO_REUSEADDR。没有它，bind() 会在大约一分钟内失败，报错“Address already in use”（地址已被占用）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The backlog queue: connect while nobody calls accept()</source>
        <translation>backlog 队列：没有人调用 accept() 时连接</translation>
    </message>
    <message>
        <source>TIME_WAIT and SO_REUSEADDR: restart without, then with it</source>
        <translation>TIME_WAIT 与 SO_REUSEADDR：先不带它重启，再带上它重启</translation>
    </message>
    <message>
        <source>Flow control: stop calling recv() on a flood</source>
        <translation>流量控制：在数据洪流中停止调用 recv()</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TIME_WAIT and SO_REUSEADDR&lt;/h3&gt;&lt;p&gt;The server on &lt;b&gt;%1&lt;/b&gt; listens &lt;b&gt;without&lt;/b&gt; SO_REUSEADDR (unticked on its tab), and a client is connected.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;On the server tab select the connection in the clients table and open &lt;i&gt;TCP states&lt;/i&gt;. Press &lt;b&gt;Stop&lt;/b&gt;: the server closes first, so its end of the connection goes FIN_WAIT_1, FIN_WAIT_2 and then waits in &lt;b&gt;TIME_WAIT&lt;/b&gt; for 60 seconds — twice the longest a segment may live, so nothing late from this connection can be taken for part of a new one with the same addresses and ports.&lt;/li&gt;&lt;li&gt;Press &lt;b&gt;Start&lt;/b&gt;: bind() fails with EADDRINUSE. No program listens on port %2 any more, but the socket in TIME_WAIT still holds it, and the error names it.&lt;/li&gt;&lt;li&gt;Tick &lt;b&gt;SO_REUSEADDR&lt;/b&gt; and press Start: it &lt;i&gt;still&lt;/i&gt; fails. Linux lets bind() pass a socket in TIME_WAIT only when both the old socket and the new one set SO_REUSEADDR, and the old one did not. When the &lt;i&gt;TCP states&lt;/i&gt; tab shows the time is up, Start listens.&lt;/li&gt;&lt;li&gt;Now with SO_REUSEADDR on: press &lt;b&gt;Connect&lt;/b&gt; on the client tab, then Stop and Start on the server tab. It listens at once, although the connection waits in TIME_WAIT again. That is why servers call &lt;code&gt;setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)&lt;/code&gt; before bind() (see the narration and &lt;i&gt;Copy as Python script&lt;/i&gt;). It never lets two programs listen on the same port.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;h3&gt;TIME_WAIT 与 SO_REUSEADDR&lt;/h3&gt;&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; 上的服务器&lt;b&gt;没有&lt;/b&gt;设置 SO_REUSEADDR（它的标签页上未勾选），并且有一个客户端已连接。&lt;/p&gt;&lt;ol&gt;&lt;li&gt;在服务器标签页的客户端表中选中这个连接，并打开 &lt;i&gt;TCP 状态&lt;/i&gt;。按&lt;b&gt;停止&lt;/b&gt;：服务器先关闭，所以连接的服务器一端依次进入 FIN_WAIT_1、FIN_WAIT_2，然后在 &lt;b&gt;TIME_WAIT&lt;/b&gt; 中等待 60 秒——即一个报文段最长存活时间的两倍，这样这条连接的迟到报文就不会被误当作使用相同地址和端口的新连接的一部分。&lt;/li&gt;&lt;li&gt;按&lt;b&gt;启动&lt;/b&gt;：bind() 失败，错误为 EADDRINUSE。已经没有程序在端口 %2 上监听，但处于 TIME_WAIT 的套接字仍占着它，错误信息会指出这个套接字。&lt;/li&gt;&lt;li&gt;勾选 &lt;b&gt;SO_REUSEADDR&lt;/b&gt; 再按启动：&lt;i&gt;仍然&lt;/i&gt;失败。只有旧套接字和新套接字都设置了 SO_REUSEADDR，Linux 才允许 bind() 越过处于 TIME_WAIT 的套接字，而旧套接字没有设置。等 &lt;i&gt;TCP 状态&lt;/i&gt;标签页显示时间已到，启动就能开始监听。&lt;/li&gt;&lt;li&gt;现在 SO_REUSEADDR 已打开：在客户端标签页按&lt;b&gt;连接&lt;/b&gt;，然后在服务器标签页按停止、再按启动。尽管连接又在 TIME_WAIT 中等待，服务器仍立即开始监听。这就是服务器在 bind() 之前调用 &lt;code&gt;setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)&lt;/code&gt; 的原因（见讲解和&lt;i&gt;复制为 Python 脚本&lt;/i&gt;）。它从不允许两个程序在同一端口上监听。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Flow control&lt;/h3&gt;&lt;p&gt;The server on &lt;b&gt;%1&lt;/b&gt; accepted a client and &lt;b&gt;stopped calling recv()&lt;/b&gt; on it: &lt;i&gt;Pause reading&lt;/i&gt; is on in the server&apos;s &lt;i&gt;TCP states&lt;/i&gt; tab for that connection. The client sends %2 KiB every %3 ms, %4 times. Watch both &lt;i&gt;TCP states&lt;/i&gt; tabs:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;the server&apos;s &lt;b&gt;receive queue&lt;/b&gt; (bytes the kernel holds because nobody reads) grows to the size of its receive buffer;&lt;/li&gt;&lt;li&gt;the window the server advertises shrinks to &lt;b&gt;zero&lt;/b&gt; (the client&apos;s tab: &lt;i&gt;Peer&apos;s window&lt;/i&gt;);&lt;/li&gt;&lt;li&gt;then the client&apos;s &lt;b&gt;send queue&lt;/b&gt; (sent, not acknowledged) fills its send buffer. A blocking &lt;code&gt;sendall()&lt;/code&gt; would now wait; this tab keeps the rest in its own buffer, shown as unsent.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Untick &lt;i&gt;Pause reading&lt;/i&gt;: recv() drains the queue, the window opens, and every byte arrives, in order.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;流量控制&lt;/h3&gt;&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; 上的服务器接受了一个客户端，并&lt;b&gt;不再对它调用 recv()&lt;/b&gt;：服务器的 &lt;i&gt;TCP 状态&lt;/i&gt;标签页中，该连接的&lt;i&gt;暂停读取&lt;/i&gt;已打开。客户端每 %3 毫秒发送 %2 KiB，共 %4 次。请观察两个 &lt;i&gt;TCP 状态&lt;/i&gt;标签页：&lt;/p&gt;&lt;ul&gt;&lt;li&gt;服务器的&lt;b&gt;接收队列&lt;/b&gt;（因为没人读取而由内核保存的字节）增长到接收缓冲区的大小；&lt;/li&gt;&lt;li&gt;服务器通告的窗口缩小到&lt;b&gt;零&lt;/b&gt;（客户端标签页上的&lt;i&gt;对端窗口&lt;/i&gt;）；&lt;/li&gt;&lt;li&gt;随后客户端的&lt;b&gt;发送队列&lt;/b&gt;（已发送、未确认）填满它的发送缓冲区。阻塞的 &lt;code&gt;sendall()&lt;/code&gt; 此时会等待；这个标签页则把剩下的数据保存在自己的缓冲区中，显示为未发送。&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;取消勾选&lt;i&gt;暂停读取&lt;/i&gt;：recv() 取空队列，窗口重新打开，每个字节都按顺序到达。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;The backlog queue&lt;/h3&gt;&lt;p&gt;The server on &lt;b&gt;%1&lt;/b&gt; called &lt;code&gt;listen(2)&lt;/code&gt; and then &lt;b&gt;stopped calling accept()&lt;/b&gt;: &lt;i&gt;Pause accept()&lt;/i&gt; is ticked on its tab. Four clients connect. Open the server&apos;s &lt;i&gt;TCP states&lt;/i&gt; tab.&lt;/p&gt;&lt;p&gt;The kernel finishes the three-way handshake by itself, without the program: a finished connection waits in the &lt;b&gt;accept queue&lt;/b&gt; until accept() takes it. On Linux &lt;code&gt;backlog&lt;/code&gt; limits this queue (at most &lt;code&gt;net.core.somaxconn&lt;/code&gt;), and it admits backlog + 1: three clients are connected — their tabs say so — although the server has accepted none and its clients table is empty. While the queue is full the fourth client&apos;s SYN is dropped: its tab stays at &lt;i&gt;Connecting…&lt;/i&gt;, and its &lt;i&gt;TCP states&lt;/i&gt; tab shows SYN_SENT and the SYN being sent again, first after a second, then at growing intervals (Linux 6.5 and later send the first few a second apart: &lt;code&gt;net.ipv4.tcp_syn_linear_timeouts&lt;/code&gt;).&lt;/p&gt;&lt;p&gt;Untick &lt;i&gt;Pause accept()&lt;/i&gt;: accept() empties the queue into the clients table, and the fourth client&apos;s next SYN gets in.&lt;/p&gt;&lt;p&gt;The &lt;b&gt;SYN queue&lt;/b&gt; — what tutorials call the half-connection pool — holds connections whose handshake is not finished (SYN received, SYN+ACK sent, the ACK not back yet). &lt;code&gt;backlog&lt;/code&gt; does not limit it: &lt;code&gt;net.ipv4.tcp_max_syn_backlog&lt;/code&gt; does, and with SYN cookies (&lt;code&gt;net.ipv4.tcp_syncookies&lt;/code&gt;) a full SYN queue answers without keeping state instead of dropping. On loopback a handshake takes microseconds, so it is nearly always empty.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;backlog 队列&lt;/h3&gt;&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; 上的服务器调用了 &lt;code&gt;listen(2)&lt;/code&gt;，然后&lt;b&gt;不再调用 accept()&lt;/b&gt;：它的标签页上勾选了&lt;i&gt;暂停 accept()&lt;/i&gt;。四个客户端发起连接。请打开服务器的 &lt;i&gt;TCP 状态&lt;/i&gt;标签页。&lt;/p&gt;&lt;p&gt;三次握手由内核自己完成，不需要程序参与：握手完成的连接在&lt;b&gt;全连接队列（accept 队列）&lt;/b&gt;中等待，直到 accept() 把它取走。在 Linux 上，&lt;code&gt;backlog&lt;/code&gt; 限制的是这个队列（最大为 &lt;code&gt;net.core.somaxconn&lt;/code&gt;），并且它能容纳 backlog + 1 个：三个客户端已经连接——它们的标签页上这样显示——尽管服务器一个也没有 accept()，它的客户端表也是空的。队列满时，第四个客户端的 SYN 被丢弃：它的标签页停在&lt;i&gt;正在连接…&lt;/i&gt;，它的 &lt;i&gt;TCP 状态&lt;/i&gt;标签页显示 SYN_SENT，以及 SYN 的重发：第一次在一秒后，之后间隔逐渐变长（Linux 6.5 及以后的内核前几次每隔一秒重发：&lt;code&gt;net.ipv4.tcp_syn_linear_timeouts&lt;/code&gt;）。&lt;/p&gt;&lt;p&gt;取消勾选&lt;i&gt;暂停 accept()&lt;/i&gt;：accept() 把队列中的连接取入客户端表，第四个客户端的下一个 SYN 就能连进来。&lt;/p&gt;&lt;p&gt;&lt;b&gt;SYN 队列&lt;/b&gt;——教程里说的“半连接池”——存放握手尚未完成的连接（已收到 SYN、已发出 SYN+ACK、ACK 还没回来）。&lt;code&gt;backlog&lt;/code&gt; 并不限制它：限制它的是 &lt;code&gt;net.ipv4.tcp_max_syn_backlog&lt;/code&gt;；开启 SYN cookies（&lt;code&gt;net.ipv4.tcp_syncookies&lt;/code&gt;）时，SYN 队列满了也会不保存状态地应答，而不是丢弃。在回环地址上一次握手只需几微秒，所以它几乎总是空的。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Lesson explanation</source>
        <translation>课程说明</translation>
    </message>
    <message>
        <source>Keep these tabs</source>
        <translation>保留这些标签页</translation>
    </message>
    <message>
        <source>Make the lesson&apos;s tabs ordinary tabs: the next lesson then leaves them open, and they come back at the next start</source>
        <translation>把本课的标签页变为普通标签页：下一课不会关闭它们，下次启动时它们也会恢复</translation>
    </message>
    <message>
        <source>Start the lesson again</source>
        <translation>重新开始本课</translation>
    </message>
    <message>
        <source>Open the lesson&apos;s tabs again, on newly chosen ports</source>
        <translation>重新打开本课的标签页，使用新选定的端口</translation>
    </message>
    <message>
        <source>These tabs are kept: another lesson leaves them open, and they come back at the next start.</source>
        <translation>这些标签页已保留：其他课程不会关闭它们，下次启动时它们也会恢复。</translation>
    </message>
    <message>
        <source>The tabs of this lesson were closed.</source>
        <translation>本课的标签页已全部关闭。</translation>
    </message>
</context>
<context>
    <name>LessonTabs</name>
    <message>
        <source>Start a lesson</source>
        <translation>开始课程</translation>
    </message>
    <message>
        <source>The tabs of the lesson “%1” hold traffic.</source>
        <translation>课程“%1”的标签页中有通信数据。</translation>
    </message>
    <message>
        <source>“%1” closes them first, and their traffic goes with them. Keep them open beside the new lesson&apos;s tabs instead?</source>
        <translation>“%1”会先关闭它们，其中的通信数据也会随之丢失。要改为保留它们，与新课程的标签页并存吗？</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Keep them and add</source>
        <translation>保留并添加</translation>
    </message>
    <message>
        <source>Lesson “%1”: the next lesson replaces this tab, and it is not kept for the next start unless you keep it</source>
        <translation>课程“%1”：下一课会替换此标签页；除非您保留它，否则下次启动时不会恢复</translation>
    </message>
</context>
<context>
    <name>LibraryFile</name>
    <message>
        <source>%1: %2 (column %3 of the value)</source>
        <translation>%1：%2（值的第 %3 列）</translation>
    </message>
    <message>
        <source>[payload %1] has no text = or hex = line</source>
        <translation>[payload %1] 没有 text = 或 hex = 行</translation>
    </message>
    <message>
        <source>[payload %1] has both text = and hex =; keep one</source>
        <translation>[payload %1] 同时有 text = 和 hex =；请只保留一个</translation>
    </message>
    <message>
        <source>Unknown encoding “%1”</source>
        <translation>未知编码“%1”</translation>
    </message>
    <message>
        <source>Unknown line ending “%1” (none, cr, lf or crlf)</source>
        <translation>未知的行尾“%1”（none、cr、lf 或 crlf）</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>第 %1 步：%2</translation>
    </message>
    <message>
        <source>Step %1 sends “%2”, but the file has no [payload %2]</source>
        <translation>第 %1 步发送“%2”，但文件中没有 [payload %2]</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>The file is larger than %1 MiB: not a payload library</source>
        <translation>文件大于 %1 MiB：不是载荷库</translation>
    </message>
    <message>
        <source>A NUL byte: this is not a text file</source>
        <translation>含有 NUL 字节：这不是文本文件</translation>
    </message>
    <message>
        <source>The byte 0x%1 at offset %2 is not UTF-8 text; save the file as UTF-8</source>
        <translation>偏移 %2 处的字节 0x%1 不是 UTF-8 文本；请将文件保存为 UTF-8</translation>
    </message>
    <message>
        <source>The library is in format %1, which a newer Socket Workbench writes; this one reads format %2</source>
        <translation>该库为格式 %1，由较新版本的 Socket Workbench 写入；本版本只能读取格式 %2</translation>
    </message>
    <message>
        <source>Not a Socket Workbench payload library: it must begin with %1</source>
        <translation>不是 Socket Workbench 载荷库：它必须以 %1 开头</translation>
    </message>
    <message>
        <source>Text after [end] (line %1): the end of the library must be the end of the file</source>
        <translation>[end]（第 %1 行）之后还有内容：库的结尾必须是文件的结尾</translation>
    </message>
    <message>
        <source>A section line ends with “]”: [payload NAME]</source>
        <translation>节标题行须以“]”结尾：[payload NAME]</translation>
    </message>
    <message>
        <source>[%1 …]: %2</source>
        <translation>[%1 …]：%2</translation>
    </message>
    <message>
        <source>The name “%1” is already used on line %2</source>
        <translation>名称“%1”已在第 %2 行使用</translation>
    </message>
    <message>
        <source>A “|” line continues the value of a key = value line above it, but there is none</source>
        <translation>“|”行用于续写上方 key = value 行的值，但上方没有这样的行</translation>
    </message>
    <message>
        <source>“%1” is not a [section], a key = value or a | continuation</source>
        <translation>“%1”既不是 [节]，也不是 key = value 或 | 续行</translation>
    </message>
    <message>
        <source>“%1 =” comes before any [section]</source>
        <translation>“%1 =”出现在任何 [节] 之前</translation>
    </message>
    <message>
        <source>Unknown key “%1” in [%2 %3] (known: %4)</source>
        <translation>[%2 %3] 中的未知键“%1”（可用：%4）</translation>
    </message>
    <message>
        <source>“%1” is given twice in [%2 %3] (first on line %4)</source>
        <translation>[%2 %3] 中“%1”写了两次（第一次在第 %4 行）</translation>
    </message>
    <message>
        <source>The file is empty: not a Socket Workbench payload library</source>
        <translation>文件为空：不是 Socket Workbench 载荷库</translation>
    </message>
    <message>
        <source>The file ends without its [end] line: it was cut short, or is not whole</source>
        <translation>文件结尾缺少 [end] 行：文件被截断或不完整</translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation>规则 %1：%2</translation>
    </message>
    <message>
        <source>Unknown section “%1”: a section is [group NAME], [payload NAME], [sequence NAME], [rules NAME] or [end]</source>
        <translation>未知的节“%1”：节只能是 [group NAME]、[payload NAME]、[sequence NAME]、[rules NAME] 或 [end]</translation>
    </message>
</context>
<context>
    <name>LibraryStore</name>
    <message>
        <source>The library file was read: there is nothing to set aside</source>
        <translation>库文件已成功读取：没有需要搁置的文件</translation>
    </message>
    <message>
        <source>Cannot rename “%1” to “%2”</source>
        <translation>无法将“%1”重命名为“%2”</translation>
    </message>
    <message>
        <source>The library file could not be read (%1); it is left as it is until you reload it or set it aside: nothing was changed</source>
        <translation>无法读取库文件（%1）；在您重新载入或将其搁置之前，文件保持原样：未做任何更改</translation>
    </message>
</context>
<context>
    <name>LibraryWindow</name>
    <message>
        <source>Payload Library</source>
        <translation>载荷库</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新载入(&amp;R)</translation>
    </message>
    <message>
        <source>Read the library file again, once you have repaired it</source>
        <translation>修复库文件后重新读取它</translation>
    </message>
    <message>
        <source>Set it &amp;aside</source>
        <translation>搁置(&amp;A)</translation>
    </message>
    <message>
        <source>Rename the unreadable file and start an empty library</source>
        <translation>重命名无法读取的文件，并从空库开始</translation>
    </message>
    <message>
        <source>Search names, groups, text and notes</source>
        <translation>搜索名称、分组、文本和备注</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>搜索载荷库</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>Payloads by group</source>
        <translation>按分组列出的载荷</translation>
    </message>
    <message>
        <source>Bytes of the payload in hex</source>
        <translation>载荷的字节（十六进制）</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Drag onto a tab&apos;s quick-send bar to add a button for it</source>
        <translation>拖到标签页的快捷发送栏即可为它添加按钮</translation>
    </message>
    <message>
        <source>Nothing in the library matches “%1”</source>
        <translation>库中没有与“%1”匹配的内容</translation>
    </message>
    <message>
        <source>The library is empty. Add a payload here, or save what is in a tab&apos;s send box with its quick-send bar&apos;s Library menu.</source>
        <translation>载荷库为空。可以在这里添加载荷，或通过标签页快捷发送栏的“载荷库”菜单保存发送框中的内容。</translation>
    </message>
    <message>
        <source>Select a payload to see its bytes.</source>
        <translation>选择一个载荷以查看它的字节。</translation>
    </message>
    <message>
        <source>Group: %1</source>
        <translation>分组：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Text, %1</source>
        <translation>文本，%1</translation>
    </message>
    <message>
        <source>Line ending: %1</source>
        <translation>行尾：%1</translation>
    </message>
    <message>
        <source>Checksum: %1</source>
        <translation>校验和：%1</translation>
    </message>
    <message>
        <source>Framing: %1</source>
        <translation>分帧：%1</translation>
    </message>
    <message>
        <source>⚠ The library file %1 could not be read: %2. It is left as it is on disk; the library stays empty and nothing is saved until you repair the file and reload it, or set it aside.</source>
        <translation>⚠ 无法读取库文件 %1：%2。磁盘上的文件保持原样；在您修复文件并重新载入，或将其搁置之前，库保持为空，不会保存任何内容。</translation>
    </message>
    <message>
        <source>Add “%1”</source>
        <translation>添加“%1”</translation>
    </message>
    <message>
        <source>Added “%1”.</source>
        <translation>已添加“%1”。</translation>
    </message>
    <message>
        <source>New Payload</source>
        <translation>新建载荷</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>编辑“%1”</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>已保存“%1”。</translation>
    </message>
    <message>
        <source>Edit Payload</source>
        <translation>编辑载荷</translation>
    </message>
    <message>
        <source>There is no payload named “%1”</source>
        <translation>没有名为“%1”的载荷</translation>
    </message>
    <message>
        <source>Rename “%1”</source>
        <translation>重命名“%1”</translation>
    </message>
    <message>
        <source>Renamed “%1” to “%2”; quick-send buttons follow.</source>
        <translation>已将“%1”重命名为“%2”；快捷发送按钮随之更新。</translation>
    </message>
    <message>
        <source>Cannot rename “%1”: %2</source>
        <translation>无法重命名“%1”：%2</translation>
    </message>
    <message>
        <source>Delete “%1”</source>
        <translation>删除“%1”</translation>
    </message>
    <message>
        <source>Deleted “%1”. Undo (Ctrl+Z) brings it back.</source>
        <translation>已删除“%1”。撤销（Ctrl+Z）可以恢复它。</translation>
    </message>
    <message>
        <source>Cannot delete “%1”: %2</source>
        <translation>无法删除“%1”：%2</translation>
    </message>
    <message>
        <source>“%1” is already the first of its group</source>
        <translation>“%1”已是其分组中的第一个</translation>
    </message>
    <message>
        <source>“%1” is already the last of its group</source>
        <translation>“%1”已是其分组中的最后一个</translation>
    </message>
    <message>
        <source>Move “%1”</source>
        <translation>移动“%1”</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Cannot import %1: %2. The library is unchanged.</source>
        <translation>无法导入 %1：%2。载荷库未改变。</translation>
    </message>
    <message>
        <source>Imported %1: %2 added, %3 replaced.</source>
        <translation>已导入 %1：新增 %2 个，替换 %3 个。</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <source>Exported the library to %1.</source>
        <translation>已将载荷库导出到 %1。</translation>
    </message>
    <message>
        <source>Rename Payload</source>
        <translation>重命名载荷</translation>
    </message>
    <message>
        <source>New name of “%1”:</source>
        <translation>“%1”的新名称：</translation>
    </message>
    <message>
        <source>Import Library File</source>
        <translation>导入库文件</translation>
    </message>
    <message>
        <source>Payload libraries (*.swlib);;All files (*)</source>
        <translation>载荷库 (*.swlib);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export Library File</source>
        <translation>导出库文件</translation>
    </message>
    <message>
        <source>The library file was read.</source>
        <translation>已读取库文件。</translation>
    </message>
    <message>
        <source>The unreadable file is kept as %1; the library starts empty.</source>
        <translation>无法读取的文件已保留为 %1；载荷库从空开始。</translation>
    </message>
</context>
<context>
    <name>LifecycleView</name>
    <message>
        <source>Nothing has happened yet. Start the session and its sockets appear here, one lane per socket, with the Python calls that do the same.</source>
        <translation>还没有发生任何事情。启动会话后，它的套接字会显示在这里，每个套接字一条泳道，并附有做同样事情的 Python 调用。</translation>
    </message>
    <message>
        <source>  (closed)</source>
        <translation>  （已关闭）</translation>
    </message>
    <message numerus="yes">
        <source>… %n more call(s)</source>
        <translation>
            <numerusform>… 还有 %n 个调用</numerusform>
        </translation>
    </message>
    <message>
        <source>… and %1 more calls (%2 bytes) not kept</source>
        <translation>… 另有 %1 个调用（%2 字节）未保留</translation>
    </message>
    <message>
        <source>Narrate as:</source>
        <translation>讲解语言：</translation>
    </message>
    <message>
        <source>&amp;Python</source>
        <translation>&amp;Python</translation>
    </message>
    <message>
        <source>Narrate as Python</source>
        <translation>用 Python 讲解</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Narrate as C</source>
        <translation>用 C 讲解</translation>
    </message>
    <message>
        <source>Socket lifecycle diagram</source>
        <translation>套接字生命周期图</translation>
    </message>
    <message>
        <source>Socket lifecycle</source>
        <translation>套接字生命周期</translation>
    </message>
    <message>
        <source>Each socket&apos;s life as the calls a program makes: socket(), bind(), listen(), accept(), recv()/send(), close(). A server shows its listening socket and, apart, every socket accept() returned. The highlighted call is where the socket is now.</source>
        <translation>每个套接字的一生，即程序所做的调用：socket()、bind()、listen()、accept()、recv()/send()、close()。服务器显示它的监听套接字，并单独显示 accept() 返回的每个套接字。高亮的调用表示套接字当前所处的位置。</translation>
    </message>
    <message>
        <source>Copy as Python script</source>
        <translation>复制为 Python 脚本</translation>
    </message>
    <message>
        <source>Copy as C program</source>
        <translation>复制为 C 程序</translation>
    </message>
    <message>
        <source>Copy a Python 3 script that makes the same socket calls with the same values</source>
        <translation>复制一个用相同参数执行相同套接字调用的 Python 3 脚本</translation>
    </message>
    <message>
        <source>Copy a C program that makes the same socket calls</source>
        <translation>复制一个执行相同套接字调用的 C 程序</translation>
    </message>
    <message>
        <source>Showing the newest %1 connections; %2 older ones are in the copied script.</source>
        <translation>显示最新的 %1 个连接；另外 %2 个较早的连接在复制的脚本中。</translation>
    </message>
    <message>
        <source>%1 of the oldest connections are no longer remembered.</source>
        <translation>最早的 %1 个连接已不再保留。</translation>
    </message>
    <message>
        <source>The log had dropped its oldest events before this view opened: the start may be missing.</source>
        <translation>打开此视图之前，日志已丢弃了最早的事件：开头部分可能缺失。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>No socket is active</source>
        <translation>没有活动的套接字</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n line(s)</source>
        <translation>
            <numerusform>已复制 %n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListenFailure</name>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1，另有 %2 个</translation>
    </message>
    <message>
        <source>%1 in LISTEN</source>
        <translation>%1 处于 LISTEN</translation>
    </message>
    <message>
        <source>Another socket listens on this port: %1 (another program, or another tab). SO_REUSEADDR cannot help: only one socket may listen on an address and port; stop that one or choose another port.</source>
        <translation>另一个套接字正在监听这个端口：%1（另一个程序，或另一个标签页）。SO_REUSEADDR 帮不上忙：同一地址和端口只能有一个套接字监听；请停止它，或换一个端口。</translation>
    </message>
    <message>
        <source>Nothing listens there, but connections closed a moment ago still hold the port in TIME_WAIT: %1.</source>
        <translation>没有程序在那里监听，但刚关闭的连接仍以 TIME_WAIT 占着这个端口：%1。</translation>
    </message>
    <message>
        <source>Nothing listens there, but these connections still hold the port: %1.</source>
        <translation>没有程序在那里监听，但这些连接仍占着这个端口：%1。</translation>
    </message>
    <message>
        <source>SO_REUSEADDR is off: with it on (here and in the server that made those connections), this bind() would succeed. The Python line that avoids the error, before bind(): %1</source>
        <translation>SO_REUSEADDR 已关闭：若打开它（这里以及产生这些连接的服务器都打开），这次 bind() 就会成功。避免此错误的 Python 代码（放在 bind() 之前）：%1</translation>
    </message>
    <message>
        <source>SO_REUSEADDR is on, but the socket that made those connections had it off: Linux binds past them only when both sockets set it.</source>
        <translation>SO_REUSEADDR 已打开，但产生这些连接的套接字当时没有打开它：只有两个套接字都设置了它，Linux 才允许绕过它们绑定。</translation>
    </message>
    <message>
        <source>They are gone when their TIME_WAIT ends (a minute at most).</source>
        <translation>它们的 TIME_WAIT 结束后（最多一分钟）就会消失。</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>无法在 %1 上监听：%2</translation>
    </message>
</context>
<context>
    <name>ListenQueuesView</name>
    <message>
        <source>Listen queues</source>
        <translation>监听队列</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Accept queue&lt;/b&gt;: connections whose three-way handshake is finished, waiting for the program to call accept(). This is the queue &lt;i&gt;backlog&lt;/i&gt; limits on Linux: it holds backlog + 1 connections (listen() takes at most net.core.somaxconn = %1); while it is full the kernel drops new SYNs, so further clients&apos; connect() hangs, retries and may time out.&lt;/p&gt;&lt;p&gt;&lt;b&gt;SYN queue&lt;/b&gt;: half-open connections (SYN received, SYN-ACK sent, the client&apos;s ACK not here yet), in SYN_RECV. &lt;i&gt;backlog&lt;/i&gt; does not size it: with SYN cookies on (net.ipv4.tcp_syncookies = %2 here; 1 = once the queue overflows) a full SYN queue answers further SYNs with a cookie instead of a slot, so it is effectively unbounded; without them net.ipv4.tcp_max_syn_backlog (%3 here) bounds it. On loopback a handshake ends at once, so it is usually empty.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;全连接队列（accept 队列）&lt;/b&gt;：三次握手已完成、等待程序调用 accept() 的连接。在 Linux 上 &lt;i&gt;backlog&lt;/i&gt; 限制的正是这个队列：它容纳 backlog + 1 个连接（listen() 最多接受 net.core.somaxconn = %1）；队列满时内核丢弃新的 SYN，后来客户端的 connect() 挂起、重试，并可能超时。&lt;/p&gt;&lt;p&gt;&lt;b&gt;半连接队列（SYN 队列）&lt;/b&gt;：半开连接（已收到 SYN、已发出 SYN-ACK、客户端的 ACK 尚未到达），处于 SYN_RECV。&lt;i&gt;backlog&lt;/i&gt; 并不决定它的大小：开启 SYN cookies 时（本机 net.ipv4.tcp_syncookies = %2；1 表示队列溢出时启用），SYN 队列满后对新的 SYN 以 cookie 应答而不占用位置，因此实际上没有上限；未开启时由 net.ipv4.tcp_max_syn_backlog（本机 %3）限制。在回环地址上握手瞬间完成，所以它通常为空。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Accept queue (waiting for accept()): %1 of %2 (backlog %3 + 1)</source>
        <translation>全连接队列（等待 accept()）：%1 / %2（backlog %3 + 1）</translation>
    </message>
    <message>
        <source>: full, new SYNs are dropped</source>
        <translation>：已满，新的 SYN 被丢弃</translation>
    </message>
    <message>
        <source> (a slot is %1 connections)</source>
        <translation>（每格代表 %1 个连接）</translation>
    </message>
    <message>
        <source>no limit: SYN cookies are on</source>
        <translation>无上限：SYN cookies 已开启</translation>
    </message>
    <message>
        <source>limit tcp_max_syn_backlog %1</source>
        <translation>上限 tcp_max_syn_backlog %1</translation>
    </message>
    <message>
        <source>limit not readable</source>
        <translation>上限无法读取</translation>
    </message>
    <message>
        <source>SYN queue (half-open, SYN_RECV): %1 (%2)</source>
        <translation>半连接队列（SYN 队列，SYN_RECV）：%1（%2）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Socket Workbench</source>
        <translation>Socket Workbench</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Sessions toolbar</source>
        <translation>会话工具栏</translation>
    </message>
    <message>
        <source>New TCP &amp;server</source>
        <translation>新建 TCP 服务器(&amp;S)</translation>
    </message>
    <message>
        <source>Open a TCP server tab (Ctrl+1)</source>
        <translation>打开一个 TCP 服务器标签页（Ctrl+1）</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>New TCP &amp;client</source>
        <translation>新建 TCP 客户端(&amp;C)</translation>
    </message>
    <message>
        <source>Open a TCP client tab (Ctrl+2)</source>
        <translation>打开一个 TCP 客户端标签页（Ctrl+2）</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>New &amp;UDP</source>
        <translation>新建 &amp;UDP</translation>
    </message>
    <message>
        <source>Open a UDP tab (Ctrl+3)</source>
        <translation>打开一个 UDP 标签页（Ctrl+3）</translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <source>&amp;Close tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <source>Stop this session and close its tab (Ctrl+W)</source>
        <translation>停止此会话并关闭其标签页（Ctrl+W）</translation>
    </message>
    <message>
        <source>Ctrl+W</source>
        <translation>Ctrl+W</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;About Socket Workbench</source>
        <translation>关于 Socket Workbench(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>设置(&amp;T)</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Capture stopped; the files are in %1</source>
        <translation>捕获已停止；文件在 %1</translation>
    </message>
    <message>
        <source>Capture to Folder</source>
        <translation>捕获到文件夹</translation>
    </message>
    <message>
        <source>Cannot capture</source>
        <translation>无法捕获</translation>
    </message>
    <message>
        <source>Cannot capture “%1” to %2: %3</source>
        <translation>无法将“%1”捕获到 %2：%3</translation>
    </message>
    <message>
        <source>Capturing “%1” to %2</source>
        <translation>正在将“%1”捕获到 %2</translation>
    </message>
    <message>
        <source>Capture stopped</source>
        <translation>捕获已停止</translation>
    </message>
    <message>
        <source>Tab “%1”: %2</source>
        <translation>标签页“%1”：%2</translation>
    </message>
    <message>
        <source>Capturing to %1</source>
        <translation>正在捕获到 %1</translation>
    </message>
    <message>
        <source>Writing this tab&apos;s traffic to %1; uncheck to stop</source>
        <translation>正在将本标签页的流量写入 %1；取消勾选即停止</translation>
    </message>
    <message>
        <source>Capture to &amp;Folder…</source>
        <translation>捕获到文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Write everything this tab receives and sends to files in a folder, nothing dropped</source>
        <translation>将本标签页收发的全部内容写入文件夹中的文件，不丢弃任何数据</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n 个会话</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation>
            <numerusform>%n 个连接</numerusform>
        </translation>
    </message>
    <message>
        <source>in %1 B in %2 reads</source>
        <translation>收 %1 B，共 %2 次读取</translation>
    </message>
    <message>
        <source>out %1 B in %2 sends</source>
        <translation>发 %1 B，共 %2 次发送</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 old events dropped from memory</source>
        <translation>已从内存中丢弃 %1 个旧事件</translation>
    </message>
    <message>
        <source>capturing to %1 (%2 B written)</source>
        <translation>正在捕获到 %1（已写入 %2 B）</translation>
    </message>
    <message>
        <source>⏸ Log file behind: reading paused</source>
        <translation>⏸ 日志文件滞后：已暂停读取</translation>
    </message>
    <message>
        <source>The JSON Lines log (--log) is being written more slowly than traffic arrives. Sessions stop reading until it catches up: TCP peers wait, datagrams wait in the kernel&apos;s queue (what overflows it is counted as drops).</source>
        <translation>JSON Lines 日志（--log）的写入速度跟不上流量到达的速度。各会话暂停读取，直到日志赶上：TCP 对端等待，数据报在内核队列中等待（溢出的部分计为丢弃）。</translation>
    </message>
    <message>
        <source>Log file stopped</source>
        <translation>日志文件已停止</translation>
    </message>
    <message>
        <source>Close &amp;other tabs</source>
        <translation>关闭其他标签页(&amp;O)</translation>
    </message>
    <message>
        <source>Stop every session but this one and close their tabs</source>
        <translation>停止除此之外的所有会话并关闭其标签页</translation>
    </message>
    <message>
        <source>Close a&amp;ll tabs</source>
        <translation>关闭所有标签页(&amp;L)</translation>
    </message>
    <message>
        <source>Stop every session and close all tabs</source>
        <translation>停止所有会话并关闭所有标签页</translation>
    </message>
    <message>
        <source>&amp;Next tab</source>
        <translation>下一个标签页(&amp;N)</translation>
    </message>
    <message>
        <source>Show the next tab; after the last comes the first (Ctrl+Tab, Ctrl+PgDown)</source>
        <translation>显示下一个标签页；最后一个之后回到第一个（Ctrl+Tab、Ctrl+PgDown）</translation>
    </message>
    <message>
        <source>&amp;Previous tab</source>
        <translation>上一个标签页(&amp;P)</translation>
    </message>
    <message>
        <source>Show the previous tab; before the first comes the last (Ctrl+Shift+Tab, Ctrl+PgUp)</source>
        <translation>显示上一个标签页；第一个之前回到最后一个（Ctrl+Shift+Tab、Ctrl+PgUp）</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Keep this tab</source>
        <translation>保留此标签页(&amp;K)</translation>
    </message>
    <message>
        <source>The next lesson leaves it open, and it comes back at the next start</source>
        <translation>下一课不会关闭它，下次启动时它也会恢复</translation>
    </message>
    <message>
        <source>Payload &amp;Library…</source>
        <translation>载荷库(&amp;L)…</translation>
    </message>
    <message>
        <source>Saved payloads: edit them, import and export library files, drag them onto a tab&apos;s quick-send bar</source>
        <translation>已保存的载荷：编辑它们，导入和导出库文件，把它们拖到标签页的快捷发送栏</translation>
    </message>
    <message>
        <source>Payload library not read</source>
        <translation>未能读取载荷库</translation>
    </message>
    <message>
        <source>The payload library %1 could not be read: %2

The file is left as it is. The library stays empty and is not saved until you repair the file and reload it, or set it aside, in Session → Payload Library….</source>
        <translation>无法读取载荷库 %1：%2

该文件保持原样。在您修复文件并重新载入，或在“会话 → 载荷库…”中将其搁置之前，库保持为空，也不会保存。</translation>
    </message>
</context>
<context>
    <name>OneShot</name>
    <message>
        <source>--quit needs one session: --tcp-client or --udp-target</source>
        <translation>--quit 需要一个会话：--tcp-client 或 --udp-target</translation>
    </message>
</context>
<context>
    <name>PayloadEditor</name>
    <message>
        <source>Payload</source>
        <translation>载荷</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>分组(&amp;G)：</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>模式(&amp;M)：</translation>
    </message>
    <message>
        <source>Text or hex</source>
        <translation>文本或十六进制</translation>
    </message>
    <message>
        <source>&amp;Payload:</source>
        <translation>载荷(&amp;P)：</translation>
    </message>
    <message>
        <source>Payload template</source>
        <translation>载荷模板</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>&amp;Line ending:</source>
        <translation>行尾(&amp;L)：</translation>
    </message>
    <message>
        <source>Line ending</source>
        <translation>行尾</translation>
    </message>
    <message>
        <source>&amp;Checksum:</source>
        <translation>校验和(&amp;C)：</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>校验和</translation>
    </message>
    <message>
        <source>NAME[:FROM][:le|be], e.g. crc16-modbus or crc16-ccitt-false:2:le; empty for none</source>
        <translation>名称[:起始字节][:le|be]，例如 crc16-modbus 或 crc16-ccitt-false:2:le；留空表示不加</translation>
    </message>
    <message>
        <source>&amp;Framing:</source>
        <translation>分帧(&amp;F)：</translation>
    </message>
    <message>
        <source>Framing</source>
        <translation>分帧</translation>
    </message>
    <message>
        <source>none, line, crlf, delim:HEX, length:4, fixed:N</source>
        <translation>none、line、crlf、delim:十六进制、length:4、fixed:N</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Bytes:</source>
        <translation>字节：</translation>
    </message>
    <message>
        <source>Bytes of the payload in hex</source>
        <translation>载荷的字节（十六进制）</translation>
    </message>
    <message>
        <source>Text (escapes \r \n \t \0 \\ \xHH)</source>
        <translation>文本（转义 \r \n \t \0 \\ \xHH）</translation>
    </message>
    <message>
        <source>Hex (01 03 0A)</source>
        <translation>十六进制（01 03 0A）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>There is already an entry named “%1”</source>
        <translation>已有名为“%1”的条目</translation>
    </message>
    <message>
        <source>The payload is empty</source>
        <translation>载荷为空</translation>
    </message>
    <message>
        <source>— (fix the fields marked ⚠)</source>
        <translation>—（请修正标有 ⚠ 的字段）</translation>
    </message>
    <message>
        <source>(one example: the fields change with every message)</source>
        <translation>（仅为一例：字段随每条消息变化）</translation>
    </message>
</context>
<context>
    <name>PayloadEntry</name>
    <message>
        <source>The name is empty</source>
        <translation>名称为空</translation>
    </message>
    <message>
        <source>The name “%1” starts or ends with a space</source>
        <translation>名称“%1”以空格开头或结尾</translation>
    </message>
    <message>
        <source>The name is longer than %1 characters</source>
        <translation>名称超过 %1 个字符</translation>
    </message>
    <message>
        <source>The name “%1” holds a line break or a control character</source>
        <translation>名称“%1”含有换行符或控制字符</translation>
    </message>
    <message>
        <source>Group: %1</source>
        <translation>分组：%1</translation>
    </message>
    <message>
        <source>Unknown encoding “%1”</source>
        <translation>未知编码“%1”</translation>
    </message>
</context>
<context>
    <name>PayloadInput</name>
    <message>
        <source>1 byte</source>
        <translation>1 字节</translation>
    </message>
    <message>
        <source>%L1 bytes</source>
        <translation>%L1 字节</translation>
    </message>
    <message>
        <source>nothing typed yet</source>
        <translation>尚未输入任何内容</translation>
    </message>
    <message>
        <source>none until the input is fixed</source>
        <translation>修正输入之前无</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>large input, %L1 characters: all of it is checked when you send</source>
        <translation>大量输入，%L1 个字符：发送时检查全部内容</translation>
    </message>
    <message>
        <source>Hex: two digits per byte, e.g. 48 65 6c, 48656c or 0x48,0x65; spaces, commas, colons and dashes separate. Ctrl+Enter sends.</source>
        <translation>十六进制：每字节两位数字，例如 48 65 6c、48656c 或 0x48,0x65；可用空格、逗号、冒号和短横线分隔。Ctrl+Enter 发送。</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>\n (LF)</source>
        <translation>\n (LF)</translation>
    </message>
    <message>
        <source>\r\n (CRLF)</source>
        <translation>\r\n (CRLF)</translation>
    </message>
    <message>
        <source>the next message: fields change with each one</source>
        <translation>下一条消息：字段每条都会变化</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>Write these bytes as text in the chosen encoding (escapes for bytes that are not printable) and switch to text</source>
        <translation>按所选编码把这些字节写成文本（不可打印的字节用转义序列）并切换到文本模式</translation>
    </message>
    <message>
        <source>Write the bytes of this text (in the chosen encoding) as hex and switch to hex</source>
        <translation>把这段文本的字节（按所选编码）写成十六进制并切换到十六进制模式</translation>
    </message>
    <message>
        <source>Fix the input first: %1. Nothing was converted.</source>
        <translation>请先修正输入：%1。未做任何转换。</translation>
    </message>
    <message>
        <source>The text has fields such as {counter}: in hex they would become one fixed value. Nothing was converted.</source>
        <translation>文本中含有 {counter} 等字段：写成十六进制后会变成一个固定值。未做任何转换。</translation>
    </message>
    <message>
        <source>The input has fields such as {counter}: nothing was converted.</source>
        <translation>输入中含有 {counter} 等字段：未做任何转换。</translation>
    </message>
    <message>
        <source>Nothing to convert: the input is empty</source>
        <translation>没有可转换的内容：输入为空</translation>
    </message>
    <message>
        <source>These bytes would not come back the same from hex: nothing was converted</source>
        <translation>这些字节从十六进制转回后会不一样：未做任何转换</translation>
    </message>
    <message>
        <source>As text in %1 these bytes would not come back the same (a byte order mark, or characters %1 writes two ways): nothing was converted</source>
        <translation>按 %1 写成文本后这些字节转回时会不一样（字节顺序标记，或 %1 有两种写法的字符）：未做任何转换</translation>
    </message>
    <message>
        <source>The input is too large to convert here: nothing was converted</source>
        <translation>输入太大，无法在此转换：未做任何转换</translation>
    </message>
    <message>
        <source>message number: 1, 2, 3…</source>
        <translation>消息序号：1、2、3…</translation>
    </message>
    <message>
        <source>message number with zeros: 0001</source>
        <translation>补零的消息序号：0001</translation>
    </message>
    <message>
        <source>date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>time of day</source>
        <translation>时刻</translation>
    </message>
    <message>
        <source>milliseconds since 1970</source>
        <translation>自 1970 年起的毫秒数</translation>
    </message>
    <message>
        <source>4 random bytes</source>
        <translation>4 个随机字节</translation>
    </message>
    <message>
        <source>bytes in hex</source>
        <translation>十六进制写的字节</translation>
    </message>
    <message>
        <source>a literal {</source>
        <translation>字面的 {</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>\r (CR)</source>
        <translation>\r (CR)</translation>
    </message>
    <message>
        <source>What to send. Ctrl+Enter sends it; Tab moves to the next control (type \t for a tab character).</source>
        <translation>要发送的内容。Ctrl+Enter 发送；Tab 移到下一个控件（制表符请输入 \t）。</translation>
    </message>
    <message>
        <source>Escapes: \r \n \t \0 \\ \xHH; {{ for a literal {; fields such as {counter} (see Fields). Ctrl+Enter sends.</source>
        <translation>转义序列：\r \n \t \0 \\ \xHH；{{ 表示字面的 {；字段如 {counter}（见“字段”）。Ctrl+Enter 发送。</translation>
    </message>
</context>
<context>
    <name>PayloadLibrary</name>
    <message>
        <source>There is already a group named “%1”</source>
        <translation>已有名为“%1”的分组</translation>
    </message>
    <message>
        <source>There is no group named “%1”</source>
        <translation>没有名为“%1”的分组</translation>
    </message>
    <message>
        <source>The group “%1” still holds “%2”</source>
        <translation>分组“%1”中还有“%2”</translation>
    </message>
    <message>
        <source>There is already an entry named “%1”</source>
        <translation>已有名为“%1”的条目</translation>
    </message>
    <message>
        <source>There is no payload named “%1”</source>
        <translation>没有名为“%1”的载荷</translation>
    </message>
    <message>
        <source>The sequence “%1” sends “%2”</source>
        <translation>序列“%1”会发送“%2”</translation>
    </message>
    <message>
        <source>There is no sequence named “%1”</source>
        <translation>没有名为“%1”的序列</translation>
    </message>
    <message>
        <source>There is no entry named “%1”</source>
        <translation>没有名为“%1”的条目</translation>
    </message>
    <message>
        <source>Position %1 is outside the list (1 to %2)</source>
        <translation>位置 %1 超出列表范围（1 到 %2）</translation>
    </message>
    <message>
        <source>Group: %1</source>
        <translation>分组：%1</translation>
    </message>
    <message>
        <source>Two groups are named “%1”</source>
        <translation>有两个分组都名为“%1”</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <source>Two entries are named “%1”</source>
        <translation>有两个条目都名为“%1”</translation>
    </message>
    <message>
        <source>“%1” is in the group “%2”, which is missing</source>
        <translation>“%1”属于分组“%2”，但该分组不存在</translation>
    </message>
    <message>
        <source>“%1” sends “%2”, but the library has no payload of that name</source>
        <translation>“%1”发送“%2”，但库中没有该名称的载荷</translation>
    </message>
    <message>
        <source>“%1” is a payload in the library and a sequence in the file</source>
        <translation>“%1”在库中是载荷，在文件中却是序列</translation>
    </message>
    <message>
        <source>“%1” is a sequence in the library and a payload in the file</source>
        <translation>“%1”在库中是序列，在文件中却是载荷</translation>
    </message>
    <message>
        <source>Cannot open “%1”: %2</source>
        <translation>无法打开“%1”：%2</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>Cannot create the folder “%1”</source>
        <translation>无法创建文件夹“%1”</translation>
    </message>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>There are no rules named “%1”</source>
        <translation>没有名为“%1”的规则集</translation>
    </message>
    <message>
        <source>“%1” is a payload or sequence in the library and rules in the file</source>
        <translation>“%1”在库中是载荷或序列，在文件中却是规则集</translation>
    </message>
</context>
<context>
    <name>PayloadParser</name>
    <message>
        <source>Unknown encoding “%1”</source>
        <translation>未知编码“%1”</translation>
    </message>
    <message>
        <source>Trailing backslash (write \\ for a backslash)</source>
        <translation>末尾是反斜杠（反斜杠本身请写成 \\）</translation>
    </message>
    <message>
        <source>\x must be followed by two hex digits</source>
        <translation>\x 后面必须跟两位十六进制数字</translation>
    </message>
    <message>
        <source>Unknown escape \%1</source>
        <translation>未知的转义序列 \%1</translation>
    </message>
    <message>
        <source>Unknown escape: a backslash followed by %1</source>
        <translation>未知的转义序列：反斜杠后跟着 %1</translation>
    </message>
    <message>
        <source>Invalid character “%1” in hex</source>
        <translation>十六进制中有无效字符“%1”</translation>
    </message>
    <message>
        <source>Invalid character %1 in hex</source>
        <translation>十六进制中有无效字符 %1</translation>
    </message>
    <message>
        <source>“%1” is not followed by hex digits</source>
        <translation>“%1”后面没有跟十六进制数字</translation>
    </message>
    <message>
        <source>Odd number of hex digits in “%1” (each byte takes two)</source>
        <translation>“%1”中十六进制数字的个数为奇数（每个字节占两位）</translation>
    </message>
    <message>
        <source>Nothing to send: the payload is empty</source>
        <translation>没有可发送的内容：载荷为空</translation>
    </message>
    <message>
        <source>%1 at line %2, column %3</source>
        <translation>%1（第 %2 行，第 %3 列）</translation>
    </message>
</context>
<context>
    <name>PeerInspector</name>
    <message>
        <source>Peer inspector</source>
        <translation>对端检查器</translation>
    </message>
    <message>
        <source>No connection selected</source>
        <translation>未选择连接</translation>
    </message>
    <message>
        <source>Select a connection or UDP peer in the list to see its details here</source>
        <translation>在列表中选择一个连接或 UDP 对端，即可在此查看其详情</translation>
    </message>
    <message>
        <source>The connection or UDP peer shown below</source>
        <translation>下面显示的连接或 UDP 对端</translation>
    </message>
    <message>
        <source>Shown connection</source>
        <translation>显示的连接</translation>
    </message>
    <message>
        <source>&amp;Peer address:</source>
        <translation>对端地址(&amp;P)：</translation>
    </message>
    <message>
        <source>Address of the other end</source>
        <translation>对端的地址</translation>
    </message>
    <message>
        <source>Peer address</source>
        <translation>对端地址</translation>
    </message>
    <message>
        <source>Peer port:</source>
        <translation>对端端口：</translation>
    </message>
    <message>
        <source>Port of the other end (for a client, the ephemeral port its OS chose)</source>
        <translation>对端的端口（对客户端而言，是其操作系统选择的临时端口）</translation>
    </message>
    <message>
        <source>Peer port</source>
        <translation>对端端口</translation>
    </message>
    <message>
        <source>&amp;Local address:</source>
        <translation>本地地址(&amp;L)：</translation>
    </message>
    <message>
        <source>Address of this end of the connection</source>
        <translation>连接本端的地址</translation>
    </message>
    <message>
        <source>Local address</source>
        <translation>本地地址</translation>
    </message>
    <message>
        <source>Local port:</source>
        <translation>本地端口：</translation>
    </message>
    <message>
        <source>Port of this end of the connection</source>
        <translation>连接本端的端口</translation>
    </message>
    <message>
        <source>Local port</source>
        <translation>本地端口</translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation>协议：</translation>
    </message>
    <message>
        <source>Transport and IP version of the peer&apos;s address</source>
        <translation>对端地址的传输协议和 IP 版本</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>State of the connection as the session sees it</source>
        <translation>会话所见的连接状态</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Connected since:</source>
        <translation>连接时间：</translation>
    </message>
    <message>
        <source>Local time the connection was made, or the first datagram arrived</source>
        <translation>连接建立或收到第一个数据报的本地时间</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>连接时间</translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation>持续时长：</translation>
    </message>
    <message>
        <source>How long the connection has been open</source>
        <translation>连接已打开多长时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>持续时长</translation>
    </message>
    <message>
        <source>Last activity:</source>
        <translation>最近活动：</translation>
    </message>
    <message>
        <source>When bytes last went either way</source>
        <translation>最近一次有字节收发的时间</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最近活动</translation>
    </message>
    <message>
        <source>Bytes received:</source>
        <translation>已接收字节：</translation>
    </message>
    <message>
        <source>Bytes received from the peer</source>
        <translation>从对端接收的字节数</translation>
    </message>
    <message>
        <source>Bytes received</source>
        <translation>已接收字节</translation>
    </message>
    <message>
        <source>Bytes sent:</source>
        <translation>已发送字节：</translation>
    </message>
    <message>
        <source>Bytes sent to the peer</source>
        <translation>发送给对端的字节数</translation>
    </message>
    <message>
        <source>Bytes sent</source>
        <translation>已发送字节</translation>
    </message>
    <message>
        <source>Messages received:</source>
        <translation>已接收消息：</translation>
    </message>
    <message>
        <source>Reads (TCP: one per chunk the socket delivered, not per message the peer meant) or datagrams (UDP)</source>
        <translation>读取次数（TCP：套接字每交付一块数据算一次，而不是对端想发的每条消息）或数据报数（UDP）</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>已接收消息</translation>
    </message>
    <message>
        <source>Messages sent:</source>
        <translation>已发送消息：</translation>
    </message>
    <message>
        <source>Sends to the peer</source>
        <translation>向对端发送的次数</translation>
    </message>
    <message>
        <source>Messages sent</source>
        <translation>已发送消息</translation>
    </message>
    <message>
        <source>Last &amp;error:</source>
        <translation>最近错误(&amp;E)：</translation>
    </message>
    <message>
        <source>The last socket error of this connection</source>
        <translation>此连接最近一次的套接字错误</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>%1 d %2 h %3 min</source>
        <translation>%1 天 %2 小时 %3 分</translation>
    </message>
    <message>
        <source>%1 h %2 min %3 s</source>
        <translation>%1 小时 %2 分 %3 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>UDP peer #%1</source>
        <translation>UDP 对端 #%1</translation>
    </message>
    <message>
        <source>Connection #%1</source>
        <translation>连接 #%1</translation>
    </message>
    <message>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <source>%1 over IPv6</source>
        <translation>%1（IPv6）</translation>
    </message>
    <message>
        <source>%1 over IPv4</source>
        <translation>%1（IPv4）</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>正在关闭</translation>
    </message>
    <message>
        <source>Seen (UDP has no connection)</source>
        <translation>有往来（UDP 无连接）</translation>
    </message>
    <message>
        <source>First datagram:</source>
        <translation>首个数据报：</translation>
    </message>
    <message>
        <source>Known for:</source>
        <translation>出现时长：</translation>
    </message>
    <message>
        <source>about %1 (closed)</source>
        <translation>约 %1（已关闭）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>%1 (reading paused: recv() is not called)</source>
        <translation>%1（已暂停读取：不调用 recv()）</translation>
    </message>
</context>
<context>
    <name>PythonRules</name>
    <message>
        <source>%1: the bytes added, modulo 256</source>
        <translation>%1：各字节相加，模 256</translation>
    </message>
    <message>
        <source>%1: the bytes XORed together</source>
        <translation>%1：各字节异或</translation>
    </message>
    <message>
        <source>%1: poly %2, init %3, %4, xorout %5 (the CRC RevEng catalogue)</source>
        <translation>%1：多项式 %2，初值 %3，%4，结果异或 %5（CRC RevEng 目录）</translation>
    </message>
    <message>
        <source>reflected</source>
        <translation>反射</translation>
    </message>
    <message>
        <source>not reflected</source>
        <translation>不反射</translation>
    </message>
    <message>
        <source>The tab&apos;s reply rules, in order: the first that matches answers, unless it says go on.</source>
        <translation>本标签页的回复规则，按顺序：第一条匹配的规则回复，除非它要求继续。</translation>
    </message>
    <message>
        <source>state keeps this peer&apos;s counter; the result says whether to close the connection.</source>
        <translation>state 保存此对端的计数器；返回值表示是否关闭连接。</translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation>规则 %1：%2</translation>
    </message>
    <message>
        <source>(off: not used)</source>
        <translation>（已关闭：不使用）</translation>
    </message>
    <message>
        <source>(not armed: %1)</source>
        <translation>（未生效：%1）</translation>
    </message>
    <message>
        <source>replies of this peer that counted so far</source>
        <translation>此对端到目前为止计数过的回复</translation>
    </message>
    <message>
        <source>delay=%1 ms</source>
        <translation>delay=%1 毫秒</translation>
    </message>
    <message>
        <source>answers nothing</source>
        <translation>不回复</translation>
    </message>
    <message>
        <source>close after replying</source>
        <translation>回复后关闭</translation>
    </message>
    <message>
        <source>the first match wins</source>
        <translation>第一条匹配的规则生效</translation>
    </message>
</context>
<context>
    <name>QuickSendBar</name>
    <message>
        <source>Quick send</source>
        <translation>快捷发送</translation>
    </message>
    <message>
        <source>Show or hide the quick-send buttons (their hotkeys work either way)</source>
        <translation>显示或隐藏快捷发送按钮（热键始终有效）</translation>
    </message>
    <message>
        <source>Add a button for a payload of the library (or drop one here from the library window)</source>
        <translation>为库中的载荷添加按钮（也可从库窗口拖放到这里）</translation>
    </message>
    <message>
        <source>Add a quick-send button</source>
        <translation>添加快捷发送按钮</translation>
    </message>
    <message>
        <source>Library…</source>
        <translation>载荷库…</translation>
    </message>
    <message>
        <source>Open the payload library; the arrow saves what is in the send box to it</source>
        <translation>打开载荷库；箭头菜单可把发送框中的内容存入库中</translation>
    </message>
    <message>
        <source>&amp;Save input to library…</source>
        <translation>将输入存入库(&amp;S)…</translation>
    </message>
    <message>
        <source>%1 already sends “%2”</source>
        <translation>%1 已用于发送“%2”</translation>
    </message>
    <message>
        <source>“%1” is not a payload of the library</source>
        <translation>“%1”不是库中的载荷</translation>
    </message>
    <message>
        <source>Send “%1”</source>
        <translation>发送“%1”</translation>
    </message>
    <message>
        <source>“%1” is not in the library: clicking sends nothing</source>
        <translation>“%1”不在库中：点击不会发送任何内容</translation>
    </message>
    <message>
        <source>Quick send %1</source>
        <translation>快捷发送 %1</translation>
    </message>
    <message>
        <source>“%1” is not in the library (deleted, or renamed outside this window): nothing was sent</source>
        <translation>“%1”不在库中（已删除，或在此窗口之外被重命名）：未发送任何内容</translation>
    </message>
    <message>
        <source>“%1”: %2. Nothing was sent.</source>
        <translation>“%1”：%2。未发送任何内容。</translation>
    </message>
    <message>
        <source>There is nowhere to send to: nothing was sent</source>
        <translation>没有发送目标：未发送任何内容</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <source>Sent “%1”: %2.</source>
        <translation>已发送“%1”：%2。</translation>
    </message>
    <message>
        <source>There is no library to save to</source>
        <translation>没有可保存到的库</translation>
    </message>
    <message>
        <source>The send box is empty: there is nothing to save</source>
        <translation>发送框为空：没有可保存的内容</translation>
    </message>
    <message>
        <source>Save input as “%1”</source>
        <translation>将输入保存为“%1”</translation>
    </message>
    <message>
        <source>Save Input to Library</source>
        <translation>将输入存入库</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>分组(&amp;G)：</translation>
    </message>
    <message>
        <source>Saved “%1” in the library.</source>
        <translation>已将“%1”存入库。</translation>
    </message>
    <message>
        <source>Set &amp;hotkey…</source>
        <translation>设置热键(&amp;H)…</translation>
    </message>
    <message>
        <source>Move &amp;left</source>
        <translation>左移(&amp;L)</translation>
    </message>
    <message>
        <source>Move &amp;right</source>
        <translation>右移(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Hotkey of “%1”</source>
        <translation>“%1”的热键</translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation>默认(&amp;D)</translation>
    </message>
    <message>
        <source>Alt+1 … Alt+9 by the button&apos;s place</source>
        <translation>按按钮位置使用 Alt+1 … Alt+9</translation>
    </message>
    <message>
        <source>&amp;None</source>
        <translation>无(&amp;N)</translation>
    </message>
    <message>
        <source>The library has no payloads yet</source>
        <translation>库中还没有载荷</translation>
    </message>
</context>
<context>
    <name>ReadGates</name>
    <message>
        <source>Reading paused on #%1: recv() is no longer called; what the peer sends waits in our receive queue until the window closes and its send() blocks</source>
        <translation>已暂停读取 #%1：不再调用 recv()；对端发来的数据留在我方接收队列中，直到窗口关闭、对端的 send() 阻塞</translation>
    </message>
    <message>
        <source>Reading resumed on #%1: recv() is called again and reads what waited</source>
        <translation>已恢复读取 #%1：重新调用 recv()，读出等待的数据</translation>
    </message>
</context>
<context>
    <name>Reconnector</name>
    <message>
        <source>%1; connecting again in %2 ms (auto-reconnect)</source>
        <translation>%1；%2 毫秒后重新连接（自动重连）</translation>
    </message>
</context>
<context>
    <name>RepeatSender</name>
    <message>
        <source>A repeat is already running</source>
        <translation>已有一个重复发送在运行</translation>
    </message>
    <message>
        <source>Nothing to send: the payload is empty</source>
        <translation>没有可发送的内容：载荷为空</translation>
    </message>
    <message>
        <source>There is nowhere to send to</source>
        <translation>没有发送目标</translation>
    </message>
    <message>
        <source>The interval must be between 0 and %L1 ms</source>
        <translation>间隔必须在 0 到 %L1 毫秒之间</translation>
    </message>
    <message>
        <source>Stopped after %L1 of %L2 sends</source>
        <translation>已停止：完成 %L1 / %L2 次发送</translation>
    </message>
    <message>
        <source>Send %L1 of %L2 failed: %3</source>
        <translation>第 %L1 / %L2 次发送失败：%3</translation>
    </message>
    <message>
        <source>The repeat count must be between %L1 and %L2, or until stopped</source>
        <translation>重复次数必须在 %L1 到 %L2 之间，或选择“直到停止”</translation>
    </message>
    <message>
        <source>Send %L1 failed: %2</source>
        <translation>第 %L1 次发送失败：%2</translation>
    </message>
</context>
<context>
    <name>ReplyRule</name>
    <message>
        <source>%1 at column %2</source>
        <translation>%1（第 %2 列）</translation>
    </message>
    <message>
        <source>Any message</source>
        <translation>任意消息</translation>
    </message>
    <message>
        <source>Exactly</source>
        <translation>完全等于</translation>
    </message>
    <message>
        <source>Starts with</source>
        <translation>开头是</translation>
    </message>
    <message>
        <source>Ends with</source>
        <translation>结尾是</translation>
    </message>
    <message>
        <source>Contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>Hex bytes</source>
        <translation>十六进制字节</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>不回复</translation>
    </message>
    <message>
        <source>the HTTP page</source>
        <translation>HTTP 页面</translation>
    </message>
    <message>
        <source>The delay must be 0 to %1 ms</source>
        <translation>延迟必须为 0 到 %1 毫秒</translation>
    </message>
    <message>
        <source>A rule&apos;s name cannot hold “,”, “]”, a line break or spaces at its ends</source>
        <translation>规则名称中不能含有“,”、“]”、换行，首尾也不能有空格</translation>
    </message>
    <message>
        <source>The reply is empty: write none for a rule that answers nothing</source>
        <translation>回复为空：不回复任何内容的规则请写 none</translation>
    </message>
    <message>
        <source>the pattern has no groups</source>
        <translation>匹配模式中没有分组</translation>
    </message>
    <message>
        <source>the pattern has 1 group</source>
        <translation>匹配模式中只有 1 个分组</translation>
    </message>
    <message>
        <source>the pattern has %1 groups</source>
        <translation>匹配模式中只有 %1 个分组</translation>
    </message>
    <message>
        <source>Unknown capture {%1}: %2</source>
        <translation>未知的捕获 {%1}：%2</translation>
    </message>
    <message>
        <source>Unknown capture {%1}: the pattern has no group (?&lt;%1&gt;…)</source>
        <translation>未知的捕获 {%1}：匹配模式中没有分组 (?&lt;%1&gt;…)</translation>
    </message>
    <message>
        <source>The rule is empty: write MATCH =&gt; REPLY, e.g. contains:PING =&gt; PONG</source>
        <translation>规则为空：请写 MATCH =&gt; REPLY，例如 contains:PING =&gt; PONG</translation>
    </message>
    <message>
        <source>Unknown match “%1”: write any, exact:, starts:, ends:, contains:, regex: or hex:</source>
        <translation>未知的匹配方式“%1”：请写 any、exact:、starts:、ends:、contains:、regex: 或 hex:</translation>
    </message>
    <message>
        <source>Missing “ =&gt; ” between the match and the reply</source>
        <translation>匹配与回复之间缺少“ =&gt; ”</translation>
    </message>
    <message>
        <source>Bad delay “%1”: write delay=MS, 0 to %2</source>
        <translation>延迟“%1”有误：请写 delay=MS，0 到 %2</translation>
    </message>
    <message>
        <source>Unknown option “%1”: the options are delay=MS, next, close, off, checksum=NAME and name=TEXT</source>
        <translation>未知选项“%1”：可用选项为 delay=MS、next、close、off、checksum=NAME 和 name=TEXT</translation>
    </message>
</context>
<context>
    <name>ReplyRules</name>
    <message>
        <source>Rule %1: %2</source>
        <translation>规则 %1：%2</translation>
    </message>
    <message>
        <source>Echo</source>
        <translation>回显</translation>
    </message>
    <message>
        <source>Answers every message with the same bytes.</source>
        <translation>用相同的字节回复每条消息。</translation>
    </message>
    <message>
        <source>Hello template</source>
        <translation>Hello 模板</translation>
    </message>
    <message>
        <source>Answers “Tracy” with “Hello,Tracy!”.</source>
        <translation>收到“Tracy”时回复“Hello,Tracy!”。</translation>
    </message>
    <message>
        <source>HTTP page</source>
        <translation>HTTP 页面</translation>
    </message>
    <message>
        <source>Answers every HTTP request with a small 200 page.</source>
        <translation>用一个小的 200 页面回复每个 HTTP 请求。</translation>
    </message>
    <message>
        <source>Modbus TCP: read holding registers</source>
        <translation>Modbus TCP：读保持寄存器</translation>
    </message>
    <message>
        <source>Answers function 3 for 10 registers with the values 1 to 10, echoing the transaction id and unit.</source>
        <translation>对读 10 个寄存器的功能码 3 回复数值 1 到 10，并回传事务标识和单元号。</translation>
    </message>
    <message>
        <source>Modbus RTU: read holding registers</source>
        <translation>Modbus RTU：读保持寄存器</translation>
    </message>
    <message>
        <source>Answers unit 1, function 3 for 10 registers with the values 1 to 10 and a CRC-16/MODBUS.</source>
        <translation>对单元 1 读 10 个寄存器的功能码 3 回复数值 1 到 10，并附加 CRC-16/MODBUS。</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
</context>
<context>
    <name>ReplySummary</name>
    <message>
        <source>No auto-reply</source>
        <translation>不自动回复</translation>
    </message>
    <message>
        <source>Echo</source>
        <translation>回显</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>HTTP page</source>
        <translation>HTTP 页面</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>规则…</translation>
    </message>
    <message>
        <source>Match-and-reply rules: open the rules editor</source>
        <translation>匹配与回复规则：打开规则编辑器</translation>
    </message>
    <message>
        <source>Answer received data automatically: a summary of the tab&apos;s reply rules (the Reply rules tab); choosing here sets the same rules</source>
        <translation>自动回复收到的数据：本标签页回复规则的摘要（见“回复规则”标签）；在此选择会设置相同的规则</translation>
    </message>
    <message>
        <source>Hello,{data}!</source>
        <translation>Hello,{data}!</translation>
    </message>
    <message>
        <source>Escapes \r \n \t \0 \\ \xHH</source>
        <translation>转义 \r \n \t \0 \\ \xHH</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n 条规则</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RuleMatcher</name>
    <message>
        <source>$ (the message ends here) can only come last</source>
        <translation>$（消息到此结束）只能写在最后</translation>
    </message>
    <message>
        <source>Half a byte: hex bytes are two digits each, ?? is any byte</source>
        <translation>只有半个字节：每个十六进制字节为两位数字，?? 表示任意字节</translation>
    </message>
    <message>
        <source>“%1” is not a hex digit: write bytes such as 01 03, ?? for any byte</source>
        <translation>“%1”不是十六进制数字：请写 01 03 这样的字节，?? 表示任意字节</translation>
    </message>
    <message>
        <source>The hex pattern has no bytes</source>
        <translation>十六进制匹配模式中没有字节</translation>
    </message>
    <message>
        <source>More than %1 runs of ?? (each is a capture)</source>
        <translation>?? 的连续段超过 %1 个（每段是一个捕获）</translation>
    </message>
    <message>
        <source>The regular expression does not compile: %1</source>
        <translation>正则表达式无法编译：%1</translation>
    </message>
    <message>
        <source>no match (match limit reached): the expression backtracks too much on this message</source>
        <translation>未匹配（达到匹配上限）：该表达式在这条消息上回溯过多</translation>
    </message>
    <message>
        <source>no match: %1</source>
        <translation>未匹配：%1</translation>
    </message>
    <message>
        <source>The pattern is empty: write what the message must hold, or use “any”</source>
        <translation>匹配模式为空：请写出消息必须包含的内容，或使用“any”</translation>
    </message>
</context>
<context>
    <name>RuleOptions</name>
    <message>
        <source>--reply: use either --reply or --rule/--rules (--reply echo is --rule &apos;any =&gt; {data}&apos;)</source>
        <translation>--reply：--reply 与 --rule/--rules 只能二选一（--reply echo 即 --rule &apos;any =&gt; {data}&apos;）</translation>
    </message>
    <message>
        <source>--reply: empty; use echo, http or a template text</source>
        <translation>--reply：为空；请使用 echo、http 或模板文本</translation>
    </message>
    <message>
        <source>--rules: cannot read %1: %2</source>
        <translation>--rules：无法读取 %1：%2</translation>
    </message>
    <message>
        <source>--rules: %1 is larger than %2 bytes: not a rules file</source>
        <translation>--rules：%1 大于 %2 字节，不是规则文件</translation>
    </message>
    <message>
        <source>--rules: %1 is not UTF-8 text</source>
        <translation>--rules：%1 不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>--rules: %1, %2</source>
        <translation>--rules：%1，%2</translation>
    </message>
    <message>
        <source>--rule %1: %2 in %3</source>
        <translation>--rule %1：%2，位于 %3</translation>
    </message>
</context>
<context>
    <name>RulesEditor</name>
    <message>
        <source>Reply rules</source>
        <translation>回复规则</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Add a rule after the selected one</source>
        <translation>在所选规则之后添加一条规则</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>复制(&amp;U)</translation>
    </message>
    <message>
        <source>Copy the selected rule below it</source>
        <translation>在所选规则下方复制一份</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Remove the selected rule</source>
        <translation>移除所选规则</translation>
    </message>
    <message>
        <source>Move u&amp;p</source>
        <translation>上移(&amp;P)</translation>
    </message>
    <message>
        <source>Try the selected rule earlier</source>
        <translation>更早尝试所选规则</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>Try the selected rule later</source>
        <translation>更晚尝试所选规则</translation>
    </message>
    <message>
        <source>Ready-&amp;made</source>
        <translation>现成规则(&amp;M)</translation>
    </message>
    <message>
        <source>Echo, a template, the HTTP page, Modbus TCP and Modbus RTU answers, one click away</source>
        <translation>回显、模板、HTTP 页面、Modbus TCP 和 Modbus RTU 回复，一键即得</translation>
    </message>
    <message>
        <source>Li&amp;brary</source>
        <translation>库(&amp;B)</translation>
    </message>
    <message>
        <source>Save these rules in the payload library as a named rule set, or load one</source>
        <translation>将这些规则作为命名规则集保存到载荷库，或载入一个规则集</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Export the rules as a rules file (one rule a line, as --rules reads it), or import one</source>
        <translation>将规则导出为规则文件（每行一条规则，与 --rules 读取的格式相同），或导入一个</translation>
    </message>
    <message>
        <source>Reply rules, in the order they are tried</source>
        <translation>回复规则，按尝试的顺序</translation>
    </message>
    <message>
        <source>Rule as a li&amp;ne:</source>
        <translation>规则文本(&amp;N)：</translation>
    </message>
    <message>
        <source>The selected rule as one line</source>
        <translation>所选规则的单行写法</translation>
    </message>
    <message>
        <source>Appl&amp;y</source>
        <translation>应用(&amp;Y)</translation>
    </message>
    <message>
        <source>Replace the selected rule (or add one) with the rule of this line</source>
        <translation>用这一行的规则替换所选规则（或添加一条）</translation>
    </message>
    <message>
        <source>Problems in the rules</source>
        <translation>规则中的问题</translation>
    </message>
    <message>
        <source>What the rules did</source>
        <translation>规则的执行情况</translation>
    </message>
    <message>
        <source>Match kind</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Delay before replying</source>
        <translation>回复前的延迟</translation>
    </message>
    <message>
        <source>MATCH =&gt; REPLY [OPTIONS], as --rule reads it: any, exact:, starts:, ends:, contains:, regex:, hex: … =&gt; a template, none or http; options delay=MS, next, close, off, checksum=NAME, name=TEXT</source>
        <translation>MATCH =&gt; REPLY [OPTIONS]，与 --rule 的写法相同：any、exact:、starts:、ends:、contains:、regex:、hex: … =&gt; 模板、none 或 http；选项 delay=MS、next、close、off、checksum=NAME、name=TEXT</translation>
    </message>
    <message>
        <source>Add &amp;this</source>
        <translation>添加(&amp;T)</translation>
    </message>
    <message>
        <source>No rules: nothing is answered. Add one, or choose a ready-made one.</source>
        <translation>没有规则：不回复任何内容。请添加一条，或选择现成的规则。</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) armed of %1, tried in order; the first that matches answers unless it says go on.</source>
        <translation>
            <numerusform>%1 条规则中 %n 条生效，按顺序尝试；第一条匹配的规则回复，除非它要求继续。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n received message(s) matched no rule.</source>
        <translation>
            <numerusform>%n 条收到的消息没有匹配任何规则。</numerusform>
        </translation>
    </message>
    <message>
        <source>Add after the rules</source>
        <translation>添加到规则之后</translation>
    </message>
    <message>
        <source>&amp;Import rules file…</source>
        <translation>导入规则文件(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export rules file…</source>
        <translation>导出规则文件(&amp;E)…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1: %2. The rules were not changed.</source>
        <translation>%1：%2。规则未改动。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Import reply rules</source>
        <translation>导入回复规则</translation>
    </message>
    <message>
        <source>Rules files (*.rules *.txt);;All files (*)</source>
        <translation>规则文件 (*.rules *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export reply rules</source>
        <translation>导出回复规则</translation>
    </message>
    <message>
        <source>A rule set needs a name: nothing was saved</source>
        <translation>规则集需要一个名称：未保存任何内容</translation>
    </message>
    <message>
        <source>No payload library is open: nothing was saved</source>
        <translation>没有打开载荷库：未保存任何内容</translation>
    </message>
    <message>
        <source>Save rule set “%1”</source>
        <translation>保存规则集“%1”</translation>
    </message>
    <message>
        <source>The library has no rule set “%1”: the rules were not changed</source>
        <translation>库中没有规则集“%1”：规则未改动</translation>
    </message>
    <message>
        <source>&amp;Save rules to library…</source>
        <translation>将规则保存到库(&amp;S)…</translation>
    </message>
    <message>
        <source>No rule sets in the library yet</source>
        <translation>库中还没有规则集</translation>
    </message>
    <message numerus="yes">
        <source>Load “%1” (%n rule(s))</source>
        <translation>
            <numerusform>载入“%1”（%n 条规则）</numerusform>
        </translation>
    </message>
    <message>
        <source>Load reply rules</source>
        <translation>载入回复规则</translation>
    </message>
    <message>
        <source>Save reply rules</source>
        <translation>保存回复规则</translation>
    </message>
    <message>
        <source>Name of the rule set in the payload library (a set of that name is replaced):</source>
        <translation>规则集在载荷库中的名称（同名的规则集会被替换）：</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>not armed</source>
        <translation>未生效</translation>
    </message>
    <message>
        <source>Rule %1 is not armed: %2</source>
        <translation>规则 %1 未生效：%2</translation>
    </message>
    <message>
        <source>Rule %1 is on; clear to keep it without using it</source>
        <translation>规则 %1 已开启；取消勾选可保留但不使用</translation>
    </message>
    <message>
        <source>Rule %1 is off: kept, not used</source>
        <translation>规则 %1 已关闭：保留但不使用</translation>
    </message>
    <message>
        <source>Every message matches: no pattern</source>
        <translation>匹配每条消息：无需模式</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>A template ({data}, {counter}, {time}, captures {1} … {9} and {name}), &quot;none&quot; to answer nothing, or &quot;http&quot; for the HTTP page</source>
        <translation>模板（{data}、{counter}、{time}、捕获组 {1} … {9} 和 {name}），&quot;none&quot; 表示不回复，&quot;http&quot; 表示 HTTP 页面</translation>
    </message>
    <message>
        <source>After replying, the next rules are tried too</source>
        <translation>回复后还会尝试后面的规则</translation>
    </message>
    <message>
        <source>The first rule that matches answers; the rules after it are not tried</source>
        <translation>第一条匹配的规则回复；不再尝试其后的规则</translation>
    </message>
    <message>
        <source>The connection is closed after the reply</source>
        <translation>回复后关闭连接</translation>
    </message>
    <message>
        <source>The connection stays open</source>
        <translation>连接保持打开</translation>
    </message>
    <message numerus="yes">
        <source>Rule %1 fired %n time(s)</source>
        <translation>
            <numerusform>规则 %1 已触发 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>on</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Go on</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Fired</source>
        <translation>触发次数</translation>
    </message>
    <message>
        <source>Whether the rule is used; a rule with a problem is marked and not armed</source>
        <translation>是否使用该规则；有问题的规则会被标记且不生效</translation>
    </message>
    <message>
        <source>What a received message must be: any, exact, starts with, ends with, contains, a regular expression, or hex bytes with ?? wildcards</source>
        <translation>收到的消息须满足的条件：任意、完全相同、开头是、结尾是、包含、正则表达式，或带 ?? 通配符的十六进制字节</translation>
    </message>
    <message>
        <source>Text with the send box&apos;s escapes (\r \n \xHH), a regular expression, or hex bytes such as 01 03 ?? ?? 00 0A</source>
        <translation>使用发送框转义（\r \n \xHH）的文本、正则表达式，或如 01 03 ?? ?? 00 0A 的十六进制字节</translation>
    </message>
    <message>
        <source>What is sent back: a template, &quot;none&quot; or &quot;http&quot;</source>
        <translation>发回的内容：模板、&quot;none&quot; 或 &quot;http&quot;</translation>
    </message>
    <message>
        <source>Milliseconds to wait before replying</source>
        <translation>回复前等待的毫秒数</translation>
    </message>
    <message>
        <source>Checked: the rules after this one are tried too; cleared: the first match wins</source>
        <translation>勾选：还会尝试这条之后的规则；不勾选：第一条匹配的规则生效</translation>
    </message>
    <message>
        <source>Close the connection after replying (TCP)</source>
        <translation>回复后关闭连接（TCP）</translation>
    </message>
    <message>
        <source>How many times the rule answered a message</source>
        <translation>该规则回复消息的次数</translation>
    </message>
</context>
<context>
    <name>ScriptPlan</name>
    <message>
        <source>Fills addr for an IPv4 or IPv6 address and returns its length.</source>
        <translation>按 IPv4 或 IPv6 地址填写 addr，并返回其长度。</translation>
    </message>
    <message>
        <source>Looks a host name up (getaddrinfo) and fills addr; 0 when it fails.</source>
        <translation>查询主机名（getaddrinfo）并填写 addr；失败时返回 0。</translation>
    </message>
    <message>
        <source>Says why a call failed; a timeout (SO_RCVTIMEO) is EAGAIN.</source>
        <translation>说明调用失败的原因；超时（SO_RCVTIMEO）表现为 EAGAIN。</translation>
    </message>
    <message>
        <source>Prints bytes as Python shows them: text as it is, other bytes escaped.</source>
        <translation>像 Python 那样打印字节：文本原样输出，其他字节转义。</translation>
    </message>
    <message>
        <source>Prints an address as 127.0.0.1:8000 or [::1]:8000.</source>
        <translation>以 127.0.0.1:8000 或 [::1]:8000 的形式打印地址。</translation>
    </message>
    <message>
        <source>send() may take only part of the bytes: loop until all are out (Python&apos;s sendall).</source>
        <translation>send() 可能只发出一部分字节：循环直到全部发出（相当于 Python 的 sendall）。</translation>
    </message>
    <message>
        <source>recv() returns what has arrived, maybe less than size bytes (TCP is a byte stream): loop until all are in. 1: done, 0: the peer closed first, -1: an error.</source>
        <translation>recv() 返回已到达的数据，可能少于 size 字节（TCP 是字节流）：循环直到全部收齐。返回 1：完成；0：对端先关闭了；-1：出错。</translation>
    </message>
    <message>
        <source>the 1-byte length (%1, struct &apos;%2&apos;)</source>
        <translation>1 字节长度（%1，struct &apos;%2&apos;）</translation>
    </message>
    <message>
        <source>the %1-byte big-endian length (%2, struct &apos;%3&apos;)</source>
        <translation>%1 字节大端长度（%2，struct &apos;%3&apos;）</translation>
    </message>
    <message>
        <source>the %1-byte little-endian length (%2, struct &apos;%3&apos;)</source>
        <translation>%1 字节小端长度（%2，struct &apos;%3&apos;）</translation>
    </message>
    <message>
        <source>Reads %1.</source>
        <translation>读取 %1。</translation>
    </message>
    <message>
        <source>Writes %1.</source>
        <translation>写入 %1。</translation>
    </message>
    <message>
        <source>Where needle first occurs in the size bytes at data, or -1.</source>
        <translation>needle 在 data 处 size 个字节中首次出现的位置，找不到时为 -1。</translation>
    </message>
    <message>
        <source>A 200 page naming the request&apos;s method and target (HTML-escaped); returns its length.</source>
        <translation>生成写明请求方法和目标（经 HTML 转义）的 200 页面；返回其长度。</translation>
    </message>
    <message>
        <source>The request line is METHOD TARGET VERSION: keep what comes before the second space.</source>
        <translation>请求行是 METHOD TARGET VERSION：保留第二个空格之前的部分。</translation>
    </message>
    <message>
        <source>HEAD: the same headers, no body</source>
        <translation>HEAD：同样的头部，没有正文</translation>
    </message>
    <message>
        <source>%1, as a C program.</source>
        <translation>%1，写成 C 程序。</translation>
    </message>
    <message>
        <source>Stop the tab first (they cannot both have the port), run this, then start the clients.</source>
        <translation>先停止该标签页（两者不能同时占用这个端口），运行本程序，再启动客户端。</translation>
    </message>
    <message>
        <source>Run it while the server listens; it prints what comes back and ends.</source>
        <translation>在服务器监听时运行它；它会打印收到的回复，然后结束。</translation>
    </message>
    <message>
        <source>Build it with: gcc -Wall -Wextra -o program program.c</source>
        <translation>编译方法：gcc -Wall -Wextra -o program program.c</translation>
    </message>
    <message>
        <source>One message as the receiver cuts it.</source>
        <translation>按接收方的切分方式发送一条消息。</translation>
    </message>
    <message>
        <source>… and %1 more calls (%2 bytes) not kept</source>
        <translation>… 另有 %1 个调用（%2 字节）未保留</translation>
    </message>
    <message>
        <source>Long messages keep only their first %1 bytes here.</source>
        <translation>较长的消息在这里只保留前 %1 字节。</translation>
    </message>
    <message>
        <source>echo: the same bytes back</source>
        <translation>回显：原样发回相同的字节</translation>
    </message>
    <message>
        <source>the reply template</source>
        <translation>回复模板</translation>
    </message>
    <message>
        <source>Reads message by message until the peer closes the connection.</source>
        <translation>逐条读取消息，直到对端关闭连接。</translation>
    </message>
    <message>
        <source>0: the peer closed the connection</source>
        <translation>0：对端关闭了连接</translation>
    </message>
    <message>
        <source>the %1-byte length first</source>
        <translation>先读 %1 字节的长度</translation>
    </message>
    <message>
        <source>it counted the header too</source>
        <translation>长度也计入了头部</translation>
    </message>
    <message>
        <source>every message is %1 bytes</source>
        <translation>每条消息都是 %1 字节</translation>
    </message>
    <message>
        <source>bytes of a message whose delimiter has not come yet</source>
        <translation>分隔符尚未到达的那条消息的字节</translation>
    </message>
    <message>
        <source>seconds to wait for the next one: the program ends on its own</source>
        <translation>等待下一个的秒数：程序会自行结束</translation>
    </message>
    <message>
        <source>the tab served %1: serve as many, one after another, then end</source>
        <translation>标签页服务了 %1 个：依次服务同样多个，然后结束</translation>
    </message>
    <message>
        <source>One client, from accept() until it closes.</source>
        <translation>一个客户端，从 accept() 到它关闭。</translation>
    </message>
    <message>
        <source>Read the request up to the blank line that ends its headers.</source>
        <translation>读取请求，直到结束头部的那个空行。</translation>
    </message>
    <message>
        <source>Connection: close, so the page ends where the connection does</source>
        <translation>Connection: close，页面随连接关闭而结束</translation>
    </message>
    <message>
        <source>What the server does with each message.</source>
        <translation>服务器对每条消息的处理。</translation>
    </message>
    <message>
        <source>Typed in the tab: one sent after each message received.</source>
        <translation>在标签页中输入的内容：每收到一条消息就发送一条。</translation>
    </message>
    <message>
        <source>the greeting, right after accept()</source>
        <translation>欢迎语，在 accept() 之后立即发送</translation>
    </message>
    <message>
        <source>Typed in the tab before the client said anything: sent right after accept().</source>
        <translation>在客户端发言之前于标签页中输入的内容：在 accept() 之后立即发送。</translation>
    </message>
    <message>
        <source>a restart can bind while old connections sit in TIME_WAIT</source>
        <translation>旧连接仍处于 TIME_WAIT 时，重启也能 bind</translation>
    </message>
    <message>
        <source>where the clients connect: %1</source>
        <translation>客户端连接的地址：%1</translation>
    </message>
    <message>
        <source>accept() and recv() give up after TIMEOUT seconds</source>
        <translation>accept() 和 recv() 在 TIMEOUT 秒后放弃</translation>
    </message>
    <message>
        <source>seconds to wait for more: the program ends on its own</source>
        <translation>等待更多数据的秒数：程序会自行结束</translation>
    </message>
    <message>
        <source>What you sent from the tab, in order.</source>
        <translation>你在标签页中发送的内容，按顺序排列。</translation>
    </message>
    <message>
        <source>connect() and recv() wait at most TIMEOUT seconds</source>
        <translation>connect() 和 recv() 最多等待 TIMEOUT 秒</translation>
    </message>
    <message>
        <source>the tab was bound to %1; a client rarely needs bind()</source>
        <translation>标签页绑定在 %1；客户端很少需要 bind()</translation>
    </message>
    <message>
        <source>no bind(): the OS chose the port</source>
        <translation>没有 bind()：端口由操作系统选择</translation>
    </message>
    <message>
        <source>FIN: done sending, still reading</source>
        <translation>FIN：发送完毕，仍在读取</translation>
    </message>
    <message>
        <source>the tab received %1: answer as many, then end</source>
        <translation>标签页收到了 %1 个：应答同样多个，然后结束</translation>
    </message>
    <message>
        <source>the port the clients send to: %1</source>
        <translation>客户端发往的端口：%1</translation>
    </message>
    <message>
        <source>the port you chose for the tab: %1</source>
        <translation>你为标签页选择的端口：%1</translation>
    </message>
    <message>
        <source>No bind(): the first sendto() gets a port the OS chooses, as the tab did.</source>
        <translation>没有 bind()：第一次 sendto() 时由操作系统选择端口，与标签页一样。</translation>
    </message>
    <message>
        <source>recvfrom() waits at most TIMEOUT seconds</source>
        <translation>recvfrom() 最多等待 TIMEOUT 秒</translation>
    </message>
    <message>
        <source>one datagram, and who sent it</source>
        <translation>一个数据报，以及它的发送方</translation>
    </message>
    <message>
        <source>%1, as a Python program.</source>
        <translation>%1，写成 Python 程序。</translation>
    </message>
    <message>
        <source>recv() returns what has arrived, maybe less than n bytes (TCP is a byte stream): loop until all n are in.</source>
        <translation>recv() 返回已到达的数据，可能少于 n 字节（TCP 是字节流）：循环直到 n 字节全部收齐。</translation>
    </message>
    <message>
        <source>the peer closed first</source>
        <translation>对端先关闭了</translation>
    </message>
    <message>
        <source>The request line is METHOD TARGET VERSION.</source>
        <translation>请求行是 METHOD TARGET VERSION。</translation>
    </message>
    <message>
        <source>b&apos;&apos;: the peer closed the connection</source>
        <translation>b&apos;&apos;：对端关闭了连接</translation>
    </message>
    <message>
        <source>a new socket for each client</source>
        <translation>每个客户端一个新套接字</translation>
    </message>
    <message>
        <source>TCP echo server on %1</source>
        <translation>%1 上的 TCP 回显服务器</translation>
    </message>
    <message>
        <source>TCP server on %1 that answers from a template</source>
        <translation>%1 上按模板应答的 TCP 服务器</translation>
    </message>
    <message>
        <source>Small HTTP server on %1</source>
        <translation>%1 上的小型 HTTP 服务器</translation>
    </message>
    <message>
        <source>TCP server on %1</source>
        <translation>%1 上的 TCP 服务器</translation>
    </message>
    <message>
        <source>TCP client of %1</source>
        <translation>连接 %1 的 TCP 客户端</translation>
    </message>
    <message>
        <source>UDP echo server on %1</source>
        <translation>%1 上的 UDP 回显服务器</translation>
    </message>
    <message>
        <source>UDP server on %1</source>
        <translation>%1 上的 UDP 服务器</translation>
    </message>
    <message>
        <source>UDP client of %1</source>
        <translation>发往 %1 的 UDP 客户端</translation>
    </message>
    <message>
        <source>The log had already dropped its oldest events: what was sent first may be missing.</source>
        <translation>日志已丢弃最早的事件：最先发送的内容可能缺失。</translation>
    </message>
    <message numerus="yes">
        <source>The tab&apos;s %n reply rule(s) are not written in C: copy the Python script to see them as code. This program does not answer.</source>
        <translation>
            <numerusform>本标签页的 %n 条回复规则没有写成 C：请复制 Python 脚本查看其代码。此程序不会回复。</numerusform>
        </translation>
    </message>
    <message>
        <source>a rule closes the connection</source>
        <translation>规则要求关闭连接</translation>
    </message>
    <message>
        <source>a rule closes the connection: the next recv() gives b&apos;&apos;</source>
        <translation>规则要求关闭连接：下一次 recv() 返回 b&apos;&apos;</translation>
    </message>
    <message>
        <source>this peer&apos;s own count of replies</source>
        <translation>此对端自己的回复计数</translation>
    </message>
    <message>
        <source>each sender counts its own replies</source>
        <translation>每个发送方各自计数回复</translation>
    </message>
    <message>
        <source>TCP server on %1 that answers by rules</source>
        <translation>%1 上按规则回复的 TCP 服务器</translation>
    </message>
    <message>
        <source>TCP client of %1 that answers by rules</source>
        <translation>按规则回复的 %1 的 TCP 客户端</translation>
    </message>
    <message>
        <source>UDP server on %1 that answers by rules</source>
        <translation>%1 上按规则回复的 UDP 服务器</translation>
    </message>
    <message>
        <source>No SO_REUSEADDR, as in the tab: bind() fails while old connections of the port sit in TIME_WAIT.</source>
        <translation>与标签页一样不设置 SO_REUSEADDR：端口上的旧连接仍处于 TIME_WAIT 时，bind() 会失败。</translation>
    </message>
    <message>
        <source>Nagle off: each small send goes out at once</source>
        <translation>关闭 Nagle：每次小的发送立即发出</translation>
    </message>
</context>
<context>
    <name>SendHistory</name>
    <message>
        <source>[hex] %1</source>
        <translation>[十六进制] %1</translation>
    </message>
    <message>
        <source>[text] %1</source>
        <translation>[文本] %1</translation>
    </message>
    <message>
        <source>No payloads sent yet</source>
        <translation>尚未发送过任何载荷</translation>
    </message>
    <message>
        <source>Clear History</source>
        <translation>清除历史</translation>
    </message>
</context>
<context>
    <name>SendPanel</name>
    <message>
        <source>Send panel</source>
        <translation>发送面板</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>文本(&amp;T)</translation>
    </message>
    <message>
        <source>Send the text in the chosen encoding; escapes such as \r \n \t \0 \\ \xHH are understood</source>
        <translation>以所选编码发送文本；支持 \r \n \t \0 \\ \xHH 等转义序列</translation>
    </message>
    <message>
        <source>Text mode</source>
        <translation>文本模式</translation>
    </message>
    <message>
        <source>He&amp;x</source>
        <translation>十六进制(&amp;X)</translation>
    </message>
    <message>
        <source>Type the bytes as hex pairs, e.g. 48 65 6c or 0x48,0x65</source>
        <translation>以十六进制字节对输入，例如 48 65 6c 或 0x48,0x65</translation>
    </message>
    <message>
        <source>Hex mode</source>
        <translation>十六进制模式</translation>
    </message>
    <message>
        <source>Enc&amp;oding:</source>
        <translation>编码(&amp;O)：</translation>
    </message>
    <message>
        <source>Encoding that turns the typed text into bytes (not used in hex mode)</source>
        <translation>把输入的文本转换为字节所用的编码（十六进制模式下不使用）</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Line en&amp;ding:</source>
        <translation>行尾(&amp;D)：</translation>
    </message>
    <message>
        <source>Appended to every text payload when it is sent (not in hex mode)</source>
        <translation>发送时附加到每个文本载荷末尾（十六进制模式下不附加）</translation>
    </message>
    <message>
        <source>Line ending appended to the text</source>
        <translation>附加到文本末尾的行尾符</translation>
    </message>
    <message>
        <source>How the input is read in the current mode</source>
        <translation>当前模式下如何解读输入</translation>
    </message>
    <message>
        <source>Input syntax</source>
        <translation>输入语法</translation>
    </message>
    <message>
        <source>Histor&amp;y</source>
        <translation>历史(&amp;Y)</translation>
    </message>
    <message>
        <source>Payloads sent before (the last 30); choosing one puts it back in the editor</source>
        <translation>之前发送过的载荷（最近 30 条）；选中一条即放回编辑器</translation>
    </message>
    <message>
        <source>Send history</source>
        <translation>发送历史</translation>
    </message>
    <message>
        <source>Type what to send, then press Ctrl+Enter</source>
        <translation>输入要发送的内容，然后按 Ctrl+Enter</translation>
    </message>
    <message>
        <source>Payload to send</source>
        <translation>要发送的载荷</translation>
    </message>
    <message>
        <source>A paste this large is kept aside: laying it out in the editor would freeze the window</source>
        <translation>粘贴的内容过大，已另行保存：在编辑器中排版会使窗口卡住</translation>
    </message>
    <message>
        <source>Large input notice</source>
        <translation>大量输入提示</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Drop the large paste and edit normally again</source>
        <translation>丢弃这次大段粘贴，恢复正常编辑</translation>
    </message>
    <message>
        <source>Discard the large paste</source>
        <translation>丢弃大段粘贴</translation>
    </message>
    <message>
        <source>What went wrong with the last input or send</source>
        <translation>上一次输入或发送出了什么问题</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>&amp;Bytes:</source>
        <translation>字节(&amp;B)：</translation>
    </message>
    <message>
        <source>Bytes to send, in hex</source>
        <translation>要发送的字节（十六进制）</translation>
    </message>
    <message>
        <source>How many bytes Send will send</source>
        <translation>“发送”将发出多少字节</translation>
    </message>
    <message>
        <source>Number of bytes to send</source>
        <translation>要发送的字节数</translation>
    </message>
    <message>
        <source>Repea&amp;t</source>
        <translation>重复(&amp;T)</translation>
    </message>
    <message>
        <source>Repeat count</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <source>times every</source>
        <translation>次，每隔</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Pause between two sends in milliseconds (0 = as fast as possible)</source>
        <translation>两次发送之间的间隔，单位毫秒（0 = 尽快发送）</translation>
    </message>
    <message>
        <source>Repeat interval in milliseconds</source>
        <translation>重复间隔（毫秒）</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Send the payload repeatedly; stops by itself at the first failed send</source>
        <translation>重复发送载荷；遇到第一次发送失败时自动停止</translation>
    </message>
    <message>
        <source>Start repeating</source>
        <translation>开始重复发送</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop repeating</source>
        <translation>停止重复发送</translation>
    </message>
    <message>
        <source>Sends done of the repeat</source>
        <translation>重复发送已完成的次数</translation>
    </message>
    <message>
        <source>Repeat progress</source>
        <translation>重复发送进度</translation>
    </message>
    <message>
        <source>Why sending is unavailable</source>
        <translation>为什么现在不能发送</translation>
    </message>
    <message>
        <source>Send &amp;file…</source>
        <translation>发送文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Send the contents of a file as one payload (up to 64 MiB)</source>
        <translation>将文件内容作为一个载荷发送（最大 64 MiB）</translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>Send the payload (Ctrl+Enter)</source>
        <translation>发送载荷（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Sending is not possible now: nothing was sent</source>
        <translation>现在无法发送：未发送任何内容</translation>
    </message>
    <message>
        <source>Cannot send: %1</source>
        <translation>无法发送：%1</translation>
    </message>
    <message>
        <source>There is nowhere to send to: nothing was sent</source>
        <translation>没有发送目标：未发送任何内容</translation>
    </message>
    <message>
        <source>Sent %1.</source>
        <translation>已发送 %1。</translation>
    </message>
    <message>
        <source>Send File</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <source>“%1” does not exist: nothing was sent</source>
        <translation>“%1”不存在：未发送任何内容</translation>
    </message>
    <message>
        <source>“%1” is not a regular file: nothing was sent</source>
        <translation>“%1”不是普通文件：未发送任何内容</translation>
    </message>
    <message>
        <source>“%1” is %2; files up to %3 can be sent: nothing was sent</source>
        <translation>“%1”大小为 %2；只能发送不超过 %3 的文件：未发送任何内容</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2. Nothing was sent.</source>
        <translation>无法读取“%1”：%2。未发送任何内容。</translation>
    </message>
    <message>
        <source>“%1” is larger than %2: nothing was sent</source>
        <translation>“%1”大于 %2：未发送任何内容</translation>
    </message>
    <message>
        <source>“%1” is empty: nothing was sent</source>
        <translation>“%1”为空：未发送任何内容</translation>
    </message>
    <message>
        <source>Sent “%1”: %2.</source>
        <translation>已发送“%1”：%2。</translation>
    </message>
    <message>
        <source>%L1/%L2</source>
        <translation>%L1/%L2</translation>
    </message>
    <message>
        <source>Repeat done: sent %L1 times, %2 in all.</source>
        <translation>重复发送完成：共发送 %L1 次，总计 %2。</translation>
    </message>
    <message>
        <source>%L1/∞</source>
        <translation>%L1/∞</translation>
    </message>
    <message>
        <source>∞</source>
        <translation>∞</translation>
    </message>
    <message>
        <source>How many times to send the payload (1 to 1,000,000), or 0 (∞): until stopped</source>
        <translation>发送该内容的次数（1 到 1,000,000），0（∞）表示直到停止</translation>
    </message>
    <message>
        <source>Con&amp;vert</source>
        <translation>转换(&amp;V)</translation>
    </message>
    <message>
        <source>Write the input in the other mode with the same bytes</source>
        <translation>以另一种模式写出输入，字节不变</translation>
    </message>
    <message>
        <source>Convert between text and hex</source>
        <translation>在文本和十六进制之间转换</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Insert a dynamic field</source>
        <translation>插入动态字段</translation>
    </message>
    <message>
        <source>&amp;Clear after send</source>
        <translation>发送后清空(&amp;C)</translation>
    </message>
    <message>
        <source>Empty the editor after Send or Ctrl+Enter sent it (a repeat keeps it); the history still has it</source>
        <translation>“发送”或 Ctrl+Enter 发出后清空编辑框（重复发送时保留）；历史中仍有该内容</translation>
    </message>
    <message>
        <source>Clear the editor after sending</source>
        <translation>发送后清空编辑框</translation>
    </message>
    <message>
        <source>The exact bytes the next Send will send, in hex (fields filled in, the line ending included; long input shows its beginning)</source>
        <translation>下一次“发送”将发出的确切字节，以十六进制显示（字段已填入，包括行尾；输入较长时只显示开头）</translation>
    </message>
    <message numerus="yes">
        <source>%Ln send time(s) went by while the program was busy: skipped, not sent in a burst, so it ended that much later.</source>
        <translation>
            <numerusform>程序忙碌期间错过了 %Ln 个发送时间点：已跳过，没有集中补发，因此重复结束得相应晚一些。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SequenceCommand</name>
    <message>
        <source>there is no session to run the sequence on</source>
        <translation>没有可运行该序列的会话</translation>
    </message>
    <message>
        <source>the server is not listening; nothing was sent</source>
        <translation>服务器未在监听；未发送任何内容</translation>
    </message>
    <message>
        <source>%1; nothing was sent</source>
        <translation>%1；未发送任何内容</translation>
    </message>
</context>
<context>
    <name>SequenceDiagram</name>
    <message>
        <source>Sequence diagram</source>
        <translation>时序图</translation>
    </message>
    <message>
        <source>The local socket and each peer as lanes; every event of the session as an arrow or a mark, oldest at the top</source>
        <translation>本地套接字和每个对端各占一条泳道；会话的每个事件画成一个箭头或标记，最早的在最上面</translation>
    </message>
    <message>
        <source>local socket</source>
        <translation>本地套接字</translation>
    </message>
    <message>
        <source>server (this tab)</source>
        <translation>服务器（本标签页）</translation>
    </message>
    <message>
        <source>client (this tab)</source>
        <translation>客户端（本标签页）</translation>
    </message>
    <message>
        <source>UDP socket (this tab)</source>
        <translation>UDP 套接字（本标签页）</translation>
    </message>
    <message>
        <source>peer %1</source>
        <translation>对端 %1</translation>
    </message>
    <message>
        <source>other peers</source>
        <translation>其他对端</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>还有 %1 个</translation>
    </message>
    <message>
        <source>connect()</source>
        <translation>connect()</translation>
    </message>
    <message>
        <source>SYN → accept()</source>
        <translation>SYN → accept()</translation>
    </message>
    <message>
        <source>%1 bytes  %2</source>
        <translation>%1 字节  %2</translation>
    </message>
    <message>
        <source>frame: %1 bytes  %2</source>
        <translation>帧：%1 字节  %2</translation>
    </message>
    <message>
        <source>FIN, recv()==b&apos;&apos;</source>
        <translation>FIN, recv()==b&apos;&apos;</translation>
    </message>
    <message>
        <source>RST</source>
        <translation>RST</translation>
    </message>
    <message>
        <source>close() (server stopped)</source>
        <translation>close()（服务器已停止）</translation>
    </message>
    <message>
        <source>close()</source>
        <translation>close()</translation>
    </message>
    <message>
        <source>RST (abort)</source>
        <translation>RST（中止）</translation>
    </message>
    <message>
        <source>shutdown(SHUT_WR): FIN</source>
        <translation>shutdown(SHUT_WR): FIN</translation>
    </message>
    <message>
        <source>closed after an error</source>
        <translation>因错误关闭</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>No events yet: connections, data and closes appear here as arrows.</source>
        <translation>还没有事件：连接、数据和关闭会以箭头的形式显示在这里。</translation>
    </message>
    <message>
        <source>No session</source>
        <translation>没有会话</translation>
    </message>
    <message>
        <source>#%1  %2  %3</source>
        <translation>#%1  %2  %3</translation>
    </message>
    <message>
        <source>local %1  peer %2</source>
        <translation>本地 %1  对端 %2</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>FIN, recv()==b&apos;&apos; (peer finished sending)</source>
        <translation>FIN，recv()==b&apos;&apos;（对端已结束发送）</translation>
    </message>
</context>
<context>
    <name>SequencePanel</name>
    <message>
        <source>Sequences</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>&amp;Sequence:</source>
        <translation>序列(&amp;S)：</translation>
    </message>
    <message>
        <source>A sequence of the payload library, to run or edit here</source>
        <translation>载荷库中的序列，可在此运行或编辑</translation>
    </message>
    <message>
        <source>Library sequence</source>
        <translation>库中的序列</translation>
    </message>
    <message>
        <source>Sa&amp;ve to library</source>
        <translation>保存到库(&amp;V)</translation>
    </message>
    <message>
        <source>Store these steps in the library under the name below (replacing a sequence of that name)</source>
        <translation>以下方的名称把这些步骤存入库中（替换同名序列）</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Sequence name</source>
        <translation>序列名称</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <source>Encoding of send-text steps and of text a reply must contain</source>
        <translation>send-text 步骤以及回复须包含的文本所用的编码</translation>
    </message>
    <message>
        <source>Sequence encoding</source>
        <translation>序列编码</translation>
    </message>
    <message>
        <source>Steps, one a line</source>
        <translation>步骤，每行一个</translation>
    </message>
    <message>
        <source>Problems in the steps</source>
        <translation>步骤中的问题</translation>
    </message>
    <message>
        <source>How often the sequence runs</source>
        <translation>序列运行的次数</translation>
    </message>
    <message>
        <source>Number of runs</source>
        <translation>运行次数</translation>
    </message>
    <message>
        <source>The server sends to every client, or to the one chosen (only its replies count)</source>
        <translation>服务器发送给每个客户端，或只发给所选的那个（只计它的回复）</translation>
    </message>
    <message>
        <source>Client the sequence talks to</source>
        <translation>序列与之通信的客户端</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>What each step did</source>
        <translation>每个步骤的结果</translation>
    </message>
    <message>
        <source>Once</source>
        <translation>一次</translation>
    </message>
    <message>
        <source>Times:</source>
        <translation>次数：</translation>
    </message>
    <message>
        <source>Until stopped</source>
        <translation>直到停止</translation>
    </message>
    <message>
        <source>One step a line, for example:
send-text PING\r\n
reply within 500 ms contains PONG
wait 100 ms
loop to 1, 3 times</source>
        <translation>每行一个步骤，例如：
send-text PING

reply within 500 ms contains PONG
wait 100 ms
loop to 1, 3 times</translation>
    </message>
    <message>
        <source>Steps: send NAME (a library payload), send-text TEXT, send-hex HEX, wait MS ms, reply within MS ms contains TEXT (or hex HEX, or regex RE), loop to STEP, loop to STEP, N times</source>
        <translation>步骤：send NAME（库中的载荷）、send-text TEXT、send-hex HEX、wait MS ms、reply within MS ms contains TEXT（或 hex HEX、regex RE）、loop to STEP、loop to STEP, N times</translation>
    </message>
    <message>
        <source>New sequence</source>
        <translation>新序列</translation>
    </message>
    <message>
        <source>Run %1, step %2 of %3</source>
        <translation>第 %1 轮，第 %2/%3 步</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>所有客户端</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>Store these steps in the library under this name (replacing a sequence of that name)</source>
        <translation>以此名称把这些步骤存入库中（替换同名序列）</translation>
    </message>
    <message>
        <source>No payload library is open</source>
        <translation>没有打开的载荷库</translation>
    </message>
    <message>
        <source>Starting “%1”</source>
        <translation>正在启动“%1”</translation>
    </message>
    <message>
        <source>Saved “%1” in the library</source>
        <translation>已将“%1”保存到库中</translation>
    </message>
    <message>
        <source>Save sequence “%1”</source>
        <translation>保存序列“%1”</translation>
    </message>
</context>
<context>
    <name>SequenceRunner</name>
    <message>
        <source>run %1 step %2/%3 %4: %5</source>
        <translation>第 %1 轮 第 %2/%3 步 %4：%5</translation>
    </message>
    <message>
        <source>The session was closed</source>
        <translation>会话已关闭</translation>
    </message>
    <message>
        <source>send: there is no payload “%1” in the library</source>
        <translation>send：库中没有载荷“%1”</translation>
    </message>
    <message>
        <source>send: the payload “%1” cannot be sent: %2</source>
        <translation>send：载荷“%1”无法发送：%2</translation>
    </message>
    <message>
        <source>A sequence is running already: stop it first</source>
        <translation>已有序列正在运行：请先停止它</translation>
    </message>
    <message>
        <source>There is no session to run the sequence on</source>
        <translation>没有可运行该序列的会话</translation>
    </message>
    <message>
        <source>Not connected: connect first, then run the sequence</source>
        <translation>未连接：请先连接，再运行序列</translation>
    </message>
    <message>
        <source>The server is not listening: start it first, then run the sequence</source>
        <translation>服务器未在监听：请先启动它，再运行序列</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>waited</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>nothing received</source>
        <translation>没有收到任何内容</translation>
    </message>
    <message>
        <source>received %1 bytes that do not match</source>
        <translation>收到 %1 字节，但不匹配</translation>
    </message>
    <message>
        <source>timed out after %1 ms (%2)</source>
        <translation>%1 毫秒后超时（%2）</translation>
    </message>
    <message>
        <source>Step %1: “%2” was not sent: %3</source>
        <translation>第 %1 步：“%2”未发送：%3</translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <source>Step %1: not sent: %2</source>
        <translation>第 %1 步：未发送：%2</translation>
    </message>
    <message>
        <source>sent %1 bytes</source>
        <translation>已发送 %1 字节</translation>
    </message>
    <message>
        <source>back to step %1</source>
        <translation>回到第 %1 步</translation>
    </message>
    <message>
        <source>back to step %1 (pass %2 of %3)</source>
        <translation>回到第 %1 步（第 %2/%3 遍）</translation>
    </message>
    <message>
        <source>done, %1 passes</source>
        <translation>完成，共 %1 遍</translation>
    </message>
    <message>
        <source>Connection #%1 closed: %2</source>
        <translation>连接 #%1 已关闭：%2</translation>
    </message>
    <message>
        <source>matched after %1 ms (%2 bytes)</source>
        <translation>%1 毫秒后匹配（%2 字节）</translation>
    </message>
    <message>
        <source>the session stopped</source>
        <translation>会话已停止</translation>
    </message>
    <message>
        <source>The session stopped: %1</source>
        <translation>会话已停止：%1</translation>
    </message>
    <message>
        <source>run %1: steps done %2, replies matched %3, timeouts %4</source>
        <translation>第 %1 轮：完成步骤 %2，匹配回复 %3，超时 %4</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>failed: a reply timed out</source>
        <translation>失败：等待回复超时</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>sequence “%1” %2; runs %3, steps done %4, replies matched %5, timeouts %6</source>
        <translation>序列“%1”%2；运行 %3 轮，完成步骤 %4，匹配回复 %5，超时 %6</translation>
    </message>
</context>
<context>
    <name>SequenceStep</name>
    <message>
        <source>“send” needs the name of a payload: send NAME</source>
        <translation>“send”需要载荷名称：send NAME</translation>
    </message>
    <message>
        <source>“%1” needs what to send after it</source>
        <translation>“%1”后面需要写要发送的内容</translation>
    </message>
    <message>
        <source>Write “wait MS ms” with MS from 0 to %1</source>
        <translation>请写“wait MS ms”，MS 为 0 到 %1</translation>
    </message>
    <message>
        <source>Write “reply within MS ms contains TEXT” (or hex HEX, or regex RE), MS from 1 to %1</source>
        <translation>请写“reply within MS ms contains TEXT”（或 hex HEX、regex RE），MS 为 1 到 %1</translation>
    </message>
    <message>
        <source>“reply … %1” needs a pattern after it</source>
        <translation>“reply … %1”后面需要匹配内容</translation>
    </message>
    <message>
        <source>Write “loop to STEP” or “loop to STEP, N times” (N from 1 to %1)</source>
        <translation>请写“loop to STEP”或“loop to STEP, N times”（N 为 1 到 %1）</translation>
    </message>
    <message>
        <source>Unknown step “%1”: a step is send, send-text, send-hex, wait, reply or loop</source>
        <translation>未知步骤“%1”：步骤只能是 send、send-text、send-hex、wait、reply 或 loop</translation>
    </message>
    <message>
        <source>send: %1</source>
        <translation>send：%1</translation>
    </message>
    <message>
        <source>Nothing to send</source>
        <translation>没有要发送的内容</translation>
    </message>
    <message>
        <source>A wait lasts 0 to %1 ms</source>
        <translation>等待时长为 0 到 %1 毫秒</translation>
    </message>
    <message>
        <source>A reply is awaited 1 to %1 ms</source>
        <translation>等待回复的时长为 1 到 %1 毫秒</translation>
    </message>
    <message>
        <source>The reply pattern is empty</source>
        <translation>回复匹配内容为空</translation>
    </message>
    <message>
        <source>Bad regular expression: %1 at column %2</source>
        <translation>正则表达式有误：%1（第 %2 列）</translation>
    </message>
    <message>
        <source>A loop goes back to step 1 or later</source>
        <translation>循环只能回到第 1 步或之后的步骤</translation>
    </message>
    <message>
        <source>A loop runs 1 to %1 times, or until stopped</source>
        <translation>循环运行 1 到 %1 次，或直到停止</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Nothing to send: the payload is empty</source>
        <translation>没有可发送的内容：载荷为空</translation>
    </message>
    <message>
        <source>Framing (%1): %2</source>
        <translation>分帧（%1）：%2</translation>
    </message>
    <message>
        <source>Not sent: cannot frame it as %1: %2</source>
        <translation>未发送：无法按 %1 分帧：%2</translation>
    </message>
    <message>
        <source>Not sent: %1 cannot be appended: %2</source>
        <translation>未发送：无法附加 %1：%2</translation>
    </message>
    <message>
        <source>checksum %1: %2</source>
        <translation>校验 %1：%2</translation>
    </message>
    <message>
        <source>checksum %1 passed: %2</source>
        <translation>校验 %1 通过：%2</translation>
    </message>
    <message>
        <source>checksum %1: expected %2, found %3</source>
        <translation>校验 %1：应为 %2，实际为 %3</translation>
    </message>
    <message>
        <source>Auto-reply: %1</source>
        <translation>自动回复：%1</translation>
    </message>
    <message>
        <source>Reply rule %1: %2</source>
        <translation>回复规则 %1：%2</translation>
    </message>
    <message>
        <source>Reply rules: %1 delayed replies are waiting already; later ones are dropped</source>
        <translation>回复规则：已有 %1 条延迟回复在等待，之后的将被丢弃</translation>
    </message>
</context>
<context>
    <name>SessionPage</name>
    <message>
        <source>Views of this session</source>
        <translation>此会话的视图</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>流量</translation>
    </message>
    <message>
        <source>Socket lifecycle</source>
        <translation>套接字生命周期</translation>
    </message>
    <message>
        <source>The socket calls behind this session, step by step, as Python or C</source>
        <translation>此会话背后的套接字调用，以 Python 或 C 逐步展示</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>时序</translation>
    </message>
    <message>
        <source>Every connect, message and close as arrows between the sockets; click one to find it in the traffic</source>
        <translation>每次连接、消息和关闭都画成套接字之间的箭头；点击箭头可在流量视图中找到它</translation>
    </message>
    <message>
        <source>Byte stream</source>
        <translation>字节流</translation>
    </message>
    <message>
        <source>One connection&apos;s bytes as one stream, with where each recv() ended: TCP keeps no message boundaries</source>
        <translation>一个连接的字节作为一条字节流显示，并标出每次 recv() 结束的位置：TCP 不保留消息边界</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Bytes and messages per second over the last minute, totals, connections, and what the log&apos;s memory budget dropped</source>
        <translation>最近一分钟内每秒的字节数和消息数、总计、连接数，以及日志内存预算丢弃的内容</translation>
    </message>
    <message>
        <source>the chosen port</source>
        <translation>所选端口</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>端口 %1</translation>
    </message>
    <message>
        <source>⚠ Listening on all interfaces: %1 is reachable from the network, not only from this computer.</source>
        <translation>⚠ 正在所有网络接口上监听：%1 可以从网络访问，而不仅是本机。</translation>
    </message>
    <message>
        <source>⚠ %1 is a network address: %2 is reachable from other machines on that network.</source>
        <translation>⚠ %1 是网络地址：该网络上的其他机器可以访问 %2。</translation>
    </message>
    <message>
        <source>Framing: %1. Nothing was sent.</source>
        <translation>分帧：%1。未发送任何内容。</translation>
    </message>
    <message>
        <source>The template is empty: nothing is answered</source>
        <translation>模板为空：不作任何回复</translation>
    </message>
    <message>
        <source>Side panel</source>
        <translation>侧栏</translation>
    </message>
    <message>
        <source>Show or hide the panel beside the views; dragging its edge to the side hides it too</source>
        <translation>显示或隐藏视图旁边的面板；把它的边缘拖到一侧也会隐藏它</translation>
    </message>
    <message>
        <source>Show the side panel</source>
        <translation>显示侧栏</translation>
    </message>
    <message>
        <source>framed as %1</source>
        <translation>已按 %1 分帧</translation>
    </message>
    <message>
        <source>+ %1 (%2)</source>
        <translation>+ %1（%2）</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Checksum: %1</source>
        <translation>校验：%1</translation>
    </message>
    <message>
        <source>No checksum is appended or verified</source>
        <translation>不附加也不校验任何校验值</translation>
    </message>
    <message>
        <source>Received frames are verified</source>
        <translation>会校验收到的帧</translation>
    </message>
    <message>
        <source>The greeting is sent as typed, without a checksum</source>
        <translation>欢迎语按原样发送，不附加校验</translation>
    </message>
    <message>
        <source>Command sequences</source>
        <translation>命令序列</translation>
    </message>
    <message>
        <source>Run a sequence of the payload library on this session: sends, waits for replies, loops; edit its steps and save them</source>
        <translation>在此会话上运行载荷库中的序列：发送、等待回复、循环；可编辑其步骤并保存</translation>
    </message>
    <message>
        <source>Reply rules</source>
        <translation>回复规则</translation>
    </message>
    <message>
        <source>Match each received message against ordered rules and answer it: what the device or service under test would say</source>
        <translation>用有序的规则匹配每条收到的消息并回复：像被测设备或服务那样回答</translation>
    </message>
    <message>
        <source>TCP states</source>
        <translation>TCP 状态</translation>
    </message>
    <message>
        <source>The RFC 793 state diagram lit by the kernel&apos;s report of the selected connection (or the listener), with its queues and the path it took</source>
        <translation>按内核对所选连接（或监听套接字）的报告点亮的 RFC 793 状态图，附带其队列和所走过的路径</translation>
    </message>
</context>
<context>
    <name>SessionTabWidget</name>
    <message>
        <source>All tabs</source>
        <translation>所有标签页</translation>
    </message>
    <message>
        <source>Tab name</source>
        <translation>标签页名称</translation>
    </message>
    <message>
        <source>Enter keeps the name, Escape leaves it as it was; an empty name gives the automatic title back</source>
        <translation>按 Enter 保存名称，按 Esc 保持原样；名称留空则恢复自动标题</translation>
    </message>
</context>
<context>
    <name>SocketNarrator</name>
    <message>
        <source> (again, #%1)</source>
        <translation>（第 %1 次）</translation>
    </message>
    <message>
        <source>listening socket%1</source>
        <translation>监听套接字%1</translation>
    </message>
    <message>
        <source>listening socket on %1%2</source>
        <translation>%1 上的监听套接字%2</translation>
    </message>
    <message>
        <source>refused client from %1</source>
        <translation>被拒绝的客户端（来自 %1）</translation>
    </message>
    <message>
        <source>conn #%1 from %2</source>
        <translation>连接 #%1，来自 %2</translation>
    </message>
    <message>
        <source>client socket%1</source>
        <translation>客户端套接字%1</translation>
    </message>
    <message>
        <source>client socket to %1%2</source>
        <translation>连到 %1 的客户端套接字%2</translation>
    </message>
    <message>
        <source>UDP socket%1</source>
        <translation>UDP 套接字%1</translation>
    </message>
    <message>
        <source>UDP socket on %1%2</source>
        <translation>%1 上的 UDP 套接字%2</translation>
    </message>
    <message>
        <source>a restart can bind while old connections sit in TIME_WAIT</source>
        <translation>旧连接仍处于 TIME_WAIT 时，重启也能 bind</translation>
    </message>
    <message>
        <source>blocks until a client connects; returns a new socket</source>
        <translation>阻塞直到有客户端连接；返回一个新套接字</translation>
    </message>
    <message>
        <source>optional for a client</source>
        <translation>客户端可选</translation>
    </message>
    <message>
        <source>loopback: only this computer can connect</source>
        <translation>环回地址：只有本机可以连接</translation>
    </message>
    <message>
        <source>all interfaces: reachable from the network</source>
        <translation>所有网络接口：可以从网络访问</translation>
    </message>
    <message>
        <source>backlog: connections the kernel queues for accept()</source>
        <translation>backlog（积压队列）：内核为 accept() 排队的连接数</translation>
    </message>
    <message>
        <source>no listen(), no accept(): datagrams just arrive</source>
        <translation>没有 listen()，也没有 accept()：数据报直接到达</translation>
    </message>
    <message>
        <source>accepted %1 so far</source>
        <translation>目前已接受 %1 个</translation>
    </message>
    <message>
        <source>from %1 — no bind() needed, the OS chose the port</source>
        <translation>来自 %1——无需 bind()，端口由操作系统选择</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>%1 is %2; </source>
        <translation>%1 即 %2；</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1，来自 %2</translation>
    </message>
    <message>
        <source>n = %1 from %2: %3</source>
        <translation>n = %1，来自 %2：%3</translation>
    </message>
    <message>
        <source>peer closed</source>
        <translation>对端已关闭</translation>
    </message>
    <message>
        <source>returns 0: peer closed</source>
        <translation>返回 0：对端已关闭</translation>
    </message>
    <message>
        <source>raises %1</source>
        <translation>抛出 %1</translation>
    </message>
    <message>
        <source>the server stopped</source>
        <translation>服务器已停止</translation>
    </message>
    <message>
        <source>RST sent: the peer sees ConnectionResetError</source>
        <translation>已发送 RST：对端会看到 ConnectionResetError</translation>
    </message>
    <message>
        <source>FIN sent; still reading</source>
        <translation>已发送 FIN；仍在读取</translation>
    </message>
    <message>
        <source>closed at once: the client limit is reached</source>
        <translation>立即关闭：已达到客户端上限</translation>
    </message>
    <message>
        <source> (ICMP from %1)</source>
        <translation>（来自 %1 的 ICMP）</translation>
    </message>
    <message>
        <source>cancelled before it completed</source>
        <translation>在完成前被取消</translation>
    </message>
    <message>
        <source>stops new clients; open connections are closed one by one</source>
        <translation>不再接受新客户端；已打开的连接逐个关闭</translation>
    </message>
    <message>
        <source>each message after its %1-byte length</source>
        <translation>每条消息前带 %1 字节长度</translation>
    </message>
    <message>
        <source>peer finished sending (FIN); we can still send</source>
        <translation>对端已结束发送（FIN）；我方仍可发送</translation>
    </message>
    <message>
        <source>returns 0: peer finished sending (FIN); we can still send</source>
        <translation>返回 0：对端已结束发送（FIN）；我方仍可发送</translation>
    </message>
    <message>
        <source>rule %1 fired</source>
        <translation>规则 %1 已触发</translation>
    </message>
    <message>
        <source>rule %1 fired: %2</source>
        <translation>规则 %1 已触发：%2</translation>
    </message>
    <message>
        <source>Nagle off: each small send goes out at once</source>
        <translation>关闭 Nagle：每次小的发送立即发出</translation>
    </message>
    <message>
        <source>Nagle on again: small sends wait and leave together</source>
        <translation>重新打开 Nagle：小的发送会等待并合并后一起发出</translation>
    </message>
</context>
<context>
    <name>SocketProbe</name>
    <message>
        <source>ICMP port unreachable</source>
        <translation>ICMP 端口不可达</translation>
    </message>
    <message>
        <source>ICMP host unreachable</source>
        <translation>ICMP 主机不可达</translation>
    </message>
    <message>
        <source>ICMP network unreachable</source>
        <translation>ICMP 网络不可达</translation>
    </message>
    <message>
        <source>ICMP fragmentation needed, MTU %1</source>
        <translation>ICMP 需要分片，MTU %1</translation>
    </message>
    <message>
        <source>ICMP destination unreachable, code %1</source>
        <translation>ICMP 目标不可达，代码 %1</translation>
    </message>
    <message>
        <source>ICMPv6 port unreachable</source>
        <translation>ICMPv6 端口不可达</translation>
    </message>
    <message>
        <source>ICMPv6 type %1 code %2</source>
        <translation>ICMPv6 类型 %1，代码 %2</translation>
    </message>
    <message>
        <source>local error</source>
        <translation>本地错误</translation>
    </message>
    <message>
        <source>ICMP type %1 code %2</source>
        <translation>ICMP 类型 %1，代码 %2</translation>
    </message>
</context>
<context>
    <name>StatsPanel</name>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Bytes per second received and sent, over the last minute</source>
        <translation>最近一分钟内每秒接收和发送的字节数</translation>
    </message>
    <message>
        <source>Bytes per second chart</source>
        <translation>每秒字节数图表</translation>
    </message>
    <message>
        <source>Messages per second received and sent, over the last minute</source>
        <translation>最近一分钟内每秒接收和发送的消息数</translation>
    </message>
    <message>
        <source>Messages per second chart</source>
        <translation>每秒消息数图表</translation>
    </message>
    <message>
        <source>In</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Received by this session</source>
        <translation>本会话接收的</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Sent by this session</source>
        <translation>本会话发送的</translation>
    </message>
    <message>
        <source>Bytes/s:</source>
        <translation>字节/秒：</translation>
    </message>
    <message>
        <source>Bytes per second in the last sample</source>
        <translation>最近一次采样的每秒字节数</translation>
    </message>
    <message>
        <source>Bytes received per second, over the last sample</source>
        <translation>最近一次采样中每秒接收的字节数</translation>
    </message>
    <message>
        <source>Bytes per second received</source>
        <translation>每秒接收字节数</translation>
    </message>
    <message>
        <source>Bytes sent per second, over the last sample</source>
        <translation>最近一次采样中每秒发送的字节数</translation>
    </message>
    <message>
        <source>Bytes per second sent</source>
        <translation>每秒发送字节数</translation>
    </message>
    <message>
        <source>Messages/s:</source>
        <translation>消息/秒：</translation>
    </message>
    <message>
        <source>Reads (or datagrams) and sends per second in the last sample</source>
        <translation>最近一次采样中每秒的读取（或数据报）次数和发送次数</translation>
    </message>
    <message>
        <source>Reads (TCP) or datagrams (UDP) received per second</source>
        <translation>每秒接收的读取次数（TCP）或数据报数（UDP）</translation>
    </message>
    <message>
        <source>Messages per second received</source>
        <translation>每秒接收消息数</translation>
    </message>
    <message>
        <source>Sends per second</source>
        <translation>每秒发送次数</translation>
    </message>
    <message>
        <source>Messages per second sent</source>
        <translation>每秒发送消息数</translation>
    </message>
    <message>
        <source>Peak bytes/s:</source>
        <translation>峰值字节/秒：</translation>
    </message>
    <message>
        <source>The highest bytes per second of any sample since the tab opened</source>
        <translation>自标签页打开以来，所有采样中最高的每秒字节数</translation>
    </message>
    <message>
        <source>The highest bytes received per second of any sample</source>
        <translation>所有采样中最高的每秒接收字节数</translation>
    </message>
    <message>
        <source>Peak bytes per second received</source>
        <translation>每秒接收字节数峰值</translation>
    </message>
    <message>
        <source>The highest bytes sent per second of any sample</source>
        <translation>所有采样中最高的每秒发送字节数</translation>
    </message>
    <message>
        <source>Peak bytes per second sent</source>
        <translation>每秒发送字节数峰值</translation>
    </message>
    <message>
        <source>Peak messages/s:</source>
        <translation>峰值消息/秒：</translation>
    </message>
    <message>
        <source>The highest messages per second of any sample since the tab opened</source>
        <translation>自标签页打开以来，所有采样中最高的每秒消息数</translation>
    </message>
    <message>
        <source>The highest messages received per second of any sample</source>
        <translation>所有采样中最高的每秒接收消息数</translation>
    </message>
    <message>
        <source>Peak messages per second received</source>
        <translation>每秒接收消息数峰值</translation>
    </message>
    <message>
        <source>The highest messages sent per second of any sample</source>
        <translation>所有采样中最高的每秒发送消息数</translation>
    </message>
    <message>
        <source>Peak messages per second sent</source>
        <translation>每秒发送消息数峰值</translation>
    </message>
    <message>
        <source>Total bytes:</source>
        <translation>总字节数：</translation>
    </message>
    <message>
        <source>Payload bytes since the session was created, including what the log dropped</source>
        <translation>自会话创建以来的载荷字节数，包括日志已丢弃的部分</translation>
    </message>
    <message>
        <source>Payload bytes received since the session was created</source>
        <translation>自会话创建以来接收的载荷字节数</translation>
    </message>
    <message>
        <source>Total bytes received</source>
        <translation>接收总字节数</translation>
    </message>
    <message>
        <source>Payload bytes sent since the session was created</source>
        <translation>自会话创建以来发送的载荷字节数</translation>
    </message>
    <message>
        <source>Total bytes sent</source>
        <translation>发送总字节数</translation>
    </message>
    <message>
        <source>Total messages:</source>
        <translation>总消息数：</translation>
    </message>
    <message>
        <source>Messages since the session was created, including what the log dropped</source>
        <translation>自会话创建以来的消息数，包括日志已丢弃的部分</translation>
    </message>
    <message>
        <source>Reads (TCP) or datagrams (UDP) received since the session was created</source>
        <translation>自会话创建以来接收的读取次数（TCP）或数据报数（UDP）</translation>
    </message>
    <message>
        <source>Total messages received</source>
        <translation>接收总消息数</translation>
    </message>
    <message>
        <source>Sends since the session was created</source>
        <translation>自会话创建以来的发送次数</translation>
    </message>
    <message>
        <source>Total messages sent</source>
        <translation>发送总消息数</translation>
    </message>
    <message>
        <source>Connections:</source>
        <translation>连接：</translation>
    </message>
    <message>
        <source>Connections open now, and how many there were in all</source>
        <translation>当前打开的连接数，以及总共有过多少个</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Errors:</source>
        <translation>错误：</translation>
    </message>
    <message>
        <source>Error events since the session was created</source>
        <translation>自会话创建以来的错误事件数</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Dropped:</source>
        <translation>已丢弃：</translation>
    </message>
    <message>
        <source>Events the log let go of, oldest first, to stay within its memory budget; the totals above still count them</source>
        <translation>日志为了不超出内存预算而释放的事件（从最早的开始）；上面的总计仍包含它们</translation>
    </message>
    <message>
        <source>Events the log let go of, oldest first, to stay within its memory budget (and their payload bytes); the totals above still count them</source>
        <translation>日志为了不超出内存预算而释放的事件（从最早的开始）及其载荷字节数；上面的总计仍包含它们</translation>
    </message>
    <message>
        <source>Dropped by the log budget</source>
        <translation>被日志预算丢弃</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>GiB/s</source>
        <translation>GiB/s</translation>
    </message>
    <message>
        <source>MiB/s</source>
        <translation>MiB/s</translation>
    </message>
    <message>
        <source>KiB/s</source>
        <translation>KiB/s</translation>
    </message>
    <message>
        <source>B/s</source>
        <translation>B/s</translation>
    </message>
    <message>
        <source>msg/s</source>
        <translation>条/秒</translation>
    </message>
    <message>
        <source>%.0f s</source>
        <comment>chart axis: seconds before now; keep %.0f</comment>
        <translation>%.0f 秒</translation>
    </message>
    <message>
        <source>Peers:</source>
        <translation>对端：</translation>
    </message>
    <message>
        <source>%1 seen</source>
        <translation>出现过 %1 个</translation>
    </message>
    <message>
        <source>%1 open, %2 in all</source>
        <translation>当前 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>%1 events, %2</source>
        <translation>%1 个事件，%2</translation>
    </message>
    <message>
        <source>&amp;Reset counters</source>
        <translation>计数清零(&amp;R)</translation>
    </message>
    <message>
        <source>Set the bytes and messages received and sent back to zero, here and for every connection in the peer table; {counter} starts again at its first value</source>
        <translation>把收发的字节数和消息数清零，包括这里和对端表中的每个连接；{counter} 也从初始值重新开始</translation>
    </message>
    <message>
        <source>Reset the counters</source>
        <translation>计数清零</translation>
    </message>
</context>
<context>
    <name>StreamSegments</name>
    <message>
        <source>Showing the first %1 of %2; the boundaries are counted over the whole stream</source>
        <translation>只显示 %2 中的前 %1；边界按整条字节流统计</translation>
    </message>
    <message>
        <source>1 read</source>
        <translation>1 次读取</translation>
    </message>
    <message>
        <source>%1 reads</source>
        <translation>%1 次读取</translation>
    </message>
    <message>
        <source>1 byte arrived as %1</source>
        <translation>1 字节作为 %1 到达</translation>
    </message>
    <message>
        <source>%1 bytes arrived as %2</source>
        <translation>%1 字节作为 %2 到达</translation>
    </message>
    <message>
        <source>1 send arrived as %1</source>
        <translation>1 次发送作为 %1 到达</translation>
    </message>
    <message>
        <source>%1 sends arrived as %2</source>
        <translation>%1 次发送作为 %2 到达</translation>
    </message>
</context>
<context>
    <name>StreamView</name>
    <message>
        <source>Byte stream</source>
        <translation>字节流</translation>
    </message>
    <message>
        <source>byte %1 (0x%2)</source>
        <translation>第 %1 字节（0x%2）</translation>
    </message>
    <message>
        <source>read %1: bytes %2–%3 (%4 bytes)</source>
        <translation>第 %1 次读取：字节 %2–%3（%4 字节）</translation>
    </message>
    <message>
        <source>send %1: bytes %2–%3 (%4 bytes)</source>
        <translation>第 %1 次发送：字节 %2–%3（%4 字节）</translation>
    </message>
    <message>
        <source>%1 %2: %3 bytes</source>
        <translation>第 %2 次%1：%3 字节</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>No bytes in this direction yet.</source>
        <translation>这个方向还没有字节。</translation>
    </message>
    <message>
        <source>send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Which direction of the connection to show</source>
        <translation>显示连接的哪个方向</translation>
    </message>
    <message>
        <source>recv(</source>
        <translation>recv(</translation>
    </message>
    <message>
        <source>)</source>
        <translation>)</translation>
    </message>
    <message>
        <source>The buffer size a program passes to recv(): each call returns at most this many bytes, and at most what is there</source>
        <translation>程序传给 recv() 的缓冲区大小：每次调用最多返回这么多字节，且不超过已到达的量</translation>
    </message>
    <message>
        <source>reader is busy: data waits for recv()</source>
        <translation>读取方繁忙：数据等待 recv()</translation>
    </message>
    <message>
        <source>reader waits in recv()</source>
        <translation>读取方在 recv() 中等待</translation>
    </message>
    <message>
        <source>reads as this tab did them</source>
        <translation>按本标签页实际的读取</translation>
    </message>
    <message>
        <source>When the simulated program calls recv(): after the bytes have piled up (three quick sends become one read), or already waiting as each piece arrives</source>
        <translation>模拟程序何时调用 recv()：在字节堆积之后（三次快速发送变成一次读取），或在每段数据到达时已在等待</translation>
    </message>
    <message>
        <source>16 bytes a line</source>
        <translation>每行 16 字节</translation>
    </message>
    <message>
        <source>32 bytes a line</source>
        <translation>每行 32 字节</translation>
    </message>
    <message>
        <source> with recv(%1)</source>
        <translation>（使用 recv(%1)）</translation>
    </message>
    <message>
        <source>No session.</source>
        <translation>没有会话。</translation>
    </message>
    <message>
        <source>No TCP connection yet: its bytes appear here as one stream once it connects.</source>
        <translation>还没有 TCP 连接：连接建立后，它的字节会作为一条字节流显示在这里。</translation>
    </message>
    <message>
        <source>Connection #%1  %2 ⇄ %3</source>
        <translation>连接 #%1  %2 ⇄ %3</translation>
    </message>
    <message>
        <source>Older events were dropped by the log&apos;s memory budget: the stream may not start at the beginning.</source>
        <translation>较早的事件已被日志的内存预算丢弃：字节流可能不是从头开始。</translation>
    </message>
    <message>
        <source>The sender&apos;s send() boundaries are unknown (shown when the other end is a tab of this app).</source>
        <translation>发送方的 send() 边界未知（当另一端是本程序的标签页时才会显示）。</translation>
    </message>
    <message>
        <source>Dashed bars: our send() calls; strong bars: what the peer&apos;s recv() would return.</source>
        <translation>虚线：我方的 send() 调用；实线：对端的 recv() 将返回的内容。</translation>
    </message>
</context>
<context>
    <name>TcpClientPage</name>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>127.0.0.1</source>
        <translation>127.0.0.1</translation>
    </message>
    <message>
        <source>Host name or IP address of the server</source>
        <translation>服务器的主机名或 IP 地址</translation>
    </message>
    <message>
        <source>Server host</source>
        <translation>服务器主机</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>8000</source>
        <translation>8000</translation>
    </message>
    <message>
        <source>Port 1–65535 of the server</source>
        <translation>服务器的端口，1–65535</translation>
    </message>
    <message>
        <source>Server port</source>
        <translation>服务器端口</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>超时(&amp;T)：</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>How long connect() may take before giving up</source>
        <translation>connect() 最多可以花多长时间，超时即放弃</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>Connect to the server (F5)</source>
        <translation>连接到服务器（F5）</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开(&amp;D)</translation>
    </message>
    <message>
        <source>Close the connection with a FIN (Shift+F5)</source>
        <translation>用 FIN 关闭连接（Shift+F5）</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>断开</translation>
    </message>
    <message>
        <source>S&amp;hutdown write</source>
        <translation>关闭写端(&amp;H)</translation>
    </message>
    <message>
        <source>shutdown(SHUT_WR): send FIN, keep reading until the server closes</source>
        <translation>shutdown(SHUT_WR)：发送 FIN，继续读取直到服务器关闭</translation>
    </message>
    <message>
        <source>Shut down sending</source>
        <translation>关闭发送</translation>
    </message>
    <message>
        <source>Bind &amp;local:</source>
        <translation>绑定本地(&amp;L)：</translation>
    </message>
    <message>
        <source>Bind a chosen local address and port before connecting (normally the OS picks an ephemeral port)</source>
        <translation>连接前绑定指定的本地地址和端口（通常由操作系统选择一个临时端口）</translation>
    </message>
    <message>
        <source>Bind a local address</source>
        <translation>绑定本地地址</translation>
    </message>
    <message>
        <source>Local address to bind before connect()</source>
        <translation>connect() 之前要绑定的本地地址</translation>
    </message>
    <message>
        <source>Local bind address</source>
        <translation>本地绑定地址</translation>
    </message>
    <message>
        <source>Local p&amp;ort:</source>
        <translation>本地端口(&amp;O)：</translation>
    </message>
    <message>
        <source>0</source>
        <translation>0</translation>
    </message>
    <message>
        <source>Local port, 0 = any</source>
        <translation>本地端口，0 = 任意</translation>
    </message>
    <message>
        <source>Local bind port</source>
        <translation>本地绑定端口</translation>
    </message>
    <message>
        <source>Auto-&amp;reply:</source>
        <translation>自动回复(&amp;R)：</translation>
    </message>
    <message>
        <source>Answer received data automatically</source>
        <translation>自动回复收到的数据</translation>
    </message>
    <message>
        <source>Auto-reply mode</source>
        <translation>自动回复模式</translation>
    </message>
    <message>
        <source>{data} stands for the received bytes</source>
        <translation>{data} 代表收到的字节</translation>
    </message>
    <message>
        <source>Reply template</source>
        <translation>回复模板</translation>
    </message>
    <message>
        <source>Connection endpoints</source>
        <translation>连接端点</translation>
    </message>
    <message>
        <source>Field error</source>
        <translation>字段错误</translation>
    </message>
    <message>
        <source>TCP client → %1</source>
        <translation>TCP 客户端 → %1</translation>
    </message>
    <message>
        <source>TCP client</source>
        <translation>TCP 客户端</translation>
    </message>
    <message>
        <source>TCP client %1 (not connected)</source>
        <translation>TCP 客户端 %1（未连接）</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Local address</source>
        <translation>本地地址</translation>
    </message>
    <message>
        <source>Local port</source>
        <translation>本地端口</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Local %1 (port chosen by the OS unless bound) → peer %2</source>
        <translation>本地 %1（未绑定时端口由操作系统选择）→ 对端 %2</translation>
    </message>
    <message>
        <source>Sending is shut down</source>
        <translation>发送端已关闭</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Auto-reply</source>
        <translation>自动回复</translation>
    </message>
    <message>
        <source>0 = any free port</source>
        <translation>0 = 任一空闲端口</translation>
    </message>
    <message>
        <source>0 lets the OS pick the local port, as connect() does without bind()</source>
        <translation>0 表示由操作系统选择本地端口，与不调用 bind() 时 connect() 的做法相同</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>未连接：%1</translation>
    </message>
    <message>
        <source>Reconnect e&amp;very</source>
        <translation>每隔(&amp;V)一段时间重连</translation>
    </message>
    <message>
        <source>Connect again automatically after the server closed or reset the connection, or a connect was refused or timed out, until Disconnect</source>
        <translation>服务器关闭或重置连接、或连接被拒绝或超时后自动重新连接，直到断开连接</translation>
    </message>
    <message>
        <source>Reconnect automatically</source>
        <translation>自动重连</translation>
    </message>
    <message>
        <source>How long to wait before connecting again</source>
        <translation>重新连接前等待多久</translation>
    </message>
    <message>
        <source>Reconnect interval</source>
        <translation>重连间隔</translation>
    </message>
    <message>
        <source>When the server finishes sending (FIN), our side stays open for sending until Disconnect (CLOSE_WAIT); unchecked, it closes too</source>
        <translation>服务器结束发送（FIN）后，我方仍可发送，直到断开连接（CLOSE_WAIT）；不勾选则我方也随之关闭</translation>
    </message>
    <message>
        <source>Keep sending side open after the server&apos;s FIN</source>
        <translation>服务器发送 FIN 后保持发送方向打开</translation>
    </message>
    <message>
        <source>%1 · the server finished sending (FIN): we can still send until Disconnect (CLOSE_WAIT)</source>
        <translation>%1 · 服务器已结束发送（FIN）：断开连接之前我方仍可发送（CLOSE_WAIT）</translation>
    </message>
    <message>
        <source>%1 · connecting again in %2 ms</source>
        <translation>%1 · %2 毫秒后重新连接</translation>
    </message>
    <message numerus="yes">
        <source>%1 · auto-reconnect: %n attempt(s)</source>
        <translation>
            <numerusform>%1 · 自动重连：已尝试 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n reconnected</source>
        <translation>
            <numerusform>，成功重连 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Keep open on FIN</source>
        <translation>FIN 后保持打开(&amp;K)</translation>
    </message>
    <message>
        <source>TCP_&amp;NODELAY (Nagle off)</source>
        <translation>TCP_NODELAY（关闭 Nagle）(&amp;N)</translation>
    </message>
    <message>
        <source>TCP_NODELAY (Nagle&apos;s algorithm off): each small send goes out at once. Off: small sends made while earlier data is not yet acknowledged wait and leave together, so the server reads fewer, larger pieces. Applies to an open connection at once.</source>
        <translation>TCP_NODELAY（关闭 Nagle 算法）：每次小的发送立即发出。不勾选时：在先前数据尚未被确认期间的小发送会等待并合并后一起发出，服务器因此读到更少、更大的数据块。对已打开的连接立即生效。</translation>
    </message>
    <message>
        <source>Set TCP_NODELAY</source>
        <translation>设置 TCP_NODELAY</translation>
    </message>
</context>
<context>
    <name>TcpClientSession</name>
    <message>
        <source>Cannot connect: a host and a port from 1 to 65535 are needed</source>
        <translation>无法连接：需要主机和 1 到 65535 之间的端口</translation>
    </message>
    <message>
        <source>Cannot bind to %1: %2</source>
        <translation>无法绑定到 %1：%2</translation>
    </message>
    <message>
        <source>Connected to %1 from local port %2 (chosen by the OS)</source>
        <translation>已从本地端口 %2（由操作系统选择）连接到 %1</translation>
    </message>
    <message>
        <source>Connected to %1 from %2</source>
        <translation>已从 %2 连接到 %1</translation>
    </message>
    <message>
        <source>Connection reset by peer (ECONNRESET)</source>
        <translation>连接被对端重置（ECONNRESET）</translation>
    </message>
    <message>
        <source>Closed: both sides have finished (recv() returned 0 after our shutdown)</source>
        <translation>已关闭：双方都已结束（在我方 shutdown 之后 recv() 返回 0）</translation>
    </message>
    <message>
        <source>Closed by peer: recv() returned 0 (FIN received)</source>
        <translation>被对端关闭：recv() 返回 0（收到 FIN）</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>Cannot connect to %1: host “%2” not found (%3)</source>
        <translation>无法连接到 %1：找不到主机“%2”（%3）</translation>
    </message>
    <message>
        <source>Cannot connect to %1: timed out</source>
        <translation>无法连接到 %1：超时</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Closed after an error: %1</source>
        <translation>因错误关闭：%1</translation>
    </message>
    <message>
        <source>Cannot connect to %1: no answer within %2 ms (timed out)</source>
        <translation>无法连接到 %1：%2 毫秒内无应答（超时）</translation>
    </message>
    <message>
        <source>Closed by us</source>
        <translation>由我方关闭</translation>
    </message>
    <message>
        <source>Connection attempt cancelled</source>
        <translation>连接尝试已取消</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Half-closed by us: shutdown(SHUT_WR) sent FIN, still reading</source>
        <translation>由我方半关闭：shutdown(SHUT_WR) 已发送 FIN，仍在读取</translation>
    </message>
    <message>
        <source>Not connected: nothing was sent</source>
        <translation>未连接：未发送任何内容</translation>
    </message>
    <message>
        <source>The sending side is shut down (shutdown(SHUT_WR)): nothing was sent</source>
        <translation>发送端已关闭（shutdown(SHUT_WR)）：未发送任何内容</translation>
    </message>
    <message>
        <source>Send failed: %1</source>
        <translation>发送失败：%1</translation>
    </message>
    <message>
        <source>%1 bytes queued for %2 were not sent after its FIN: %3</source>
        <translation>对方发送 FIN 后，排队发往 %2 的 %1 字节未能发出：%3</translation>
    </message>
    <message>
        <source>Closed by us; %1 bytes not yet sent were discarded (RST sent)</source>
        <translation>由我方关闭；尚未发出的 %1 字节已丢弃（已发送 RST）</translation>
    </message>
    <message>
        <source>Send failed: the connection ended while sending</source>
        <translation>发送失败：发送过程中连接已结束</translation>
    </message>
    <message>
        <source>%1 (auto-reconnect, attempt %2)</source>
        <translation>%1（自动重连，第 %2 次尝试）</translation>
    </message>
    <message>
        <source>Closed by us: FIN sent after the peer&apos;s FIN</source>
        <translation>已由我方关闭：在对端的 FIN 之后发送了 FIN</translation>
    </message>
    <message>
        <source>Closed: both sides have finished (our FIN after the peer&apos;s FIN)</source>
        <translation>已关闭：双方都已结束（对端 FIN 之后我方发送了 FIN）</translation>
    </message>
    <message>
        <source>Auto-reconnect stopped by Disconnect</source>
        <translation>自动重连已因断开连接而停止</translation>
    </message>
    <message>
        <source>Connection reset by peer (%1): it had closed completely, not only finished sending</source>
        <translation>连接被对端重置（%1）：对端已完全关闭，而不只是结束发送</translation>
    </message>
    <message>
        <source>Peer finished sending (FIN): recv() returned 0; our side stays open for sending until Disconnect (CLOSE_WAIT)</source>
        <translation>对端已结束发送（FIN）：recv() 返回 0；我方仍可发送，直到断开连接（CLOSE_WAIT）</translation>
    </message>
    <message>
        <source>%1; TCP_NODELAY set (Nagle off)</source>
        <translation>%1；已设置 TCP_NODELAY（关闭 Nagle）</translation>
    </message>
</context>
<context>
    <name>TcpKernelView</name>
    <message>
        <source>%1 ↔ %2 in %3</source>
        <translation>%1 ↔ %2，状态 %3</translation>
    </message>
    <message>
        <source> (%1 s left)</source>
        <translation>（还剩 %1 秒）</translation>
    </message>
</context>
<context>
    <name>TcpServerPage</name>
    <message>
        <source>Listen</source>
        <translation>监听</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Address to bind: 127.0.0.1 or ::1 accept only this computer; 0.0.0.0 or :: every interface</source>
        <translation>要绑定的地址：127.0.0.1 或 ::1 只接受本机连接；0.0.0.0 或 :: 接受所有网络接口</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>8000</source>
        <translation>8000</translation>
    </message>
    <message>
        <source>0 = any</source>
        <translation>0 = 任意</translation>
    </message>
    <message>
        <source>Port 1–65535, or 0 to let the operating system choose a free one</source>
        <translation>端口 1–65535，或 0 表示让操作系统选一个空闲端口</translation>
    </message>
    <message>
        <source>Listen port</source>
        <translation>监听端口</translation>
    </message>
    <message>
        <source>&amp;Backlog:</source>
        <translation>积压队列(&amp;B)：</translation>
    </message>
    <message>
        <source>listen(backlog): how many finished handshakes the kernel queues before accept()</source>
        <translation>listen(backlog)：内核在 accept() 之前最多排队多少个已完成握手的连接</translation>
    </message>
    <message>
        <source>Listen backlog</source>
        <translation>监听积压队列（backlog）</translation>
    </message>
    <message>
        <source>Max &amp;clients:</source>
        <translation>最大客户端数(&amp;C)：</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Clients served at once; one more is accepted, closed and logged</source>
        <translation>同时服务的客户端数；多出的一个会被接受、随即关闭并记录</translation>
    </message>
    <message>
        <source>Maximum clients</source>
        <translation>最大客户端数</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>启动(&amp;S)</translation>
    </message>
    <message>
        <source>Start listening (F5)</source>
        <translation>开始监听（F5）</translation>
    </message>
    <message>
        <source>Start server</source>
        <translation>启动服务器</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop listening and close every client (Shift+F5)</source>
        <translation>停止监听并关闭所有客户端（Shift+F5）</translation>
    </message>
    <message>
        <source>Stop server</source>
        <translation>停止服务器</translation>
    </message>
    <message>
        <source>&amp;Greeting:</source>
        <translation>欢迎语(&amp;G)：</translation>
    </message>
    <message>
        <source>sent on accept, e.g. Welcome!\r\n</source>
        <translation>accept 后发送，例如 Welcome!\r\n</translation>
    </message>
    <message>
        <source>Sent to every accepted connection; escapes \r \n \t \0 \\ \xHH</source>
        <translation>发送给每个接受的连接；转义序列 \r \n \t \0 \\ \xHH</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>欢迎语</translation>
    </message>
    <message>
        <source>Auto-&amp;reply:</source>
        <translation>自动回复(&amp;R)：</translation>
    </message>
    <message>
        <source>Answer received data automatically</source>
        <translation>自动回复收到的数据</translation>
    </message>
    <message>
        <source>Auto-reply mode</source>
        <translation>自动回复模式</translation>
    </message>
    <message>
        <source>Reply template</source>
        <translation>回复模板</translation>
    </message>
    <message>
        <source>Network exposure notice</source>
        <translation>网络暴露提示</translation>
    </message>
    <message>
        <source>Field error</source>
        <translation>字段错误</translation>
    </message>
    <message>
        <source>Connected clients</source>
        <translation>已连接的客户端</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开(&amp;D)</translation>
    </message>
    <message>
        <source>Close the selected connection (FIN)</source>
        <translation>关闭所选连接（FIN）</translation>
    </message>
    <message>
        <source>Disconnect selected client</source>
        <translation>断开所选客户端</translation>
    </message>
    <message>
        <source>R&amp;eset</source>
        <translation>重置(&amp;E)</translation>
    </message>
    <message>
        <source>Abort the selected connection (RST)</source>
        <translation>中止所选连接（RST）</translation>
    </message>
    <message>
        <source>Reset selected client</source>
        <translation>重置所选客户端</translation>
    </message>
    <message>
        <source>Send t&amp;o:</source>
        <translation>发送给(&amp;O)：</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>发送给</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>所有客户端</translation>
    </message>
    <message>
        <source>Selected client</source>
        <translation>所选客户端</translation>
    </message>
    <message>
        <source>TCP server %1</source>
        <translation>TCP 服务器 %1</translation>
    </message>
    <message>
        <source>TCP server (stopped)</source>
        <translation>TCP 服务器（已停止）</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <source>Port: %1</source>
        <translation>端口：%1</translation>
    </message>
    <message>
        <source>Greeting: %1</source>
        <translation>欢迎语：%1</translation>
    </message>
    <message>
        <source>Auto-reply: %1</source>
        <translation>自动回复：%1</translation>
    </message>
    <message>
        <source>Cannot listen</source>
        <translation>无法监听</translation>
    </message>
    <message>
        <source>The server is not running</source>
        <translation>服务器未运行</translation>
    </message>
    <message>
        <source>The server is not running: nothing was sent</source>
        <translation>服务器未运行：未发送任何内容</translation>
    </message>
    <message>
        <source>Select a client in the table first: nothing was sent</source>
        <translation>请先在表格中选择一个客户端：未发送任何内容</translation>
    </message>
    <message>
        <source>0 = any free port</source>
        <translation>0 = 任一空闲端口</translation>
    </message>
    <message>
        <source>0 lets the OS pick a free port; once listening, the field shows the one it chose and Stop → Start listens on it again</source>
        <translation>0 表示由操作系统选择空闲端口；开始监听后，此处显示它选中的端口，停止 → 启动会再次监听该端口</translation>
    </message>
    <message>
        <source>Clients and peer inspector</source>
        <translation>客户端与对端检查器</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>The connected clients; select one to send to it, disconnect it or see it in the inspector</source>
        <translation>已连接的客户端；选中一个可向它发送、断开它，或在检查器中查看它</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Everything about the selected connection: endpoints, state, times, bytes and messages each way</source>
        <translation>所选连接的全部信息：两端地址、状态、时间，以及每个方向的字节数和消息数</translation>
    </message>
    <message>
        <source>When a client finishes sending (FIN), our side of its connection stays open for sending until Disconnect, Reset or Stop (CLOSE_WAIT); unchecked, it closes too. An auto-reply always closes after answering.</source>
        <translation>客户端结束发送（FIN）后，我方这一侧仍可发送，直到断开、重置或停止（CLOSE_WAIT）；不勾选则我方也随之关闭。自动回复在应答后总是关闭。</translation>
    </message>
    <message>
        <source>Keep sending side open after a client&apos;s FIN</source>
        <translation>客户端发送 FIN 后保持发送方向打开</translation>
    </message>
    <message>
        <source>&amp;Keep open on FIN</source>
        <translation>FIN 后保持打开(&amp;K)</translation>
    </message>
    <message>
        <source>Pause &amp;accept()</source>
        <translation>暂停 &amp;accept()</translation>
    </message>
    <message>
        <source>Stop calling accept(): new clients finish their handshake and wait in the kernel&apos;s accept queue, which holds backlog + 1 on Linux; after that their SYNs are dropped and connect() hangs or times out. Uncheck to take every waiting client.</source>
        <translation>停止调用 accept()：新客户端完成握手后在内核的全连接队列（accept 队列）中等待，Linux 上它最多容纳 backlog + 1 个；队列满后，后来者的 SYN 被丢弃，其 connect() 挂起或超时。取消勾选即接受所有等待的客户端。</translation>
    </message>
    <message>
        <source>Pause accept()</source>
        <translation>暂停 accept()</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting in the accept queue</source>
        <translation>
            <numerusform>全连接队列中有 %n 个在等待</numerusform>
        </translation>
    </message>
    <message>
        <source>the kernel&apos;s accept queue cannot be read</source>
        <translation>无法读取内核的全连接队列</translation>
    </message>
    <message>
        <source>Connected clients (accept() paused: %1)</source>
        <translation>已连接的客户端（accept() 已暂停：%1）</translation>
    </message>
    <message>
        <source>Clients whose handshake finished wait in the kernel until accept() takes them; uncheck Pause accept() to take them all</source>
        <translation>已完成握手的客户端在内核中等待，直到 accept() 取走它们；取消勾选“暂停 accept()”即可全部接受</translation>
    </message>
    <message>
        <source>SO_RE&amp;USEADDR</source>
        <translation>SO_RE&amp;USEADDR</translation>
    </message>
    <message>
        <source>setsockopt(SO_REUSEADDR) before bind(). On: Start works again at once after Stop, while the old connections still sit in TIME_WAIT (about a minute). Off: listening fails with EADDRINUSE until they are gone, and the error names them; connections made while it was off block a restart even with it on, as Linux binds past them only when both sockets set it. It never lets two servers listen on one port.</source>
        <translation>在 bind() 之前调用 setsockopt(SO_REUSEADDR)。勾选：停止后可立即再次启动，即使旧连接仍处于 TIME_WAIT（约一分钟）。不勾选：在它们消失之前监听会以 EADDRINUSE 失败，错误信息会列出它们；在关闭此选项时建立的连接，即使之后打开它也会阻止重启，因为只有两个套接字都设置了它，Linux 才允许绕过它们绑定。它绝不会让两个服务器监听同一个端口。</translation>
    </message>
    <message>
        <source>Set SO_REUSEADDR before bind</source>
        <translation>在 bind 之前设置 SO_REUSEADDR</translation>
    </message>
    <message>
        <source>TCP_&amp;NODELAY</source>
        <translation>TCP_NODELAY(&amp;N)</translation>
    </message>
    <message>
        <source>TCP_NODELAY on every accepted connection (Nagle off): each small send goes out at once. Off: small sends made while earlier data is not yet acknowledged wait and leave together. Applies to the open connections at once.</source>
        <translation>在每个接受的连接上设置 TCP_NODELAY（关闭 Nagle）：每次小的发送立即发出。不勾选时：在先前数据尚未被确认期间的小发送会等待并合并后一起发出。对已打开的连接立即生效。</translation>
    </message>
    <message>
        <source>Set TCP_NODELAY on accepted connections</source>
        <translation>在接受的连接上设置 TCP_NODELAY</translation>
    </message>
</context>
<context>
    <name>TcpServerSession</name>
    <message>
        <source>Listening on %1 (backlog %2)</source>
        <translation>正在 %1 上监听（backlog %2）</translation>
    </message>
    <message>
        <source>Closed: the server stopped</source>
        <translation>已关闭：服务器已停止</translation>
    </message>
    <message>
        <source>Stopped listening on %1</source>
        <translation>已停止在 %1 上监听</translation>
    </message>
    <message>
        <source>Cannot accept more connections (%1 open): %2; retrying in 1 s</source>
        <translation>无法接受更多连接（已打开 %1 个）：%2；1 秒后重试</translation>
    </message>
    <message>
        <source>Refused %1: the limit of %2 clients is reached</source>
        <translation>已拒绝 %1：已达到 %2 个客户端的上限</translation>
    </message>
    <message>
        <source>Accepted connection #%1 from %2</source>
        <translation>已接受来自 %2 的连接 #%1</translation>
    </message>
    <message>
        <source>Closed by us after the reply</source>
        <translation>回复后由我方关闭</translation>
    </message>
    <message>
        <source>Connection reset by peer (ECONNRESET)</source>
        <translation>连接被对端重置（ECONNRESET）</translation>
    </message>
    <message>
        <source>Closed by peer: recv() returned 0 (FIN received)</source>
        <translation>被对端关闭：recv() 返回 0（收到 FIN）</translation>
    </message>
    <message>
        <source>Closed after an error: %1</source>
        <translation>因错误关闭：%1</translation>
    </message>
    <message>
        <source>Closed by us</source>
        <translation>由我方关闭</translation>
    </message>
    <message>
        <source>Connection #%1 is closing: nothing was sent</source>
        <translation>连接 #%1 正在关闭：未发送任何内容</translation>
    </message>
    <message>
        <source>Send to #%1 failed: %2</source>
        <translation>发送到 #%1 失败：%2</translation>
    </message>
    <message>
        <source>There is no connection #%1: nothing was sent</source>
        <translation>没有连接 #%1：未发送任何内容</translation>
    </message>
    <message>
        <source>No client is connected: nothing was sent</source>
        <translation>没有已连接的客户端：未发送任何内容</translation>
    </message>
    <message>
        <source>Reset by us (RST sent)</source>
        <translation>由我方重置（已发送 RST）</translation>
    </message>
    <message>
        <source>Closed: the server stopped; %1 bytes not yet sent were discarded (RST sent)</source>
        <translation>已关闭：服务器已停止；尚未发出的 %1 字节已丢弃（已发送 RST）</translation>
    </message>
    <message>
        <source>Accepted connection #%1 from an unknown peer: it was reset before accept() (getpeername() failed)</source>
        <translation>已接受来自未知对端的连接 #%1：它在 accept() 之前已被重置（getpeername() 失败）</translation>
    </message>
    <message>
        <source>%1 bytes queued for %2 were not sent after its FIN: %3</source>
        <translation>对方发送 FIN 后，排队发往 %2 的 %1 字节未能发出：%3</translation>
    </message>
    <message>
        <source>Send to #%1 failed: the connection ended while sending</source>
        <translation>发送到 #%1 失败：发送过程中连接已结束</translation>
    </message>
    <message>
        <source>Cannot take over an accepted connection: %1</source>
        <translation>无法接管已接受的连接：%1</translation>
    </message>
    <message>
        <source>Not started: the greeting cannot be sent: %1</source>
        <translation>未启动：欢迎消息无法发送：%1</translation>
    </message>
    <message>
        <source>Peer finished sending (FIN): recv() returned 0; our side stays open for sending until we close it (CLOSE_WAIT)</source>
        <translation>对端已结束发送（FIN）：recv() 返回 0；我方仍可发送，直到我方关闭（CLOSE_WAIT）</translation>
    </message>
    <message>
        <source>Closed by us: FIN sent after the peer&apos;s FIN</source>
        <translation>已由我方关闭：在对端的 FIN 之后发送了 FIN</translation>
    </message>
    <message>
        <source>Connection reset by peer (%1): it had closed completely, not only finished sending</source>
        <translation>连接被对端重置（%1）：对端已完全关闭，而不只是结束发送</translation>
    </message>
</context>
<context>
    <name>TcpStateDiagram</name>
    <message>
        <source>%1 s left</source>
        <translation>剩余 %1 秒</translation>
    </message>
    <message numerus="yes">
        <source>SYN sent again: %n time(s)</source>
        <translation>
            <numerusform>已重发 SYN %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>queue %1 / backlog %2</source>
        <translation>队列 %1 / backlog %2</translation>
    </message>
</context>
<context>
    <name>TcpStateMachine</name>
    <message>
        <source>we called listen(): waiting for SYNs</source>
        <translation>我们调用了 listen()：等待 SYN</translation>
    </message>
    <message>
        <source>we called connect(): SYN sent</source>
        <translation>我们调用了 connect()：已发送 SYN</translation>
    </message>
    <message>
        <source>a client&apos;s SYN arrived: SYN+ACK sent</source>
        <translation>收到客户端的 SYN：已发送 SYN+ACK</translation>
    </message>
    <message>
        <source>we closed the listening socket</source>
        <translation>我们关闭了监听套接字</translation>
    </message>
    <message>
        <source>the server&apos;s SYN+ACK arrived: ACK sent, connect() returns</source>
        <translation>收到服务器的 SYN+ACK：已发送 ACK，connect() 返回</translation>
    </message>
    <message>
        <source>a SYN arrived while ours was out (simultaneous open): SYN+ACK sent</source>
        <translation>我方 SYN 发出时又收到对方的 SYN（同时打开）：已发送 SYN+ACK</translation>
    </message>
    <message>
        <source>connect() failed: refused (RST) or timed out</source>
        <translation>connect() 失败：被拒绝（RST）或超时</translation>
    </message>
    <message>
        <source>the ACK of our SYN+ACK arrived: accept() can return it</source>
        <translation>收到对我方 SYN+ACK 的 ACK：accept() 可以返回它了</translation>
    </message>
    <message>
        <source>the handshake was reset (RST)</source>
        <translation>握手被重置（RST）</translation>
    </message>
    <message>
        <source>we called close() or shutdown(SHUT_WR): FIN sent</source>
        <translation>我们调用了 close() 或 shutdown(SHUT_WR)：已发送 FIN</translation>
    </message>
    <message>
        <source>the peer&apos;s FIN arrived: recv() returns b&apos;&apos;</source>
        <translation>收到对端的 FIN：recv() 返回 b&apos;&apos;</translation>
    </message>
    <message>
        <source>reset (RST): the connection is gone at once</source>
        <translation>重置（RST）：连接立即消失</translation>
    </message>
    <message>
        <source>the ACK of our FIN arrived</source>
        <translation>收到对我方 FIN 的 ACK</translation>
    </message>
    <message>
        <source>the peer&apos;s FIN arrived before the ACK of ours (simultaneous close)</source>
        <translation>对端的 FIN 先于对我方 FIN 的 ACK 到达（同时关闭）</translation>
    </message>
    <message>
        <source>the peer&apos;s FIN and the ACK of ours arrived together</source>
        <translation>对端的 FIN 与对我方 FIN 的 ACK 一起到达</translation>
    </message>
    <message>
        <source>the peer&apos;s FIN arrived: ACK sent</source>
        <translation>收到对端的 FIN：已发送 ACK</translation>
    </message>
    <message>
        <source>we called close(): FIN sent</source>
        <translation>我们调用了 close()：已发送 FIN</translation>
    </message>
    <message>
        <source>the ACK of our FIN arrived: the connection is gone</source>
        <translation>收到对我方 FIN 的 ACK：连接已消失</translation>
    </message>
    <message>
        <source>2 MSL went by (60 s on Linux): the 4-tuple is free again</source>
        <translation>经过了 2 MSL（Linux 上为 60 秒）：该四元组可以再次使用</translation>
    </message>
    <message>
        <source>No connection: the socket is not yet connected or listening, or the kernel has let it go.</source>
        <translation>没有连接：套接字尚未连接或监听，或内核已将其释放。</translation>
    </message>
    <message>
        <source>A server socket after listen(): it takes handshakes into its queues; accept() hands out the finished ones.</source>
        <translation>调用 listen() 之后的服务器套接字：它把握手放入队列；accept() 取出已完成握手的连接。</translation>
    </message>
    <message>
        <source>connect() sent a SYN and waits for the server&apos;s SYN+ACK; without an answer the SYN is sent again with a doubling back-off until connect() times out.</source>
        <translation>connect() 已发送 SYN，正在等待服务器的 SYN+ACK；若无应答，SYN 会以加倍的退避时间重发，直到 connect() 超时。</translation>
    </message>
    <message>
        <source>The server answered a SYN with SYN+ACK and waits for the client&apos;s ACK: a half-open connection in the listener&apos;s SYN queue.</source>
        <translation>服务器已用 SYN+ACK 应答 SYN，正在等待客户端的 ACK：这是监听套接字 SYN 队列（半连接队列）中的一个半开连接。</translation>
    </message>
    <message>
        <source>The handshake is done: both sides can send() and recv().</source>
        <translation>握手已完成：双方都可以 send() 和 recv()。</translation>
    </message>
    <message>
        <source>We closed our side (FIN sent) and wait for the peer to acknowledge it.</source>
        <translation>我方已关闭自己这一侧（已发送 FIN），正在等待对端确认。</translation>
    </message>
    <message>
        <source>Our FIN is acknowledged; we wait for the peer&apos;s FIN. The peer may still send, and we still receive.</source>
        <translation>我方的 FIN 已被确认；正在等待对端的 FIN。对端仍可发送，我方仍在接收。</translation>
    </message>
    <message>
        <source>Both sides sent a FIN at the same time; we wait for the ACK of ours.</source>
        <translation>双方同时发送了 FIN；正在等待对我方 FIN 的 ACK。</translation>
    </message>
    <message>
        <source>The side that closed first waits 2 MSL (60 s on Linux) so late segments of this connection die out; meanwhile its address and port cannot be bound again without SO_REUSEADDR.</source>
        <translation>先关闭的一方要等待 2 MSL（Linux 上为 60 秒），让这条连接的迟到报文段消失；在此期间，不设置 SO_REUSEADDR 就无法再次绑定该地址和端口。</translation>
    </message>
    <message>
        <source>The peer finished sending (FIN): recv() returned b&apos;&apos;. We can still send until we call close().</source>
        <translation>对端已结束发送（FIN）：recv() 返回了 b&apos;&apos;。在我们调用 close() 之前仍可发送。</translation>
    </message>
    <message>
        <source>We closed after the peer did (FIN sent) and wait for the ACK of our FIN.</source>
        <translation>我方在对端之后关闭（已发送 FIN），正在等待对我方 FIN 的 ACK。</translation>
    </message>
    <message>
        <source>A state the kernel did not name.</source>
        <translation>内核未给出名称的状态。</translation>
    </message>
</context>
<context>
    <name>TcpStateView</name>
    <message>
        <source>Select a connection (or start the server) to see its TCP state as the kernel reports it.</source>
        <translation>选择一个连接（或启动服务器），即可查看内核报告的 TCP 状态。</translation>
    </message>
    <message>
        <source>not known to the kernel</source>
        <translation>内核中不存在</translation>
    </message>
    <message>
        <source>Listening socket %1: %2</source>
        <translation>监听套接字 %1：%2</translation>
    </message>
    <message>
        <source>Connection %1 ↔ %2: %3</source>
        <translation>连接 %1 ↔ %2：%3</translation>
    </message>
    <message>
        <source>(no arrow of the diagram)</source>
        <translation>（状态图中没有这条箭头）</translation>
    </message>
    <message>
        <source>%1  %2 → %3: %4</source>
        <translation>%1  %2 → %3：%4</translation>
    </message>
    <message>
        <source> (between samples)</source>
        <translation>（在两次采样之间推断）</translation>
    </message>
    <message>
        <source>Receive queue:</source>
        <translation>接收队列：</translation>
    </message>
    <message>
        <source>Bytes the kernel received for us that recv() has not read yet (SIOCINQ)</source>
        <translation>内核已为我们收下、但 recv() 尚未读取的字节（SIOCINQ）</translation>
    </message>
    <message>
        <source>Send queue:</source>
        <translation>发送队列：</translation>
    </message>
    <message>
        <source>Bytes we sent that the peer has not acknowledged yet (SIOCOUTQ)</source>
        <translation>我们已发出、但对端尚未确认的字节（SIOCOUTQ）</translation>
    </message>
    <message>
        <source>Peer&apos;s window:</source>
        <translation>对端窗口：</translation>
    </message>
    <message>
        <source>How many more bytes the peer lets us send now (its advertised receive window)</source>
        <translation>对端现在还允许我们发送多少字节（它通告的接收窗口）</translation>
    </message>
    <message>
        <source>Round trip:</source>
        <translation>往返时间：</translation>
    </message>
    <message>
        <source>The smoothed round-trip time the kernel measures (TCP_INFO)</source>
        <translation>内核测得的平滑往返时间（TCP_INFO）</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>not reported by this kernel</source>
        <translation>此内核不提供</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>&amp;Pause reading</source>
        <translation>暂停读取(&amp;P)</translation>
    </message>
    <message>
        <source>Stop calling recv() on this connection: what the peer sends waits in our receive queue, the window we advertise closes to zero and the peer&apos;s send() blocks. Uncheck to read what waited.</source>
        <translation>停止对此连接调用 recv()：对端发来的数据留在我方接收队列中，我方通告的窗口降为零，对端的 send() 阻塞。取消勾选即读出等待的数据。</translation>
    </message>
</context>
<context>
    <name>Template</name>
    <message>
        <source>Unknown encoding “%1”</source>
        <translation>未知编码“%1”</translation>
    </message>
    <message>
        <source>Unclosed field: “{” starts a field such as {data} and ends at “}”; write {{ for a literal {</source>
        <translation>字段未闭合：“{”开始一个字段（如 {data}），到“}”结束；字面的 { 请写成 {{</translation>
    </message>
    <message>
        <source>{data} takes no argument: write {data}</source>
        <translation>{data} 不带参数：请写 {data}</translation>
    </message>
    <message>
        <source>{counter} takes a width and a start at most: {counter:04} or {counter:04:0}</source>
        <translation>{counter} 最多带宽度和起始值两个参数：{counter:04} 或 {counter:04:0}</translation>
    </message>
    <message>
        <source>Bad counter width “%1”: write 1 to %2 (4 pads with spaces, 04 with zeros)</source>
        <translation>计数器宽度“%1”无效：请写 1 到 %2（4 用空格补齐，04 用零补齐）</translation>
    </message>
    <message>
        <source>Bad counter start “%1”: write a whole number from 0, e.g. {counter:04:0}</source>
        <translation>计数器起始值“%1”无效：请写从 0 起的整数，例如 {counter:04:0}</translation>
    </message>
    <message>
        <source>{time:} needs a format after the colon, e.g. {time:HH:mm:ss}</source>
        <translation>{time:} 的冒号后需要格式，例如 {time:HH:mm:ss}</translation>
    </message>
    <message>
        <source>The time format cannot be sent in %1: %2</source>
        <translation>该时间格式无法用 %1 发送：%2</translation>
    </message>
    <message>
        <source>{random:N} needs a number of bytes from 1 to %1, e.g. {random:4}</source>
        <translation>{random:N} 需要 1 到 %1 之间的字节数，例如 {random:4}</translation>
    </message>
    <message>
        <source>{hex:…} needs bytes after the colon, e.g. {hex:0d 0a}</source>
        <translation>{hex:…} 的冒号后需要字节，例如 {hex:0d 0a}</translation>
    </message>
    <message>
        <source>Empty field {}: the fields are %1; write {{ for a literal {</source>
        <translation>空字段 {}：可用字段为 %1；字面的 { 请写成 {{</translation>
    </message>
    <message>
        <source>Unknown field {%1}: field names are lower case, write {%2}</source>
        <translation>未知字段 {%1}：字段名为小写，请写 {%2}</translation>
    </message>
    <message>
        <source>Unknown field {%1}: the fields are %2; write {{ for a literal {</source>
        <translation>未知字段 {%1}：可用字段为 %2；字面的 { 请写成 {{</translation>
    </message>
    <message>
        <source>Fields: {data} the received bytes, {counter:04} the message number, {time:HH:mm:ss}, {random:4} random bytes, {hex:0d 0a} bytes in hex; {{ is a literal {</source>
        <translation>字段：{data} 收到的字节，{counter:04} 消息序号，{time:HH:mm:ss} 时间，{random:4} 随机字节，{hex:0d 0a} 十六进制字节；{{ 表示字面的 {</translation>
    </message>
</context>
<context>
    <name>TextCodec</name>
    <message>
        <source>Unknown encoding “%1”</source>
        <translation>未知编码“%1”</translation>
    </message>
    <message>
        <source>The character “%1” (U+%2) cannot be encoded in %3</source>
        <translation>字符“%1”（U+%2）无法用 %3 编码</translation>
    </message>
    <message>
        <source>The text cannot be encoded in %1</source>
        <translation>该文本无法用 %1 编码</translation>
    </message>
</context>
<context>
    <name>TrafficActions</name>
    <message>
        <source>&amp;Copy as text</source>
        <translation>复制为文本(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the payloads of the selected rows decoded in the chosen encoding (messages for other events)</source>
        <translation>复制所选行的载荷，按所选编码解码（其他事件复制其消息）</translation>
    </message>
    <message>
        <source>Copy as &amp;hex</source>
        <translation>复制为十六进制(&amp;H)</translation>
    </message>
    <message>
        <source>Copy as C &amp;string</source>
        <translation>复制为 C 字符串(&amp;S)</translation>
    </message>
    <message>
        <source>Copy as &amp;Python bytes</source>
        <translation>复制为 Python bytes(&amp;P)</translation>
    </message>
    <message>
        <source>Copy &amp;rows</source>
        <translation>复制行(&amp;R)</translation>
    </message>
    <message>
        <source>Copy the selected rows as they appear in the table, tab-separated</source>
        <translation>按表格中显示的样子复制所选行，以制表符分隔</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;JSON Lines…</source>
        <translation>JSON Lines(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Plain text…</source>
        <translation>纯文本(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Received bytes of this connection…</source>
        <translation>此连接接收的字节(&amp;R)…</translation>
    </message>
    <message>
        <source>Save the bytes the selected row&apos;s connection received, as they came</source>
        <translation>保存所选行所属连接接收到的字节，保持原样</translation>
    </message>
    <message>
        <source>Export traffic as JSON Lines</source>
        <translation>将流量导出为 JSON Lines</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message numerus="yes">
        <source>saved %Ln event(s) to %1</source>
        <translation>
            <numerusform>已将 %Ln 个事件保存到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export traffic as plain text</source>
        <translation>将流量导出为纯文本</translation>
    </message>
    <message>
        <source>Text files (*.txt *.log);;All files (*)</source>
        <translation>文本文件 (*.txt *.log);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export received bytes</source>
        <translation>导出接收的字节</translation>
    </message>
    <message>
        <source>Select a row of the connection whose received bytes you want to save.</source>
        <translation>请选择一行，确定要保存哪个连接接收的字节。</translation>
    </message>
    <message>
        <source>Save the bytes connection #%1 received</source>
        <translation>保存连接 #%1 接收的字节</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Received bytes saved</source>
        <translation>已保存接收的字节</translation>
    </message>
    <message>
        <source>Saved %1 bytes to %2.

The log no longer holds the start of this connection (it was cleared or its memory budget dropped older events), so the file is missing what came first. Raise the budget or capture to a file to keep everything.</source>
        <translation>已将 %1 字节保存到 %2。

日志中已不再有此连接的开头部分（日志被清空过，或内存预算丢弃了较早的事件），因此文件缺少最先到达的内容。请提高内存预算，或捕获到文件以保留全部内容。</translation>
    </message>
    <message>
        <source>saved %1 received bytes to %2</source>
        <translation>已将 %1 个接收的字节保存到 %2</translation>
    </message>
</context>
<context>
    <name>TrafficExporter</name>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>Unknown encoding “%1”</source>
        <translation>未知编码“%1”</translation>
    </message>
</context>
<context>
    <name>TrafficLogModel</name>
    <message>
        <source>← in</source>
        <translation>← 收</translation>
    </message>
    <message>
        <source>→ out</source>
        <translation>→ 发</translation>
    </message>
    <message>
        <source>← frame</source>
        <translation>← 帧</translation>
    </message>
    <message>
        <source>→ frame</source>
        <translation>→ 帧</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>监听</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>%1 local time
%2 UTC</source>
        <translation>%1 本地时间
%2 UTC</translation>
    </message>
    <message>
        <source>Local: %1</source>
        <translation>本地：%1</translation>
    </message>
    <message>
        <source>Peer: %1</source>
        <translation>对端：%1</translation>
    </message>
    <message>
        <source>Connection #%1</source>
        <translation>连接 #%1</translation>
    </message>
    <message>
        <source>received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Data (hex) / message</source>
        <translation>数据（十六进制）/ 消息</translation>
    </message>
    <message>
        <source>Data (%1) / message</source>
        <translation>数据（%1）/ 消息</translation>
    </message>
    <message>
        <source>Local time the event was logged</source>
        <translation>事件记录时的本地时间</translation>
    </message>
    <message>
        <source>← received, → sent, or what happened to the connection</source>
        <translation>← 接收，→ 发送，或连接发生了什么</translation>
    </message>
    <message>
        <source>Address and port of the other side</source>
        <translation>另一端的地址和端口</translation>
    </message>
    <message>
        <source>Payload size in bytes</source>
        <translation>载荷大小（字节）</translation>
    </message>
    <message>
        <source>The first %1 bytes of the payload, or the event&apos;s message</source>
        <translation>载荷的前 %1 个字节，或事件的消息</translation>
    </message>
    <message>
        <source>received, checksum wrong</source>
        <translation>已接收，校验错误</translation>
    </message>
    <message>
        <source>A row on an amber background is a received frame whose checksum is wrong</source>
        <translation>琥珀色背景的行是校验错误的已接收帧</translation>
    </message>
    <message>
        <source>no rule matched</source>
        <translation>没有匹配的规则</translation>
    </message>
    <message>
        <source>rule %1 fired</source>
        <translation>规则 %1 已触发</translation>
    </message>
    <message>
        <source>%1 ⊘</source>
        <translation>%1 ⊘</translation>
    </message>
    <message>
        <source>Reply rules: %1</source>
        <translation>回复规则：%1</translation>
    </message>
    <message>
        <source>received, no rule matched</source>
        <translation>已收到，没有匹配的规则</translation>
    </message>
    <message>
        <source>⊘ marks a received message that no reply rule matched</source>
        <translation>⊘ 标记没有任何回复规则匹配的收到消息</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>TrafficView</name>
    <message>
        <source>Traffic</source>
        <translation>流量</translation>
    </message>
    <message>
        <source>Encoding used to show payloads as text; switching it re-renders everything already logged</source>
        <translation>以文本显示载荷所用的编码；切换后会重新渲染已记录的全部内容</translation>
    </message>
    <message>
        <source>Display encoding</source>
        <translation>显示编码</translation>
    </message>
    <message>
        <source>Te&amp;xt</source>
        <translation>文本(&amp;X)</translation>
    </message>
    <message>
        <source>Show payloads as text in the chosen encoding</source>
        <translation>以所选编码将载荷显示为文本</translation>
    </message>
    <message>
        <source>Show as text</source>
        <translation>显示为文本</translation>
    </message>
    <message>
        <source>&amp;Hex</source>
        <translation>十六进制(&amp;H)</translation>
    </message>
    <message>
        <source>Show payloads as hex bytes</source>
        <translation>将载荷显示为十六进制字节</translation>
    </message>
    <message>
        <source>Show as hex</source>
        <translation>显示为十六进制</translation>
    </message>
    <message>
        <source>Show only the events of one peer</source>
        <translation>只显示某个对端的事件</translation>
    </message>
    <message>
        <source>Peer filter</source>
        <translation>对端过滤</translation>
    </message>
    <message>
        <source>Show only received data, sent data, or connection events</source>
        <translation>只显示接收的数据、发送的数据或连接事件</translation>
    </message>
    <message>
        <source>Direction filter</source>
        <translation>方向过滤</translation>
    </message>
    <message>
        <source>Filter: text or hex</source>
        <translation>过滤：文本或十六进制</translation>
    </message>
    <message>
        <source>Show only events whose text (in the chosen encoding), hex bytes (&quot;c4 e3&quot;) or message contain this; not case-sensitive</source>
        <translation>只显示文本（按所选编码）、十六进制字节（&quot;c4 e3&quot;）或消息中包含此内容的事件；不区分大小写</translation>
    </message>
    <message>
        <source>Text filter</source>
        <translation>文本过滤</translation>
    </message>
    <message>
        <source>&amp;Pause scrolling</source>
        <translation>暂停滚动(&amp;P)</translation>
    </message>
    <message>
        <source>Stop following new events at the bottom of the table (logging goes on)</source>
        <translation>不再自动跟随表格底部的新事件（日志记录照常进行）</translation>
    </message>
    <message>
        <source>Pause auto-scroll</source>
        <translation>暂停自动滚动</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清空(&amp;L)</translation>
    </message>
    <message>
        <source>Forget every event logged so far (the counters of dropped events stay)</source>
        <translation>清除目前记录的所有事件（已丢弃事件的计数保留）</translation>
    </message>
    <message>
        <source>Clear the log</source>
        <translation>清空日志</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Save the logged events to a file</source>
        <translation>将记录的事件保存到文件</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Traffic events</source>
        <translation>流量事件</translation>
    </message>
    <message>
        <source>No event selected</source>
        <translation>未选择事件</translation>
    </message>
    <message>
        <source>Selected event</source>
        <translation>所选事件</translation>
    </message>
    <message>
        <source>Log size</source>
        <translation>日志大小</translation>
    </message>
    <message>
        <source>Events the log holds now, and what its memory budget dropped (oldest first)</source>
        <translation>日志当前保存的事件数，以及内存预算丢弃的事件（从最早的开始）</translation>
    </message>
    <message>
        <source>Memory &amp;budget:</source>
        <translation>内存预算(&amp;B)：</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>How much memory the log may use; past it the oldest events are dropped and counted</source>
        <translation>日志可以使用多少内存；超出后会丢弃最早的事件并计数</translation>
    </message>
    <message>
        <source>Log memory budget in MiB</source>
        <translation>日志内存预算（MiB）</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>Latin-1 (ISO-8859-1)</source>
        <translation>Latin-1 (ISO-8859-1)</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>所有事件</translation>
    </message>
    <message>
        <source>← Received</source>
        <translation>← 接收</translation>
    </message>
    <message>
        <source>→ Sent</source>
        <translation>→ 发送</translation>
    </message>
    <message>
        <source>Connection events</source>
        <translation>连接事件</translation>
    </message>
    <message>
        <source>All peers</source>
        <translation>所有对端</translation>
    </message>
    <message>
        <source>No session</source>
        <translation>没有会话</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln event(s) shown</source>
        <translation>
            <numerusform>显示 %1 / %Ln 个事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln 个事件</numerusform>
        </translation>
    </message>
    <message>
        <source> · dropped %1 (%2) by the %3 budget</source>
        <translation> · %3 预算已丢弃 %1 个（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>local %1</source>
        <translation>本地 %1</translation>
    </message>
    <message>
        <source>peer %1</source>
        <translation>对端 %1</translation>
    </message>
    <message>
        <source>connection #%1</source>
        <translation>连接 #%1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln invalid sequence(s) in %1</source>
        <translation>
            <numerusform>%1 中有 %Ln 个无效序列</numerusform>
        </translation>
    </message>
    <message>
        <source>valid %1</source>
        <translation>%1 有效</translation>
    </message>
</context>
<context>
    <name>TypedPayload</name>
    <message>
        <source>Nothing to send: the payload is empty</source>
        <translation>没有可发送的内容：载荷为空</translation>
    </message>
</context>
<context>
    <name>UdpPage</name>
    <message>
        <source>UDP socket</source>
        <translation>UDP 套接字</translation>
    </message>
    <message>
        <source>&amp;Bind address:</source>
        <translation>绑定地址(&amp;B)：</translation>
    </message>
    <message>
        <source>Local address: 127.0.0.1 or ::1 only this computer; 0.0.0.0 or :: every interface</source>
        <translation>本地地址：127.0.0.1 或 ::1 仅限本机；0.0.0.0 或 :: 所有网络接口</translation>
    </message>
    <message>
        <source>Bind address</source>
        <translation>绑定地址</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>0</source>
        <translation>0</translation>
    </message>
    <message>
        <source>0 = any</source>
        <translation>0 = 任意</translation>
    </message>
    <message>
        <source>Local port 1–65535, or 0 to let the OS choose</source>
        <translation>本地端口 1–65535，或 0 表示由操作系统选择</translation>
    </message>
    <message>
        <source>Bind port</source>
        <translation>绑定端口</translation>
    </message>
    <message>
        <source>B&amp;ind</source>
        <translation>绑定(&amp;I)</translation>
    </message>
    <message>
        <source>bind() the UDP socket (F5)</source>
        <translation>bind() UDP 套接字（F5）</translation>
    </message>
    <message>
        <source>Bind</source>
        <translation>绑定</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
    <message>
        <source>Close the UDP socket (Shift+F5)</source>
        <translation>关闭 UDP 套接字（Shift+F5）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Target host:</source>
        <translation>目标主机(&amp;T)：</translation>
    </message>
    <message>
        <source>127.0.0.1</source>
        <translation>127.0.0.1</translation>
    </message>
    <message>
        <source>Where sendto() sends: host name or IP address</source>
        <translation>sendto() 的发送目标：主机名或 IP 地址</translation>
    </message>
    <message>
        <source>Target host</source>
        <translation>目标主机</translation>
    </message>
    <message>
        <source>Target p&amp;ort:</source>
        <translation>目标端口(&amp;O)：</translation>
    </message>
    <message>
        <source>9000</source>
        <translation>9000</translation>
    </message>
    <message>
        <source>Port 1–65535 of the target</source>
        <translation>目标的端口，1–65535</translation>
    </message>
    <message>
        <source>Target port</source>
        <translation>目标端口</translation>
    </message>
    <message>
        <source>Reply to last &amp;sender</source>
        <translation>回复最后的发送者(&amp;S)</translation>
    </message>
    <message>
        <source>Send to whoever sent the last datagram instead of the target</source>
        <translation>发送给最后一个数据报的发送者，而不是目标</translation>
    </message>
    <message>
        <source>Reply to last sender</source>
        <translation>回复最后的发送者</translation>
    </message>
    <message>
        <source>Broad&amp;cast</source>
        <translation>广播(&amp;C)</translation>
    </message>
    <message>
        <source>Allow sending to broadcast addresses (SO_BROADCAST)</source>
        <translation>允许向广播地址发送（SO_BROADCAST）</translation>
    </message>
    <message>
        <source>Allow broadcast</source>
        <translation>允许广播</translation>
    </message>
    <message>
        <source>Auto-&amp;reply:</source>
        <translation>自动回复(&amp;R)：</translation>
    </message>
    <message>
        <source>Answer each datagram automatically</source>
        <translation>自动回复每个数据报</translation>
    </message>
    <message>
        <source>Auto-reply mode</source>
        <translation>自动回复模式</translation>
    </message>
    <message>
        <source>{data} stands for the received bytes</source>
        <translation>{data} 代表收到的字节</translation>
    </message>
    <message>
        <source>Reply template</source>
        <translation>回复模板</translation>
    </message>
    <message>
        <source>Network exposure notice</source>
        <translation>网络暴露提示</translation>
    </message>
    <message>
        <source>Field error</source>
        <translation>字段错误</translation>
    </message>
    <message>
        <source>Datagram peers</source>
        <translation>数据报对端</translation>
    </message>
    <message>
        <source>Every address:port that sent or received datagrams</source>
        <translation>每个发送或接收过数据报的 地址:端口</translation>
    </message>
    <message>
        <source>Use as &amp;target</source>
        <translation>用作目标(&amp;T)</translation>
    </message>
    <message>
        <source>Send to the selected peer from now on</source>
        <translation>从现在起发送给所选对端</translation>
    </message>
    <message>
        <source>Use selected peer as target</source>
        <translation>将所选对端用作目标</translation>
    </message>
    <message>
        <source>UDP %1</source>
        <translation>UDP %1</translation>
    </message>
    <message>
        <source>UDP (not bound)</source>
        <translation>UDP（未绑定）</translation>
    </message>
    <message>
        <source>Bind address: %1</source>
        <translation>绑定地址：%1</translation>
    </message>
    <message>
        <source>Port: %1</source>
        <translation>端口：%1</translation>
    </message>
    <message>
        <source>Target host: %1</source>
        <translation>目标主机：%1</translation>
    </message>
    <message>
        <source>Target port: %1</source>
        <translation>目标端口：%1</translation>
    </message>
    <message>
        <source>Cannot bind</source>
        <translation>无法绑定</translation>
    </message>
    <message>
        <source>Reply li&amp;mit:</source>
        <translation>回复限制(&amp;M)：</translation>
    </message>
    <message>
        <source>What auto-replies may send to one address: UDP source addresses can be forged, so unlimited replies would make this socket an amplifier</source>
        <translation>自动回复可向同一地址发送的量：UDP 源地址可以伪造，不加限制的回复会让此套接字成为放大器</translation>
    </message>
    <message>
        <source> replies/s</source>
        <translation> 条/秒</translation>
    </message>
    <message>
        <source>no reply limit</source>
        <translation>不限条数</translation>
    </message>
    <message>
        <source>Most auto-replies a second to one address (all its ports together); 0 = no limit</source>
        <translation>每秒向同一地址（其所有端口合计）发送的自动回复最多条数；0 = 不限</translation>
    </message>
    <message>
        <source>Auto-replies per second per address</source>
        <translation>每个地址每秒的自动回复条数</translation>
    </message>
    <message>
        <source> B/s</source>
        <translation> 字节/秒</translation>
    </message>
    <message>
        <source>no byte limit</source>
        <translation>不限字节</translation>
    </message>
    <message>
        <source>Most bytes of auto-replies a second to one address; 0 = no limit</source>
        <translation>每秒向同一地址发送的自动回复最多字节数；0 = 不限</translation>
    </message>
    <message>
        <source>Auto-reply bytes per second per address</source>
        <translation>每个地址每秒的自动回复字节数</translation>
    </message>
    <message>
        <source>Max reply si&amp;ze:</source>
        <translation>最大回复长度(&amp;Z)：</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> 字节</translation>
    </message>
    <message>
        <source>An auto-reply larger than this is not sent, and the log says so</source>
        <translation>超过此长度的自动回复不会发送，日志中会说明</translation>
    </message>
    <message>
        <source>Largest auto-reply in bytes</source>
        <translation>自动回复的最大字节数</translation>
    </message>
    <message>
        <source>Held-back replies and kernel drops</source>
        <translation>被拦下的回复和内核丢弃</translation>
    </message>
    <message>
        <source>Auto-replies held back: %1 (over the rate: %2, too large: %3) · datagrams the kernel dropped: %4</source>
        <translation>被拦下的自动回复：%1（超过速率：%2，过大：%3）· 内核丢弃的数据报：%4</translation>
    </message>
    <message>
        <source>Auto-reply: %1</source>
        <translation>自动回复：%1</translation>
    </message>
    <message>
        <source>Target host: %1. Nothing was sent.</source>
        <translation>目标主机：%1。未发送任何内容。</translation>
    </message>
    <message>
        <source>Target port: %1. Nothing was sent.</source>
        <translation>目标端口：%1。未发送任何内容。</translation>
    </message>
    <message>
        <source>%1. Nothing was sent.</source>
        <translation>%1。未发送任何内容。</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Empty: loopback for a loopback target, all interfaces otherwise</source>
        <translation>留空：目标为回环地址时绑定回环地址，否则绑定所有接口</translation>
    </message>
    <message>
        <source>0 = any free port</source>
        <translation>0 = 任一空闲端口</translation>
    </message>
    <message>
        <source>0 lets the OS pick a free port; once bound, the field shows the one it chose and Close → Bind binds it again</source>
        <translation>0 表示由操作系统选择空闲端口；绑定后，此处显示它选中的端口，关闭 → 绑定会再次绑定该端口</translation>
    </message>
    <message>
        <source>Not used while “Reply to last sender” is on</source>
        <translation>“回复最后的发送方”开启时不使用</translation>
    </message>
    <message>
        <source>Datagram peers and peer inspector</source>
        <translation>数据报对端与对端检查器</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Every address:port that sent or received datagrams; select one to use it as the target or see it in the inspector</source>
        <translation>每个收发过数据报的“地址:端口”；选中一个可将它设为目标，或在检查器中查看它</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Everything about the selected peer: endpoints, times, bytes and datagrams each way</source>
        <translation>所选对端的全部信息：两端地址、时间，以及每个方向的字节数和数据报数</translation>
    </message>
</context>
<context>
    <name>UdpSession</name>
    <message>
        <source>Cannot bind UDP to %1: %2</source>
        <translation>无法将 UDP 绑定到 %1：%2</translation>
    </message>
    <message>
        <source>Bound UDP to %1; recvfrom() waits for datagrams</source>
        <translation>UDP 已绑定到 %1；recvfrom() 等待数据报</translation>
    </message>
    <message>
        <source>Closed the UDP socket on %1</source>
        <translation>已关闭 %1 上的 UDP 套接字</translation>
    </message>
    <message>
        <source>Datagram to %1 was rejected: %2</source>
        <translation>发往 %1 的数据报被拒绝：%2</translation>
    </message>
    <message>
        <source>No target: set a host and a port from 1 to 65535 first</source>
        <translation>没有目标：请先设置主机和 1 到 65535 之间的端口</translation>
    </message>
    <message>
        <source>Cannot send to %1:%2: host not found (%3)</source>
        <translation>无法发送到 %1:%2：找不到主机（%3）</translation>
    </message>
    <message>
        <source>Not sent: a UDP datagram to %1 carries at most %2 bytes, this one has %3</source>
        <translation>未发送：发往 %1 的 UDP 数据报最多携带 %2 字节，而这个有 %3 字节</translation>
    </message>
    <message>
        <source>Not sent: %1 is a broadcast address; turn broadcast on first (SO_BROADCAST)</source>
        <translation>未发送：%1 是广播地址；请先打开广播（SO_BROADCAST）</translation>
    </message>
    <message>
        <source>Cannot send: the UDP socket could not be bound</source>
        <translation>无法发送：UDP 套接字未能绑定</translation>
    </message>
    <message>
        <source>Send to %1 failed: %2</source>
        <translation>发送到 %1 失败：%2</translation>
    </message>
    <message>
        <source>Nobody has sent a datagram yet: there is no sender to reply to</source>
        <translation>还没有人发来数据报：没有可回复的发送者</translation>
    </message>
    <message>
        <source>Broadcast is off: turn it on to send to %1</source>
        <translation>广播已关闭：打开它才能发送到 %1</translation>
    </message>
    <message>
        <source>%1 is not a broadcast address</source>
        <translation>%1 不是广播地址</translation>
    </message>
    <message>
        <source>%1 bytes is over the maximum reply size of %2 bytes</source>
        <translation>%1 字节超过了最大回复长度 %2 字节</translation>
    </message>
    <message>
        <source>over the limit of %1 replies and %2 bytes a second to one address</source>
        <translation>超过了每秒向同一地址 %1 条、%2 字节的限制</translation>
    </message>
    <message>
        <source>over the limit of %1 replies a second to one address</source>
        <translation>超过了每秒向同一地址 %1 条的限制</translation>
    </message>
    <message>
        <source>over the limit of %1 bytes a second to one address</source>
        <translation>超过了每秒向同一地址 %1 字节的限制</translation>
    </message>
    <message>
        <source>Auto-reply to %1 not sent: %2 (held back since the last notice: %3; in all: %4)</source>
        <translation>未向 %1 发送自动回复：%2（自上次通知以来拦下：%3；总计：%4）</translation>
    </message>
    <message>
        <source>Not sent: this socket is bound to %1, so a broadcast to %2 cannot leave this computer; bind to 0.0.0.0 or to an interface&apos;s address first</source>
        <translation>未发送：此套接字绑定在 %1，发往 %2 的广播无法离开本机；请先绑定 0.0.0.0 或某个接口的地址</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <source>the session is not open</source>
        <translation>会话未打开</translation>
    </message>
</context>
</TS>
