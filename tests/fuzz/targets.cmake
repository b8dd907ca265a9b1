# The fuzz targets (tests/fuzz/fuzz_<name>.cpp, seeds in corpus/<name>/) and
# the core sources they exercise (relative to src/core). Read by tests/fuzz/CMakeLists.txt (replay
# tests in the normal build) and tests/fuzz/libfuzzer/CMakeLists.txt (the
# clang/libFuzzer build of tests/fuzz/run).
set(SW_FUZZ_TARGETS payload_parser framer stream_decoder http_request template library_file)
set(SW_FUZZ_CORE_SOURCES
    reply/AutoReply.cpp reply/AutoResponder.cpp framing/Framer.cpp framing/FramingSpec.cpp
    reply/HttpRequestParser.cpp text/PayloadParser.cpp text/StreamDecoder.cpp text/TextCodec.cpp
    commands/Checksum.cpp commands/CommandSequence.cpp commands/LibraryFile.cpp
    commands/PayloadEntry.cpp commands/PayloadLibrary.cpp commands/SequenceStep.cpp
    commands/Template.cpp
    # The library file's [rules NAME] sections (issue 20); RuleMatcher needs libpcre2-8.
    reply/ReplyRule.cpp reply/RuleMatcher.cpp)
